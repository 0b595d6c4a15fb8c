package org.phloem.compiler.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.phloem.runtime.ModelInfo;

/**
 * Random parameter points around the prior, strictly inside the bounds, for checking derivatives away
 * from the prior means: each slot is drawn from its prior (normal, or log-normal for a {@code log}
 * slot), a flat-prior slot from a normal of sd 10 % of its mean (1 when the mean is 0). A draw outside
 * the bounds is redrawn; after 100 misses the slot goes halfway from its mean to the bound it missed.
 */
final class RandomPoints {
  private static final int TRIES = 100;

  private RandomPoints() {}

  /** {@code count} points, the same for the same seed. */
  static List<double[]> around(ModelInfo info, int count, long seed) {
    Random random = new Random(seed);
    double[] mean = info.priorMeans();
    double[] sd = info.priorSds();
    double[] lo = info.lowerBounds();
    double[] hi = info.upperBounds();
    boolean[] log = info.logScale();
    List<double[]> points = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      double[] p = new double[mean.length];
      for (int i = 0; i < p.length; i++) {
        p[i] = draw(random, mean[i], sd[i], lo[i], hi[i], log[i]);
      }
      points.add(p);
    }
    return points;
  }

  private static double draw(Random random, double mean, double sd, double lo, double hi, boolean log) {
    double v = mean;
    for (int t = 0; t < TRIES; t++) {
      double z = random.nextGaussian();
      if (log && mean > 0) {
        double sdLog = Double.isFinite(sd) ? sd / mean : 0.1;
        v = mean * Math.exp(sdLog * z);
      } else {
        double s = Double.isFinite(sd) ? sd : (mean != 0 ? 0.1 * Math.abs(mean) : 1);
        v = mean + s * z;
      }
      if (v > lo && v < hi) {
        return v;
      }
    }
    return v <= lo ? mean + 0.5 * (lo - mean) : mean + 0.5 * (hi - mean);
  }
}
