package org.phloem.runtime.sample;

/**
 * One transition of the No-U-Turn Sampler with multinomial sampling of the trajectory (Hoffman &amp;
 * Gelman 2014; Betancourt 2017, appendix A; the form of Stan's {@code base_nuts}) and a diagonal or dense metric.
 *
 * <p>The trajectory is doubled forwards or backwards in time until it makes a U-turn or reaches
 * {@code 2^maxDepth} steps. Within a new subtree a point is chosen in proportion to its weight
 * exp(H0 − H); between the old trajectory and the new subtree the choice is biased towards the new one
 * (accepted with probability min(1, w_new/w_old)), which moves further per transition. The U-turn test
 * uses the velocities M⁻¹r at the two ends and the summed momentum ρ, and is applied to each merged
 * pair of subtrees and across their seam (Stan's additional checks since 2.26, which stop trajectories
 * that turn within the seam). A step whose energy error exceeds {@value #MAX_ENERGY_ERROR} is a
 * divergence: the transition stops there and reports it.
 */
final class Nuts {
  /** Energy error (in units of log density) above which a step is called divergent, as in Stan. */
  static final double MAX_ENERGY_ERROR = 1000;

  /** What a transition returns: the new point and the diagnostics of how it was reached. */
  record Transition(double[] x, double[] gradient, double logDensity, double acceptStat, int treeDepth, int leapfrogs,
                    boolean divergent, double energy) {}

  /** A stretch of trajectory in time order, with its summed momentum, log weight and chosen point. */
  private record Segment(PhasePoint minus, PhasePoint plus, double[] rho, PhasePoint proposal, double logWeight) {}

  private final LogDensity target;
  private final Metric metric;
  private final double stepSize;
  private final int maxDepth;
  private final Rng rng;
  private int leapfrogs;
  private double sumAcceptProbability;
  private boolean divergent;

  private Nuts(LogDensity target, Metric metric, double stepSize, int maxDepth, Rng rng) {
    this.target = target;
    this.metric = metric;
    this.stepSize = stepSize;
    this.maxDepth = maxDepth;
    this.rng = rng;
  }

  /**
   * One transition from {@code x} (with its gradient and log density already evaluated).
   *
   * @param metric the metric (its inverse: the posterior covariance the warm-up estimated)
   */
  static Transition transition(LogDensity target, double[] x, double[] gradient, double logDensity, Metric metric,
                               double stepSize, int maxDepth, Rng rng) {
    return new Nuts(target, metric, stepSize, maxDepth, rng).run(x, gradient, logDensity);
  }

  private Transition run(double[] x, double[] gradient, double logDensity) {
    PhasePoint start = new PhasePoint(x, metric.drawMomentum(rng), gradient, logDensity);
    double h0 = start.hamiltonian(metric);
    Segment trajectory = new Segment(start, start, start.r().clone(), start, 0);
    PhasePoint sample = start;
    int depth = 0;
    while (depth < maxDepth) {
      int direction = rng.nextBoolean() ? 1 : -1;
      Segment subtree = build(depth, direction > 0 ? trajectory.plus() : trajectory.minus(), direction, h0);
      if (subtree == null) {
        break;
      }
      depth++;
      if (subtree.logWeight() > trajectory.logWeight() || rng.nextDouble() < Math.exp(subtree.logWeight() - trajectory.logWeight())) {
        sample = subtree.proposal();
      }
      Segment earlier = direction > 0 ? trajectory : subtree;
      Segment later = direction > 0 ? subtree : trajectory;
      boolean turned = turns(earlier, later);
      trajectory = new Segment(earlier.minus(), later.plus(), add(earlier.rho(), later.rho()), sample,
          logSumExp(trajectory.logWeight(), subtree.logWeight()));
      if (turned) {
        break;
      }
    }
    return new Transition(sample.x(), sample.gradient(), sample.logDensity(), sumAcceptProbability / Math.max(leapfrogs, 1), depth,
        leapfrogs, divergent, sample.hamiltonian(metric));
  }

  /** A subtree of 2^depth steps from {@code edge} in {@code direction}; null when it diverged or turned. */
  private Segment build(int depth, PhasePoint edge, int direction, double h0) {
    if (depth == 0) {
      PhasePoint z = edge.leapfrog(target, metric, direction * stepSize);
      leapfrogs++;
      double energyError = z.hamiltonian(metric) - h0;
      sumAcceptProbability += energyError > 0 ? Math.exp(-energyError) : 1;
      if (!(energyError <= MAX_ENERGY_ERROR)) {
        divergent = true;
        return null;
      }
      return new Segment(z, z, z.r().clone(), z, -energyError);
    }
    Segment first = build(depth - 1, edge, direction, h0);
    if (first == null) {
      return null;
    }
    Segment second = build(depth - 1, direction > 0 ? first.plus() : first.minus(), direction, h0);
    if (second == null) {
      return null;
    }
    double logWeight = logSumExp(first.logWeight(), second.logWeight());
    PhasePoint proposal = rng.nextDouble() < Math.exp(second.logWeight() - logWeight) ? second.proposal() : first.proposal();
    Segment earlier = direction > 0 ? first : second;
    Segment later = direction > 0 ? second : first;
    if (turns(earlier, later)) {
      return null;
    }
    return new Segment(earlier.minus(), later.plus(), add(earlier.rho(), later.rho()), proposal, logWeight);
  }

  /** The no-U-turn test on two adjacent segments in time order: over the whole, and across the seam. */
  private boolean turns(Segment earlier, Segment later) {
    double[] rho = add(earlier.rho(), later.rho());
    boolean whole = continues(earlier.minus(), later.plus(), rho);
    boolean withFirstOfLater = continues(earlier.minus(), later.minus(), add(earlier.rho(), later.minus().r()));
    boolean withLastOfEarlier = continues(earlier.plus(), later.plus(), add(earlier.plus().r(), later.rho()));
    return !(whole && withFirstOfLater && withLastOfEarlier);
  }

  private boolean continues(PhasePoint minus, PhasePoint plus, double[] rho) {
    return dot(minus.velocity(metric), rho) > 0 && dot(plus.velocity(metric), rho) > 0;
  }

  private static double[] add(double[] a, double[] b) {
    double[] s = new double[a.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = a[i] + b[i];
    }
    return s;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double logSumExp(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY) {
      return b;
    }
    if (b == Double.NEGATIVE_INFINITY) {
      return a;
    }
    double m = Math.max(a, b);
    return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
  }
}
