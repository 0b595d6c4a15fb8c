package org.phloem.runtime.sample;

/**
 * A first step size for the current metric (Hoffman &amp; Gelman 2014, algorithm 4, as Stan does it):
 * double or halve ε until the acceptance probability of one leapfrog step from the current point
 * crosses 0.8. Bounded to {@value #MAX_TRIES} halvings or doublings so that a target with a flat or
 * undefined region cannot loop for ever.
 */
final class StepSizeSearch {
  static final int MAX_TRIES = 60;
  private static final double LOG_TARGET = Math.log(0.8);

  private StepSizeSearch() {}

  /** A step size near which one leapfrog step is accepted with probability about 0.8. */
  static double find(LogDensity target, double[] x, double[] gradient, double logDensity, Metric metric, double start,
                     Rng rng) {
    double eps = start;
    int direction = 0;
    for (int tries = 0; tries < MAX_TRIES; tries++) {
      PhasePoint z = new PhasePoint(x, metric.drawMomentum(rng), gradient, logDensity);
      double h0 = z.hamiltonian(metric);
      double h = z.leapfrog(target, metric, eps).hamiltonian(metric);
      double deltaH = h0 - h;
      boolean accepted = deltaH > LOG_TARGET;
      if (direction == 0) {
        direction = accepted ? 1 : -1;
      } else if (direction == 1 && !accepted || direction == -1 && accepted) {
        break;
      }
      eps = direction == 1 ? 2 * eps : 0.5 * eps;
      if (eps > 1e7 || eps < 1e-300) {
        throw new SampleException("no usable step size: the posterior is "
            + (eps > 1e7 ? "flat (improper?) along some direction: give the parameters priors or bounds"
                : "not finite or not smooth near the starting point: check the model at these parameter values"));
      }
    }
    return eps;
  }
}
