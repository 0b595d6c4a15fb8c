package org.phloem.compiler.diagnose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.diag.ErrorKind;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;

/**
 * The crashes the fuzzer found, each reduced to a few lines: each now compiles to code that computes
 * the values worked out by hand, or is refused with the error it deserves.
 */
class FuzzFindingsTest {
  @TempDir
  Path noData;

  /** An integer let (an index of a dim) used as an index: was an internal error in the lowering. */
  @Test
  void integerLet_usedAsAnIndex() throws Exception {
    CompiledModel m = run("dim day = 4\nparam a = 2 sd 1\nvar x[day]\noutput y[day]\n"
        + "for d in day { x[d] = a * d }\nfor d in day { let back = d - 1\n"
        + "  y[d] = if d > 0 then x[back] else 0 }\n");
    assertArrayEquals(new double[] {0, 0, 2, 4}, m.output(0)); // x = 0, 2, 4, 6; y[d] = x[d - 1]
  }

  /** A conditional with integer branches and min/max/abs of integers: INT-typed, which the IR cannot express. */
  @Test
  void integerConditionalsAndMinMax_areReals() throws Exception {
    CompiledModel m = run("dim day = 3\noutput y[day]\n"
        + "for d in day { y[d] = (if d > 1 then 10 else 20) + max(d, 1) + abs(0 - d) }\n");
    assertArrayEquals(new double[] {21, 22, 14}, m.output(0));
  }

  @Test
  void anIntegerMaxAsAnIndex_isRefusedAsNotAnInteger() {
    assertKind(ErrorKind.INDEX_NOT_INT, "dim day = 3\nvar x[day]\noutput y[day]\nfor d in day { y[d] = x[max(0, d - 1)] }\n");
  }

  /** Locals named like arrays, the cost J or the parameter vector p: clashing names in code generation and AD. */
  @Test
  void namesOfTheCompilersOwn_areTheModellersToUse() throws Exception {
    CompiledModel m = run("dim pft = 2\nparam J = 3 sd 1\nstate p = 1\noutput lai[pft]\noutput total\n"
        + "fn grow(lai) = lai * J\n"
        + "for p2 in pft { lai[p2] = grow(p2 + 1) }\n"
        + "for q in pft { p = p + lai[q] }\ntotal = p\n"
        + "observe total ~ normal(10, 1)\n");
    assertArrayEquals(new double[] {3, 6}, m.output(0));
    double cost = m.cost(m.info().priorMeans()); // total = 1 + 3 + 6 = 10: the observation fits exactly
    assertEquals(0.0, cost, 0.0);
    double[] g = new double[1];
    m.gradient(m.info().priorMeans(), g);
    assertEquals(0.0, g[0], 0.0); // d/dJ of ½(1 + 3J - 10)² at J = 3
  }

  @Test
  void aRealRemainder_isRefused() {
    assertKind(ErrorKind.NOT_INT, "output y\nfor t in 1..3 { y = y + t * 0.5 % 5 }\n");
  }

  @Test
  void aRemainderByZero_isRefused() {
    assertKind(ErrorKind.REMAINDER_BY_ZERO, "output y\nfor t in 1..3 { y = y + t % 0 }\n");
  }

  @Test
  void aDimSizedByNaN_isRefused() {
    assertKind(ErrorKind.DIM_SIZE, "dim k = 0 / 0\nvar x[k]\noutput y\n");
  }

  /**
   * A range bound near 2^31 (the run stage, seed -1123 of fossil_gradient.phl: {@code mm in
   * 0..99999999999999999999}): its end plus one wrapped around, so the forward loop ran no step and the
   * gradient's backward loop about 2^31, with an index out of range the forward re-run could not name
   * (exit 3). Such literals are refused where they are written, in bounds and in indices.
   */
  @Test
  void anIntegerTooLargeForAnIndex_isRefusedWhereItIsWritten() {
    CompileException e = assertThrows(CompileException.class, () -> Pipeline.compile("finding.phl",
        "model finding \"a fuzz finding\"\ndim month = 24\nparam s = 1 sd 1\nvar f[month]\noutput y\n"
            + "for mm in 0..99999999999999999999 { f[mm] = s }\ny = f[0]\nobserve y ~ normal(0, 1)\n", null, true));
    assertEquals(ErrorKind.INTEGER_TOO_LARGE, e.diagnostics().get(0).kind(), e.getMessage());
    assertEquals(6, e.diagnostics().get(0).span().startLine());
    assertEquals(14, e.diagnostics().get(0).span().startColumn(), e.getMessage());
    assertKind(ErrorKind.INTEGER_TOO_LARGE, "dim k = 3\nvar x[k]\noutput y\nfor i in k { y = x[i - 2147483648] }\n");
    assertKind(ErrorKind.INTEGER_TOO_LARGE, "output y\nfor t in -2000000000..0 { y = y + t }\n");
  }

  private CompiledModel run(String body) throws Exception {
    Compilation c = Pipeline.compile("finding.phl", "model finding \"a fuzz finding\"\n" + body, null, true);
    CompiledModel m = c.bind(noData);
    m.cost(m.info().priorMeans());
    return m;
  }

  private static void assertKind(ErrorKind kind, String body) {
    CompileException e = assertThrows(CompileException.class,
        () -> Pipeline.compile("finding.phl", "model finding \"a fuzz finding\"\n" + body, null, true));
    assertEquals(kind, e.diagnostics().get(0).kind(), e.getMessage());
  }
}
