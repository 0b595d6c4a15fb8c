package org.phloem.compiler.check;

/**
 * A param's prior and bounds, evaluated. Arrays have one value for a scalar clause (to be broadcast
 * over the param's elements) or one per element for a list clause.
 *
 * @param mean the prior mean, also the starting value
 * @param sd the prior sd, or null for a flat prior (least squares on the observations alone)
 * @param lower the lower bound, {@code Double.NEGATIVE_INFINITY} when none is given
 * @param upper the upper bound, {@code Double.POSITIVE_INFINITY} when none is given
 * @param log true when the prior and the search are on log(param)
 */
public record ParamPrior(double[] mean, double[] sd, double lower, double upper, boolean log) {
  public ParamPrior {
    mean = mean.clone();
    sd = sd == null ? null : sd.clone();
  }

  /** The mean values (a copy). */
  @Override
  public double[] mean() {
    return mean.clone();
  }

  /** The sd values (a copy), or null for a flat prior. */
  @Override
  public double[] sd() {
    return sd == null ? null : sd.clone();
  }

  /** True when the prior is flat (no {@code sd}). */
  public boolean flat() {
    return sd == null;
  }
}
