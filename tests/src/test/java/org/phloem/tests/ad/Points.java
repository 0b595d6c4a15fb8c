package org.phloem.tests.ad;

import java.util.Random;
import org.phloem.runtime.ModelInfo;

/** Points and directions to check derivatives at: prior means, or seeded random points inside the bounds. */
final class Points {
  private Points() {}

  /**
   * Point 0 is the prior means; any other seed gives a random point: uniform over the middle 80% of a
   * bounded slot's range (log-uniform for a log-scale slot with a positive lower bound), and the prior
   * mean ± half a prior sd (or ± 10% of the mean, at least 0.1, for a flat prior) in an unbounded one.
   */
  static double[] at(ModelInfo info, long seed) {
    double[] mean = info.priorMeans();
    if (seed == 0) {
      return mean;
    }
    double[] sd = info.priorSds();
    double[] lo = info.lowerBounds();
    double[] hi = info.upperBounds();
    boolean[] log = info.logScale();
    Random random = new Random(seed);
    double[] p = new double[mean.length];
    for (int k = 0; k < p.length; k++) {
      double u = 0.1 + 0.8 * random.nextDouble();
      if (Double.isFinite(lo[k]) && Double.isFinite(hi[k])) {
        p[k] = log[k] && lo[k] > 0 ? Math.exp(Math.log(lo[k]) + u * Math.log(hi[k] / lo[k])) : lo[k] + u * (hi[k] - lo[k]);
      } else {
        // a flat prior says nothing of the scale but the mean's: move by up to 10% of it, keeping its sign
        double spread = Double.isFinite(sd[k]) ? 0.5 * sd[k] : mean[k] != 0 ? 0.1 * Math.abs(mean[k]) : 0.1;
        p[k] = Math.min(hi[k], Math.max(lo[k], mean[k] + (2 * u - 1) * spread));
      }
    }
    return p;
  }

  /** A seeded direction with entries in (−1, 1). */
  static double[] direction(int n, long seed) {
    Random random = new Random(seed * 31 + 7);
    double[] d = new double[n];
    for (int k = 0; k < n; k++) {
      d[k] = 2 * random.nextDouble() - 1;
    }
    return d;
  }
}
