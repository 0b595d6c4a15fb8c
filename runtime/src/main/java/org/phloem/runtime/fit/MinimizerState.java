package org.phloem.runtime.fit;

import java.util.List;

/**
 * What a minimizer must keep to continue exactly where it was: written after every iteration by the
 * command line and handed back to {@link Lbfgs#resume}, {@link LevenbergMarquardt#resume} or
 * {@link TrustRegionNewton#resume}. Resuming
 * from a state repeats the same arithmetic as the uninterrupted run, so it reaches the same optimum.
 */
public sealed interface MinimizerState extends java.io.Serializable permits MinimizerState.LbfgsState, MinimizerState.LmState,
    MinimizerState.TrustRegionState {

  /** The current point in the search space. */
  double[] x();

  /** Iterations taken so far. */
  int iteration();

  /** Cost evaluations used so far. */
  int evaluations();

  /** Every iteration so far, starting with iteration 0. */
  List<IterationRecord> log();

  /** Why the minimizer stopped, or null while it is running. */
  FitStatus status();

  /**
   * The state of {@link Lbfgs} after an iteration.
   *
   * @param x the current point
   * @param cost the cost there
   * @param gradient the gradient there
   * @param initialGradientNorm ‖g₀‖, which the relative gradient test divides by
   * @param s the stored steps, oldest first
   * @param y the stored gradient changes, oldest first (pairs with {@code s})
   * @param iteration iterations taken
   * @param evaluations evaluations used
   * @param log every iteration so far
   * @param status why it stopped, or null while running
   */
  record LbfgsState(double[] x, double cost, double[] gradient, double initialGradientNorm, List<double[]> s, List<double[]> y,
      int iteration, int evaluations, List<IterationRecord> log, FitStatus status) implements MinimizerState {
    public LbfgsState {
      x = x.clone();
      gradient = gradient.clone();
      s = s.stream().map(double[]::clone).toList();
      y = y.stream().map(double[]::clone).toList();
      log = List.copyOf(log);
      if (s.size() != y.size()) {
        throw new IllegalArgumentException(s.size() + " steps but " + y.size() + " gradient changes");
      }
    }
  }

  /**
   * The state of {@link LevenbergMarquardt} after an accepted step. Residuals, Jacobian and gradient
   * are recomputed from {@code x} on resuming (they depend on nothing else).
   *
   * @param x the current point
   * @param damping the damping μ
   * @param dampingGrowth the factor ν by which μ grows after the next rejected step
   * @param scale Moré's scaling, the running maximum of diag(JᵀJ)
   * @param initialGradientNorm ‖Jᵀr‖₀, which the relative gradient test divides by
   * @param iteration accepted steps taken
   * @param evaluations residual evaluations used
   * @param log every iteration so far
   * @param status why it stopped, or null while running
   */
  record LmState(double[] x, double damping, double dampingGrowth, double[] scale, double initialGradientNorm, int iteration,
      int evaluations, List<IterationRecord> log, FitStatus status) implements MinimizerState {
    public LmState {
      x = x.clone();
      scale = scale.clone();
      log = List.copyOf(log);
    }
  }

  /**
   * The state of {@link TrustRegionNewton} after an iteration. Cost and gradient are recomputed from
   * {@code x} on resuming; the log holds the iterations of the phase before it too.
   *
   * @param x the current point
   * @param radius the trust-region radius Δ
   * @param stalls iterations in a row that lowered the cost by no more than rounding
   * @param handedOver why the phase before stopped (null when the trust region ran alone)
   * @param firstMethod the phase before ("lbfgs", "lm"), or "" when none
   * @param iteration iterations of this phase so far
   * @param evaluations evaluations and Hessian-vector products of this phase so far
   * @param earlierEvaluations evaluations of the phase before
   * @param log every iteration of the fit so far
   * @param status why it stopped, or null while running
   */
  record TrustRegionState(double[] x, double radius, int stalls, FitStatus handedOver, String firstMethod, int iteration,
      int evaluations, int earlierEvaluations, List<IterationRecord> log, FitStatus status) implements MinimizerState {
    public TrustRegionState {
      x = x.clone();
      log = List.copyOf(log);
    }
  }
}
