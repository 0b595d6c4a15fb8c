package org.phloem.tests.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;

/**
 * Expressions the checker types INT but that stand where a real is needed — a conditional with integer
 * branches, min/max/abs of integers, a let holding an integer — compile and compute their value. The
 * random models found each as an internal compiler error in the lowering; these are the smallest cases.
 * Expected values are worked by hand.
 */
class IntegerValuedExpressionsTest {
  private static final String HEADER = "model ints \"integer-valued expressions\"\ndim day = 4\nparam a = 0.8\noutput tot\n";

  /** tot at a = 0.8 and dtot/da, from the cost ½ tot² of {@code observe tot ~ normal(0, 1)}. */
  private static double[] totAndSlope(String statements) throws Exception {
    CompiledModel m = Generated.compile(HEADER + statements + "\nobserve tot ~ normal(0, 1)\n").model();
    double[] p = {0.8};
    double[] g = new double[1];
    double cost = m.gradient(p, g);
    double tot = Math.sqrt(2 * cost);
    return new double[] {tot, g[0] / tot};
  }

  @Test
  void conditionalWithIntegerBranches() throws Exception {
    double[] r = totAndSlope("tot = a + (if a > 0 then 1 else 0)");
    assertEquals(1.8, r[0], 1e-15);
    assertEquals(1.0, r[1], 1e-15);
  }

  @Test
  void minMaxAbsOfLoopIndices() throws Exception {
    // Σ_t min(t, 2) = 0+1+2+2 = 5, Σ_t abs(t - 2) = 2+1+0+1 = 4, Σ_t max(t, 1) = 1+1+2+3 = 7
    double[] r = totAndSlope("for t in day {\n  tot = tot + a * (min(t, 2) + abs(t - 2) + max(t, 1))\n}");
    assertEquals(0.8 * 16, r[0], 1e-13);
    assertEquals(16, r[1], 1e-13);
  }

  @Test
  void letOfAnIntegerReadAsANumber() throws Exception {
    double[] r = totAndSlope("let n = size(day)\ntot = a * n + sin(n)");
    assertEquals(0.8 * 4 + Math.sin(4), r[0], 1e-15);
    assertEquals(4, r[1], 1e-14);
  }

  @Test
  void integerArithmeticOverThoseExpressions() throws Exception {
    // -abs(2) = -2; Σ_t (min(t, 1) + 1) = 1+2+2+2 = 7; (Σ_t t) * 2 = 12
    double[] r = totAndSlope("tot = a * (-abs(2))\nfor t in day {\n  tot = tot + a * (min(t, 1) + 1)\n}\n"
        + "tot = tot + a * ((sum(t in day) t) * 2)");
    assertEquals(0.8 * 17, r[0], 1e-13);
    assertEquals(17, r[1], 1e-13);
  }

  @Test
  void comparisonOfIntegerValuedExpressions() throws Exception {
    // the comparison is made on reals: -abs(2) < min(1, 3) holds, so tot = a
    double[] r = totAndSlope("let q = -abs(2)\ntot = if q < min(1, 3) then a else 2 * a");
    assertEquals(0.8, r[0], 1e-15);
    assertEquals(1, r[1], 1e-15);
  }
}
