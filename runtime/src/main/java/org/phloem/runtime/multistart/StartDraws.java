package org.phloem.runtime.multistart;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.fit.SearchSpace;

/**
 * The starting points of a multi-start fit, in physical units: start 0 is the default start (the prior
 * means, or the user's start file); every other start is a draw from the prior, slot by slot, strictly
 * inside the bounds.
 *
 * <p>A slot with a prior is drawn from it on the scale the prior is stated on (normal on p, or on ln p
 * for a {@code log} slot), truncated to the bounds by redrawing. A flat-prior slot has no distribution
 * to draw from; it is drawn as one standard normal step in the fit's search space around the default
 * start (one typical magnitude |start|, on ln p for a {@code log} slot; through the bounded transform,
 * so inside the bounds). A prior slot whose draws miss its bounds {@value #TRIES} times in a row (a prior
 * far outside them) is drawn like a flat slot.
 *
 * <p>All draws come from one {@link Random} in a fixed order (start by start, slot by slot), so the
 * same seed gives the same starts.
 */
public final class StartDraws {
  static final int TRIES = 100;

  private StartDraws() {}

  /**
   * {@code count} starts: the default start first, then {@code count − 1} draws.
   *
   * @param defaultStart start 0 in physical units (inside the bounds)
   */
  public static List<double[]> draw(ModelInfo info, double[] defaultStart, int count, long seed) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one start, got " + count);
    }
    SearchSpace space = SearchSpace.of(info, defaultStart);
    double[] mean = info.priorMeans();
    double[] sd = info.priorSds();
    double[] lo = info.lowerBounds();
    double[] hi = info.upperBounds();
    boolean[] log = info.logScale();
    Random random = new Random(seed);
    List<double[]> starts = new ArrayList<>();
    starts.add(defaultStart.clone());
    for (int k = 1; k < count; k++) {
      double[] p = new double[mean.length];
      for (int i = 0; i < p.length; i++) {
        p[i] = Double.isFinite(sd[i]) ? fromPrior(random, mean[i], sd[i], lo[i], hi[i], log[i], space, i)
            : inSearchSpace(random, space, i);
      }
      starts.add(p);
    }
    return starts;
  }

  private static double fromPrior(Random random, double mean, double sd, double lo, double hi, boolean log, SearchSpace space,
      int slot) {
    for (int t = 0; t < TRIES; t++) {
      double z = random.nextGaussian();
      double v = log ? Math.exp(Math.log(mean) + sd / mean * z) : mean + sd * z;
      if (v > lo && v < hi) {
        return v;
      }
    }
    return inSearchSpace(random, space, slot);
  }

  private static double inSearchSpace(Random random, SearchSpace space, int slot) {
    return space.slot(slot).physical(random.nextGaussian());
  }
}
