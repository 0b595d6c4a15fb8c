package org.phloem.tests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.ClassReader;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.tests.support.Repo;

/**
 * A model file cannot make Phloem run code it should not: every class the compiler generates, for every
 * model in the repository and the front end's good corpus, references (in its constant pool, which is
 * where every class, field and method a class can touch must be named) only java.lang.Math and
 * StrictMath, java.lang.Object, the runtime's own classes and itself. No reflection, I/O, threads,
 * class loading or dynamic call sites can be reached from it.
 */
class GeneratedCodeSafetyTest {
  private static final Pattern CLASS_IN_DESCRIPTOR = Pattern.compile("L([^;]+);");
  private static final int CLASS = 7, FIELD = 9, METHOD = 10, INTERFACE_METHOD = 11, NAME_AND_TYPE = 12;
  private static final int METHOD_HANDLE = 15, METHOD_TYPE = 16, DYNAMIC = 17, INVOKE_DYNAMIC = 18;
  private static final int MODULE = 19, PACKAGE = 20;

  static Stream<Path> everyModel() throws IOException {
    List<Path> models = new ArrayList<>();
    for (Path dir : List.of(Repo.root().resolve("models"), Repo.root().resolve("compiler/src/test/resources/frontend/good"))) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.filter(f -> f.toString().endsWith(".phl")).sorted().toList()) {
          if (Pattern.compile("(?m)^\\s*model\\s").matcher(Files.readString(p)).find()) {
            models.add(p); // included-only files are compiled as part of the models that include them
          }
        }
      }
    }
    return models.stream();
  }

  @Test
  void theCorpusIsThere() throws IOException {
    assertTrue(everyModel().count() >= 5, "expected the repository's models and the good corpus");
  }

  @ParameterizedTest
  @MethodSource("everyModel")
  void generatedClass_referencesOnlyMathObjectTheRuntimeAndItself(Path model) throws Exception {
    Compilation c = Pipeline.compile(model, true);
    String self = c.loaded().binaryName().replace('.', '/');
    Set<String> refused = new TreeSet<>();
    Set<String> seen = referencedClasses(c.loaded().bytes());
    assertTrue(seen.contains("org/phloem/runtime/GeneratedModel"), "the scan missed the superclass: " + seen);
    for (String referenced : seen) {
      if (!allowed(referenced, self)) {
        refused.add(referenced);
      }
    }
    assertEquals(Set.of(), refused, model + ": its generated class reaches beyond Math and the runtime");
  }

  /** The check itself refuses what it must (a class that uses System and reflection). */
  @Test
  void theScan_findsForbiddenReferences() throws IOException {
    byte[] ownBytes;
    try (var in = GeneratedCodeSafetyTest.class.getResourceAsStream("GeneratedCodeSafetyTest.class")) {
      ownBytes = in.readAllBytes();
    }
    Set<String> seen = referencedClasses(ownBytes);
    assertTrue(seen.contains("java/nio/file/Files"), seen.toString());
    assertTrue(seen.stream().anyMatch(n -> !allowed(n, "org/phloem/tests/reliability/GeneratedCodeSafetyTest")));
  }

  private static boolean allowed(String internalName, String self) {
    String n = internalName.replaceFirst("^\\[+", "");
    if (n.length() == 1) {
      return true; // a primitive array such as [D or [[D
    }
    return n.equals(self) || n.equals("java/lang/Math") || n.equals("java/lang/StrictMath")
        || n.equals("java/lang/Object") || n.startsWith("org/phloem/runtime/");
  }

  /**
   * Every class named in the constant pool: Class entries, and every class in the descriptors of
   * fields and methods referred to. Dynamic call sites and method handles are refused outright (they
   * could reach anything), reported as the pseudo-class {@code <dynamic>}.
   */
  static Set<String> referencedClasses(byte[] bytes) {
    ClassReader r = new ClassReader(bytes);
    char[] buf = new char[r.getMaxStringLength()];
    Set<String> out = new TreeSet<>();
    for (int i = 1; i < r.getItemCount(); i++) {
      int at = r.getItem(i);
      if (at == 0) {
        continue; // the unusable slot after a long or double
      }
      switch (r.readByte(at - 1)) {
        case CLASS:
          String name = r.readUTF8(at, buf);
          if (name.startsWith("[") && name.contains("L")) {
            descriptorClasses(name, out); // an array of objects: its element class
          } else {
            out.add(name); // a class, or an array of primitives
          }
          break;
        case NAME_AND_TYPE:
          descriptorClasses(r.readUTF8(at + 2, buf), out);
          break;
        case METHOD_TYPE:
          descriptorClasses(r.readUTF8(at, buf), out);
          out.add("<dynamic>");
          break;
        case METHOD_HANDLE:
        case DYNAMIC:
        case INVOKE_DYNAMIC:
        case MODULE:
        case PACKAGE:
          out.add("<dynamic>");
          break;
        case FIELD:
        case METHOD:
        case INTERFACE_METHOD:
        default:
          break; // their class and name-and-type are entries of their own
      }
    }
    return out;
  }

  private static void descriptorClasses(String descriptor, Set<String> out) {
    Matcher m = CLASS_IN_DESCRIPTOR.matcher(descriptor);
    while (m.find()) {
      out.add(m.group(1));
    }
  }
}
