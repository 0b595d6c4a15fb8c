package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.runtime.ModelLayout;

/**
 * {@code phloem watch} reuses the last derivatives when an edit moved lines only (a comment added in
 * the model file or in a file it includes), and what it returns is what differentiating the new
 * program gives, lines included; a changed number or expression is differentiated again.
 */
class DerivativeReuseTest {
  @TempDir
  Path dir;

  private static final String MAIN = """
      model reuse "derivatives reused when only lines move"
      data "nist/Misra1a.csv"
      dim obs
      input x[obs]
      input y[obs]
      param b1 = 500
      param b2 = 1e-4
      output fit[obs]
      include "core.phl"
      observe fit[i] ~ normal(y[i], 1) for i in obs
      """;
  private static final String CORE = """
      for i in obs {
        let t = if x[i] > 30 then exp(-b2 * x[i]) else 1 - b2 * x[i]
        fit[i] = b1 * (1 - t) + 0.25 * b2
      }
      """;

  private IrProgram forward(String main, String core) throws Exception {
    Files.writeString(dir.resolve("core.phl"), core);
    return Pipeline.compile("reuse.phl", main, dir, false).forward();
  }

  @Test
  void linesMovedInEitherFile_reuseTheDerivatives_asDifferentiatingAgainWould() throws Exception {
    DerivativeReuse reuse = new DerivativeReuse();
    IrProgram first = forward(MAIN, CORE);
    assertSame(AutoDiff.differentiate(first), reuse.differentiate(first), false);

    IrProgram mainMoved = forward("// a comment moves the main file's lines\n\n" + MAIN, CORE);
    assertNotEquals(AutoDiff.differentiate(first).functions(), AutoDiff.differentiate(mainMoved).functions(),
        "the edit moves lines the derivative code carries");
    assertSame(AutoDiff.differentiate(mainMoved), reuse.differentiate(mainMoved), true);

    IrProgram bothMoved = forward("// a comment moves the main file's lines\n\n" + MAIN, "// and the included file's\n" + CORE);
    assertSame(AutoDiff.differentiate(bothMoved), reuse.differentiate(bothMoved), true);
  }

  /** The gradient alone ({@code phloem watch}'s light check) is kept apart, and reused the same way. */
  @Test
  void theGradientAlone_isReusedWhenLinesMoved_asDifferentiatingAgainWould() throws Exception {
    DerivativeReuse reuse = new DerivativeReuse();
    IrProgram first = forward(MAIN, CORE);
    assertSame(AutoDiff.gradientOnly(first), reuse.gradientOnly(first), false);
    assertSame(AutoDiff.differentiate(first), reuse.differentiate(first), false); // all of them: kept apart
    IrProgram moved = forward("// a comment moves the main file's lines\n\n" + MAIN, "// and the included file's\n" + CORE);
    assertSame(AutoDiff.gradientOnly(moved), reuse.gradientOnly(moved), true);
    assertSame(AutoDiff.differentiate(moved), reuse.differentiate(moved), true);
    IrProgram number = forward(MAIN, CORE.replace("0.25", "0.5"));
    assertSame(AutoDiff.gradientOnly(number), reuse.gradientOnly(number), false);
  }

  @Test
  void aNumberOrAnExpressionChanged_isDifferentiatedAgain() throws Exception {
    DerivativeReuse reuse = new DerivativeReuse();
    reuse.differentiate(forward(MAIN, CORE));
    IrProgram number = forward(MAIN, CORE.replace("0.25", "0.5"));
    assertSame(AutoDiff.differentiate(number), reuse.differentiate(number), false);
    IrProgram expression = forward(MAIN, CORE.replace("0.25 * b2", "0.25 * b2 * b1"));
    assertSame(AutoDiff.differentiate(expression), reuse.differentiate(expression), false);
  }

  /** Reused or not as {@code reused} says, and the programs equal ({@link #assertSame(IrProgram, IrProgram)}). */
  private static void assertSame(IrProgram expected, DerivativeReuse.Result actual, boolean reused) {
    assertEquals(reused, actual.reused());
    assertSame(expected, actual.program());
  }

  /** Equal programs: every function statement by statement (lines too), every declaration, arrays by content. */
  private static void assertSame(IrProgram expected, IrProgram actual) {
    assertEquals(expected.functions(), actual.functions());
    assertEquals(expected.outputs(), actual.outputs());
    assertEquals(expected.params(), actual.params());
    assertEquals(expected.inputs(), actual.inputs());
    assertEquals(expected.observations(), actual.observations());
    assertEquals(expected.dims(), actual.dims());
    assertEquals(expected.tables(), actual.tables());
    assertEquals(expected.arrays().size(), actual.arrays().size());
    for (int k = 0; k < expected.arrays().size(); k++) {
      ModelLayout.ArraySlot a = expected.arrays().get(k);
      ModelLayout.ArraySlot b = actual.arrays().get(k);
      assertEquals(a.name(), b.name());
      assertEquals(a.dims(), b.dims(), a.name());
      assertEquals(a.fill(), b.fill(), a.name());
      assertArrayEquals(a.values(), b.values(), a.name());
    }
  }
}
