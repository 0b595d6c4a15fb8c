package org.phloem.runtime.sample;

/**
 * A correlated Gaussian log density with known mean and covariance, for checking the sampler against
 * the exact answer: log π(x) = −½ (x − μ)ᵀ Σ⁻¹ (x − μ), with Σ⁻¹ given.
 */
final class GaussianTarget implements LogDensity {
  final double[] mean;
  final double[][] precision;
  int evaluations;

  GaussianTarget(double[] mean, double[][] precision) {
    this.mean = mean;
    this.precision = precision;
  }

  @Override
  public int dimension() {
    return mean.length;
  }

  @Override
  public double logDensity(double[] x, double[] g) {
    evaluations++;
    int n = mean.length;
    double lp = 0;
    for (int i = 0; i < n; i++) {
      double gi = 0;
      for (int j = 0; j < n; j++) {
        gi -= precision[i][j] * (x[j] - mean[j]);
      }
      g[i] = gi;
      lp += 0.5 * gi * (x[i] - mean[i]);
    }
    return lp;
  }

  @Override
  public LogDensity copy() {
    return new GaussianTarget(mean, precision);
  }
}
