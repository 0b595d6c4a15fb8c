package org.phloem.runtime.fit;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** The test helper's exact derivatives agree with finite differences. */
class Dual2Test {

  private static Dual2 f(Dual2[] b) {
    // exercises every operation: exp, log, pow, div, times, plus, minus, square
    return b[0].times(b[1].exp()).div(b[2].square().plus(1)).plus(b[0].log().times(b[2])).minus(b[1].pow(1.5));
  }

  private static double fv(double[] p) {
    return f(Dual2.variables(p)).v;
  }

  @Property(tries = 50)
  void derivatives_matchFiniteDifferences(@ForAll @DoubleRange(min = 0.5, max = 2) double a,
      @ForAll @DoubleRange(min = 0.5, max = 2) double b, @ForAll @DoubleRange(min = -2, max = 2) double c) {
    double[] p = {a, b, c};
    Dual2 d = f(Dual2.variables(p));
    FiniteDifferences.assertClose(FiniteDifferences.gradient(Dual2Test::fv, p, 1e-6), d.g, 1e-7, 1, "gradient");
    for (int i = 0; i < 3; i++) {
      int row = i;
      double[] fdRow = FiniteDifferences.gradient(q -> f(Dual2.variables(q)).g[row], p, 1e-6);
      FiniteDifferences.assertClose(fdRow, d.h[row], 1e-6, 1, "hessian row " + row);
    }
  }
}
