package org.phloem.runtime.multistart;

import org.phloem.runtime.fit.AnalyticModel;
import org.phloem.runtime.fit.Dual2;

/**
 * A one-parameter model with two minima of known location: y₁ = a² observed as 4 (sd 0.1) pins |a| ≈ 2,
 * y₂ = a observed as 2 (sd 1) prefers +2. The prior N(−0.3, 2) puts the default start in the basin of
 * the worse minimum near −2, which the cost goes down into from a = −0.3 (∂J/∂a ≈ +232 there).
 *
 * <p>Minima (stationary points of J(a) = ½((a² − 4)/0.1)² + ½(a − 2)² + ½((a + 0.3)/2)²): a = +2 − ε with
 * J ≈ 0.66, and a = −2 − ε' with J ≈ 8.3; the barrier between them is at a ≈ 0.
 */
final class TwoWells {
  private TwoWells() {}

  static AnalyticModel model() {
    return AnalyticModel.builder("twowells")
        .param("a", -0.3, 2, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false)
        .observations(new double[] {4, 2}, new double[] {0.1, 1})
        .formula(p -> new Dual2[] {p[0].square(), p[0]});
  }

  /** J(a), to check the optima found against the formula. */
  static double cost(double a) {
    double r1 = (a * a - 4) / 0.1;
    double r2 = a - 2;
    double r3 = (a + 0.3) / 2;
    return 0.5 * (r1 * r1 + r2 * r2 + r3 * r3);
  }

  /** dJ/da. */
  static double slope(double a) {
    return (a * a - 4) / 0.01 * 2 * a + (a - 2) + (a + 0.3) / 4;
  }
}
