package org.phloem.runtime.twin;

import org.phloem.runtime.ModelInfo;

/**
 * A "true" parameter vector drawn from a model's priors: per slot, normal with the prior mean and sd
 * (on ln p for {@code log} slots, sd σ/p0 as the fit's prior term uses), drawn again until it lies
 * strictly inside the slot's bounds. Slots in order, each from one seeded sequence, so a seed always
 * gives the same truth for the same model.
 */
public final class TruthDraw {
  /** Draws per slot before giving up: bounds that exclude nearly all of the prior are a modelling error. */
  static final int MAX_ATTEMPTS = 10_000;

  private TruthDraw() {}

  /**
   * The truth for {@code info} and {@code seed}.
   *
   * @throws IllegalArgumentException when a slot has a flat prior (nothing to draw from) or its bounds
   *     hold almost none of its prior (the message names the slot)
   */
  public static double[] fromPrior(ModelInfo info, long seed) {
    GaussianNoise noise = new GaussianNoise(seed);
    double[] mean = info.priorMeans();
    double[] sd = info.priorSds();
    double[] lo = info.lowerBounds();
    double[] hi = info.upperBounds();
    boolean[] log = info.logScale();
    double[] truth = new double[mean.length];
    for (int i = 0; i < truth.length; i++) {
      String name = info.slotNames().get(i);
      if (!Double.isFinite(sd[i])) {
        throw new IllegalArgumentException("parameter " + name + " has a flat prior (no sd), so a truth cannot be drawn "
            + "from it; give the true values in a file instead");
      }
      truth[i] = Double.NaN;
      for (int attempt = 0; attempt < MAX_ATTEMPTS && Double.isNaN(truth[i]); attempt++) {
        double z = noise.next();
        double p = log[i] ? mean[i] * Math.exp(z * sd[i] / mean[i]) : mean[i] + z * sd[i];
        if (p > lo[i] && p < hi[i]) {
          truth[i] = p;
        }
      }
      if (Double.isNaN(truth[i])) {
        throw new IllegalArgumentException("parameter " + name + ": no draw from its prior fell inside its bounds ["
            + lo[i] + ", " + hi[i] + "] in " + MAX_ATTEMPTS + " tries");
      }
    }
    return truth;
  }
}
