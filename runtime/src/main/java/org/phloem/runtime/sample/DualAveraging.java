package org.phloem.runtime.sample;

/**
 * Step-size adaptation by Nesterov's dual averaging (Hoffman &amp; Gelman 2014, section 3.2, with Stan's
 * defaults): drives the mean acceptance statistic towards {@code delta} by adjusting log ε, and ends
 * with the averaged iterate exp(x̄), which is less noisy than the last one.
 */
final class DualAveraging {
  static final double GAMMA = 0.05;
  static final double T0 = 10;
  static final double KAPPA = 0.75;

  private final double delta;
  private double mu;
  private double counter;
  private double sBar;
  private double xBar;

  /** Adaptation towards mean acceptance {@code delta}, starting from step size {@code stepSize}. */
  DualAveraging(double delta, double stepSize) {
    this.delta = delta;
    restart(stepSize);
  }

  /** Restores a saved state (see {@link #save()}). */
  DualAveraging(double delta, double[] saved) {
    this.delta = delta;
    mu = saved[0];
    counter = saved[1];
    sBar = saved[2];
    xBar = saved[3];
  }

  /** The state to save: mu, counter, s̄, x̄. */
  double[] save() {
    return new double[] {mu, counter, sBar, xBar};
  }

  /** Starts again around {@code stepSize} (after the metric changed): μ = log(10 ε). */
  void restart(double stepSize) {
    mu = Math.log(10 * stepSize);
    counter = 0;
    sBar = 0;
    xBar = 0;
  }

  /** The next step size after a transition whose acceptance statistic was {@code acceptStat}. */
  double learn(double acceptStat) {
    counter++;
    double a = Math.min(1, acceptStat);
    double eta = 1 / (counter + T0);
    sBar = (1 - eta) * sBar + eta * (delta - a);
    double x = mu - sBar * Math.sqrt(counter) / GAMMA;
    double w = Math.pow(counter, -KAPPA);
    xBar = (1 - w) * xBar + w * x;
    return Math.exp(x);
  }

  /** The adapted step size to sample with: exp(x̄). */
  double finalStepSize() {
    return Math.exp(xBar);
  }
}
