package org.phloem.compiler.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phloem.compiler.diag.CompileException;

/**
 * Whatever a modeller writes, the front end answers with a model or a {@link CompileException}: never
 * a NullPointerException, an ANTLR exception or any other stack trace. Checked on every file of the
 * corpus (included files too, on their own) and on random edits of the corpus.
 */
class NoCrashTest {
  static final Path CORPUS = Path.of("src/test/resources/frontend");

  static Stream<Path> everyFile() throws IOException {
    try (Stream<Path> s = Files.walk(CORPUS)) {
      return s.filter(p -> p.toString().endsWith(".phl")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("everyFile")
  void analyze_anyCorpusFile_givesModelOrCompileException(Path file) {
    analyzeSafely(file.toString(), read(file), file.getParent());
  }

  /** Deleting, duplicating or replacing a stretch of a corpus file never crashes the front end. */
  @Property(tries = 300)
  void analyze_editedCorpusFile_givesModelOrCompileException(
      @ForAll("edits") Tuple.Tuple4<Integer, Integer, Integer, String> edit) throws IOException {
    List<Path> files = everyFile().toList();
    Path file = files.get(edit.get1() % files.size());
    String text = read(file);
    int at = text.isEmpty() ? 0 : edit.get2() % text.length();
    int length = Math.min(edit.get3(), text.length() - at);
    String edited;
    switch (edit.get4().isEmpty() ? 0 : edit.get4().charAt(0) % 3) {
      case 0:
        edited = text.substring(0, at) + text.substring(at + length);
        break;
      case 1:
        edited = text.substring(0, at + length) + text.substring(at);
        break;
      default:
        edited = text.substring(0, at) + edit.get4() + text.substring(at + length);
    }
    analyzeSafely(file + " (edited)", edited, file.getParent());
  }

  @Provide
  Arbitrary<Tuple.Tuple4<Integer, Integer, Integer, String>> edits() {
    Arbitrary<String> junk = Arbitraries.strings()
        .withChars("{}[]()=+-*/^<>!&|~,.;:\"'@#%$ \n\t0123456789eabcdfnorstuxy_")
        .ofMinLength(0).ofMaxLength(6);
    return Arbitraries.integers().between(0, 10_000)
        .tuple3()
        .flatMap(t -> junk.map(j -> Tuple.of(t.get1(), t.get2(), t.get3() % 12, j)));
  }

  private static void analyzeSafely(String name, String text, Path folder) {
    try {
      Frontend.analyze(name, text, folder);
    } catch (CompileException e) {
      assertFalse(e.getMessage().isBlank(), "an empty error report for " + name);
    } catch (RuntimeException | Error e) {
      throw new AssertionError("the front end crashed on " + name + ":\n" + text, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      fail(e);
      return null;
    }
  }
}
