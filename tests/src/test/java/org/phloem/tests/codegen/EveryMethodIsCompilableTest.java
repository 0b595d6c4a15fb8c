package org.phloem.tests.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.Type;
import org.phloem.compiler.codegen.ClassEmitter;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.tests.support.Repo;

/**
 * Every generated method of every model in the repository, derivatives and checkpointed sweeps
 * included, is at most 8,000 bytes of bytecode, so HotSpot compiles all of them without
 * {@code -XX:-DontCompileHugeMethods}, and takes at most {@link ClassEmitter#MAX_HELPER_ARGUMENTS}
 * arguments, so HotSpot's C2 does not refuse it for its calling sequence (it did for DALEC's gradient
 * helper with 56 arguments, which then ran as C1 code). Sizes and descriptors are read from the class
 * file, not from the emitter. The largest method of each model is printed, split and (for comparison) whole.
 */
class EveryMethodIsCompilableTest {
  private static String largestOverall = "";
  private static int largestSize;

  static Stream<Path> everyModel() throws IOException {
    try (Stream<Path> s = Files.walk(Repo.root().resolve("models"))) {
      List<Path> models = s.filter(f -> f.toString().endsWith(".phl")).sorted().toList();
      Pattern declaresModel = Pattern.compile("(?m)^\\s*model\\s");
      return models.stream().filter(p -> {
        try {
          return declaresModel.matcher(Files.readString(p)).find(); // included files are parts of models
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).toList().stream();
    }
  }

  @Test
  void theModelsAreThere() throws IOException {
    List<String> names = everyModel().map(p -> p.getFileName().toString()).toList();
    assertTrue(names.contains("dalec.phl") && names.contains("hyytiala.phl") && names.size() >= 20, names.toString());
  }

  @ParameterizedTest
  @MethodSource("everyModel")
  void everyMethod_isWithinTheJitLimit(Path model) throws Exception {
    Compilation c = Pipeline.compile(model, true);
    Map<String, Integer> sizes = MethodSizes.of(c.loaded().bytes());
    Map.Entry<String, Integer> largest = largest(sizes);
    // The unsplit size is printed for comparison only; a model whose unsplit method would exceed the JVM's
    // 64 KB limit (ASM refuses to write it) prints -1 there: splitting is what makes it compile at all.
    int whole;
    try {
      whole = largest(MethodSizes.of(ClassEmitter.emit(c.program(), ClassEmitter.NO_SPLITTING))).getValue();
    } catch (org.objectweb.asm.MethodTooLargeException e) {
      whole = -1;
    }
    System.out.printf("%-28s %3d methods, largest %-44s %5d bytes (unsplit: %5d)%n",
        Repo.root().resolve("models").relativize(model), sizes.size(), largest.getKey(), largest.getValue(), whole);
    record(model + " " + largest.getKey(), largest.getValue());
    assertTrue(largest.getValue() <= ClassEmitter.JIT_LIMIT, model + ": " + largest);
  }

  @ParameterizedTest
  @MethodSource("everyModel")
  void everyMethod_takesFewEnoughArgumentsForC2(Path model) throws Exception {
    Compilation c = Pipeline.compile(model, true);
    for (String method : MethodSizes.of(c.loaded().bytes()).keySet()) {
      int arguments = 1 + Type.getArgumentTypes(method.substring(method.indexOf('('))).length; // this included
      assertTrue(arguments <= ClassEmitter.MAX_HELPER_ARGUMENTS, model + ": " + method + " takes " + arguments + " arguments");
    }
  }

  /** The parser reads what a class file says: this test's own class has the methods it declares. */
  @Test
  void theParser_findsThisClassesMethods() throws IOException {
    byte[] own;
    try (var in = getClass().getResourceAsStream("EveryMethodIsCompilableTest.class")) {
      own = in.readAllBytes();
    }
    Map<String, Integer> sizes = MethodSizes.of(own);
    assertTrue(sizes.containsKey("everyMethod_isWithinTheJitLimit(Ljava/nio/file/Path;)V"), sizes.toString());
    assertEquals(1, sizes.get("<init>()V") - 4, "a default constructor is aload_0, invokespecial, return: 5 bytes");
  }

  private static Map.Entry<String, Integer> largest(Map<String, Integer> sizes) {
    return sizes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
  }

  private static synchronized void record(String what, int size) {
    if (size > largestSize) {
      largestSize = size;
      largestOverall = what;
    }
  }

  @AfterAll
  static void printLargest() {
    System.out.println("largest generated method of any model: " + largestOverall + ", " + largestSize + " bytes");
  }
}
