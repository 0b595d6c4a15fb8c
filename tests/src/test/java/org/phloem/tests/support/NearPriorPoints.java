package org.phloem.tests.support;

import java.util.Random;
import org.phloem.runtime.ModelInfo;

/** Reproducible parameter points near a model's prior means, for tests that compare two builds of one model bit for bit. */
public final class NearPriorPoints {
  private NearPriorPoints() {}

  /** Point 0: the prior means; others: each slot moved by up to a tenth of its prior sd, inside its bounds. */
  public static double[] point(ModelInfo info, long seed) {
    double[] p = info.priorMeans();
    if (seed == 0) {
      return p;
    }
    Random random = new Random(seed);
    for (int k = 0; k < p.length; k++) {
      double sd = info.priorSds()[k];
      double step = Double.isFinite(sd) ? 0.1 * sd : 0.01 * Math.max(1, Math.abs(p[k]));
      p[k] = Math.min(info.upperBounds()[k], Math.max(info.lowerBounds()[k], p[k] + (2 * random.nextDouble() - 1) * step));
    }
    return p;
  }
}
