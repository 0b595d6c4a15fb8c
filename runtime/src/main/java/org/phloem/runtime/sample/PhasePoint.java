package org.phloem.runtime.sample;

/**
 * A point of the Hamiltonian system: position x, momentum r, the gradient of log π at x and log π(x).
 * Immutable by convention once built (the integrator makes new points).
 */
record PhasePoint(double[] x, double[] r, double[] gradient, double logDensity) {

  /** The Hamiltonian H = −log π(x) + ½ rᵀ M⁻¹ r (+∞ where log π is not finite). */
  double hamiltonian(Metric metric) {
    double h = -logDensity + metric.kinetic(r);
    return Double.isNaN(h) ? Double.POSITIVE_INFINITY : h;
  }

  /** M⁻¹ r, the velocity ("p sharp" in Stan), which the no-U-turn criterion uses. */
  double[] velocity(Metric metric) {
    return metric.velocity(r);
  }

  /**
   * One leapfrog step of size {@code eps} (negative to integrate backwards in time).
   *
   * @param target the log density (its gradient is evaluated once, at the new position)
   */
  PhasePoint leapfrog(LogDensity target, Metric metric, double eps) {
    int n = x.length;
    double[] rHalf = new double[n];
    for (int i = 0; i < n; i++) {
      rHalf[i] = r[i] + 0.5 * eps * gradient[i];
    }
    double[] v = metric.velocity(rHalf);
    double[] xNew = new double[n];
    for (int i = 0; i < n; i++) {
      xNew[i] = x[i] + eps * v[i];
    }
    double[] g = new double[n];
    double lp = target.logDensity(xNew, g);
    double[] rNew = new double[n];
    for (int i = 0; i < n; i++) {
      rNew[i] = rHalf[i] + 0.5 * eps * g[i];
    }
    return new PhasePoint(xNew, rNew, g, lp);
  }
}
