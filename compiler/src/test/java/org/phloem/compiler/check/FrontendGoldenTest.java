package org.phloem.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phloem.compiler.diag.CompileException;

/**
 * The error messages, pinned: every {@code frontend/bad/NAME.phl} must fail with exactly the text in
 * {@code NAME.expected}. Run with {@code -Dphloem.golden.update=true} to rewrite the expected files
 * from the current output, then review the diff by eye: every message must read well to a modeller.
 */
class FrontendGoldenTest {
  static final Path BAD = Path.of("src/test/resources/frontend/bad");
  static final boolean UPDATE = Boolean.getBoolean("phloem.golden.update");

  static Stream<Path> badModels() throws IOException {
    try (Stream<Path> s = Files.list(BAD)) {
      return s.filter(p -> p.toString().endsWith(".phl")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("badModels")
  void analyze_badModel_reportsExactlyTheExpectedErrors(Path model) throws IOException {
    String name = model.getFileName().toString();
    String text = Files.readString(model, StandardCharsets.UTF_8);
    String actual;
    try {
      Frontend.analyze("bad/" + name, text, BAD);
      fail(name + " should not pass the front end");
      return;
    } catch (CompileException e) {
      actual = e.getMessage();
    }
    Path expectedFile = BAD.resolve(name.replaceFirst("\\.phl$", ".expected"));
    if (UPDATE) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(Files.exists(expectedFile),
        "no " + expectedFile.getFileName() + "; run with -Dphloem.golden.update=true and review it");
    assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual, name);
  }
}
