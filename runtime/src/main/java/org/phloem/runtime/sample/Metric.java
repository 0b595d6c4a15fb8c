package org.phloem.runtime.sample;

/**
 * The sampler's metric, given by its inverse M⁻¹ (an estimate of the posterior covariance): diagonal
 * (Stan's default: one variance per variable) or dense (the whole covariance, which follows strong
 * linear correlations between parameters at the cost of a Cholesky factor, O(n³) per warm-up window
 * and O(n²) per leapfrog step). Kinetic energy ½ rᵀ M⁻¹ r, velocity M⁻¹ r, momenta r ~ N(0, M).
 *
 * <p>Its flat form ({@link #flat()}) is n numbers for a diagonal metric and n² (row-major) for a
 * dense one: that is how chains save and restore it.
 */
final class Metric {
  private final int n;
  private final double[] diagonal;
  private final double[][] covariance;
  private final double[][] cholesky;

  private Metric(int n, double[] diagonal, double[][] covariance) {
    this.n = n;
    this.diagonal = diagonal;
    this.covariance = covariance;
    this.cholesky = covariance == null ? null : cholesky(covariance);
  }

  /** The unit metric of {@code n} variables, diagonal or dense. */
  static Metric unit(int n, boolean dense) {
    double[] flat = new double[dense ? n * n : n];
    for (int i = 0; i < n; i++) {
      flat[dense ? i * n + i : i] = 1;
    }
    return fromFlat(n, flat);
  }

  /** The metric of flat form {@code flat}: n numbers (diagonal) or n² (dense, row-major). */
  static Metric fromFlat(int n, double[] flat) {
    if (flat.length == n) {
      return new Metric(n, flat.clone(), null);
    }
    if (flat.length != n * n) {
      throw new IllegalArgumentException("a metric of " + n + " variables has " + n + " or " + n * n + " numbers, not " + flat.length);
    }
    double[][] c = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(flat, i * n, c[i], 0, n);
    }
    return new Metric(n, null, c);
  }

  /** n numbers (diagonal) or n² (dense, row-major). */
  double[] flat() {
    if (diagonal != null) {
      return diagonal.clone();
    }
    double[] f = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(covariance[i], 0, f, i * n, n);
    }
    return f;
  }

  /** Whether this is a dense metric. */
  boolean isDense() {
    return diagonal == null;
  }

  /** The diagonal of M⁻¹ (the estimated marginal variances). */
  double[] variances() {
    if (diagonal != null) {
      return diagonal.clone();
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = covariance[i][i];
    }
    return v;
  }

  /** M⁻¹ r. */
  double[] velocity(double[] r) {
    double[] v = new double[n];
    if (diagonal != null) {
      for (int i = 0; i < n; i++) {
        v[i] = diagonal[i] * r[i];
      }
      return v;
    }
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < n; j++) {
        s += covariance[i][j] * r[j];
      }
      v[i] = s;
    }
    return v;
  }

  /** ½ rᵀ M⁻¹ r. */
  double kinetic(double[] r) {
    double[] v = velocity(r);
    double k = 0;
    for (int i = 0; i < n; i++) {
      k += r[i] * v[i];
    }
    return 0.5 * k;
  }

  /** A momentum drawn from N(0, M): r = z/√d for a diagonal d, r = L⁻ᵀz for M⁻¹ = LLᵀ. */
  double[] drawMomentum(Rng rng) {
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = rng.nextGaussian();
    }
    if (diagonal != null) {
      for (int i = 0; i < n; i++) {
        z[i] /= Math.sqrt(diagonal[i]);
      }
      return z;
    }
    // back substitution with Lᵀ (upper triangular)
    double[] r = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = z[i];
      for (int j = i + 1; j < n; j++) {
        s -= cholesky[j][i] * r[j];
      }
      r[i] = s / cholesky[i][i];
    }
    return r;
  }

  private static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw new SampleException("the estimated posterior covariance is not positive definite (variable " + (i + 1)
                + "); use the diagonal metric (--metric diag) or a longer warm-up");
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    return l;
  }
}
