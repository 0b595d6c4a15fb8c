package org.phloem.runtime.fit;

import java.util.SplittableRandom;

/**
 * The rounding noise of the computed cost at a point, measured as Moré and Wild do ("Estimating
 * computational noise", SIAM J. Sci. Comput. 33, 2011): along a random direction d, the fourth difference
 * J(x−2hd) − 4J(x−hd) + 6J(x) − 4J(x+hd) + J(x+2hd) of the smooth cost is of order h⁴ (nothing at the
 * step used), while independent rounding errors of sd σ give it variance 70σ². The step moves every
 * slot by {@value #STEP} in the search space (where one unit is a prior sd or a typical size), millions
 * of ulps, so the five points round independently.
 *
 * <p>A cost summed over 10⁵ observations rounds to hundreds of ulps, far above a fixed band of a few
 * dozen; the trust-region phase uses this measurement to tell such noise from a real rise of the cost.
 */
final class CostNoise {
  private CostNoise() {}

  /** Directions sampled. */
  static final int DIRECTIONS = 2;
  /** Evaluations one measurement takes. */
  static final int EVALUATIONS = 4 * DIRECTIONS;
  /** The step along each direction, in search-space units. */
  static final double STEP = 1e-9;

  /** The sd of the rounding noise of f at x, where f(x) = fx; NaN when a nearby cost is not finite. */
  static double sd(Objective f, double[] x, double fx) {
    int n = x.length;
    SplittableRandom random = new SplittableRandom(0xc057);
    double sum = 0;
    double[] xt = new double[n];
    double[] d = new double[n];
    for (int k = 0; k < DIRECTIONS; k++) {
      for (int i = 0; i < n; i++) {
        d[i] = random.nextBoolean() ? 1 : -1;
      }
      double[] j = new double[5];
      j[2] = fx;
      for (int m = -2; m <= 2; m++) {
        if (m == 0) {
          continue;
        }
        for (int i = 0; i < n; i++) {
          xt[i] = x[i] + m * Math.max(STEP, 1024 * Math.ulp(x[i])) * d[i];
        }
        j[m + 2] = f.value(xt);
      }
      double fourth = j[0] - 4 * j[1] + 6 * j[2] - 4 * j[3] + j[4];
      sum += fourth * fourth;
    }
    return Math.sqrt(sum / (70.0 * DIRECTIONS));
  }
}
