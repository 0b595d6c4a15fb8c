package org.phloem.runtime.sample;

/** A log density on an unconstrained space with its gradient: what the sampler needs of a target. */
public interface LogDensity {
  /** Number of variables. */
  int dimension();

  /**
   * log π(x) up to a constant; overwrites {@code g} with its gradient. NaN or −∞ outside the support
   * (the sampler treats it as a divergence).
   */
  double logDensity(double[] x, double[] g);

  /** An independent instance for another thread (the compiled model is not thread-safe). */
  LogDensity copy();
}
