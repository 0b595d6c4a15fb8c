package org.phloem.runtime.fit;

/**
 * How {@link Fitter} should fit. Start from {@link #defaults()} and change what you need with the
 * {@code with*} methods.
 *
 * @param method which minimizer
 * @param start the starting point in physical units, or null for the prior means
 * @param lbfgs settings of L-BFGS
 * @param lm settings of Levenberg–Marquardt
 * @param newtonSteps the most Newton steps of the final polish (0: no polish)
 * @param newtonMaxParameters no polish above this many slots (each step costs n Hessian-vector products)
 * @param listener told about every iteration
 * @param checkpoint told the fit's state after every iteration of the minimizer, to resume from
 */
public record FitOptions(Method method, double[] start, LbfgsOptions lbfgs, LmOptions lm, int newtonSteps, int newtonMaxParameters,
    IterationListener listener, FitCheckpoint checkpoint) {

  /** Which minimizer to use. */
  public enum Method {
    /** Levenberg–Marquardt when no slot has a prior (pure least squares), L-BFGS otherwise; then a Newton polish. */
    AUTO,
    /** L-BFGS with a strong Wolfe line search, then a Newton polish. */
    LBFGS,
    /** Levenberg–Marquardt on the residuals (observations and priors), then a Newton polish. */
    LEVENBERG_MARQUARDT
  }

  public FitOptions {
    start = start == null ? null : start.clone();
    listener = listener == null ? IterationListener.NONE : listener;
    checkpoint = checkpoint == null ? FitCheckpoint.NONE : checkpoint;
  }

  /** Options without a checkpoint. */
  public FitOptions(Method method, double[] start, LbfgsOptions lbfgs, LmOptions lm, int newtonSteps, int newtonMaxParameters,
      IterationListener listener) {
    this(method, start, lbfgs, lm, newtonSteps, newtonMaxParameters, listener, FitCheckpoint.NONE);
  }

  /** AUTO, start at the prior means, default minimizer settings, up to 5 Newton steps for up to 200 slots, no listener. */
  public static FitOptions defaults() {
    return new FitOptions(Method.AUTO, null, LbfgsOptions.defaults(), LmOptions.defaults(), 5, 200, IterationListener.NONE, FitCheckpoint.NONE);
  }

  /** A copy using another method. */
  public FitOptions withMethod(Method m) {
    return new FitOptions(m, start, lbfgs, lm, newtonSteps, newtonMaxParameters, listener, checkpoint);
  }

  /** A copy starting at {@code p} (physical units). */
  public FitOptions withStart(double[] p) {
    return new FitOptions(method, p, lbfgs, lm, newtonSteps, newtonMaxParameters, listener, checkpoint);
  }

  /** A copy with other L-BFGS settings. */
  public FitOptions withLbfgs(LbfgsOptions o) {
    return new FitOptions(method, start, o, lm, newtonSteps, newtonMaxParameters, listener, checkpoint);
  }

  /** A copy with other Levenberg–Marquardt settings. */
  public FitOptions withLm(LmOptions o) {
    return new FitOptions(method, start, lbfgs, o, newtonSteps, newtonMaxParameters, listener, checkpoint);
  }

  /** A copy with at most {@code steps} Newton steps of polish (0 turns it off). */
  public FitOptions withNewtonSteps(int steps) {
    return new FitOptions(method, start, lbfgs, lm, steps, newtonMaxParameters, listener, checkpoint);
  }

  /** A copy saving the fit's state to {@code c} after every iteration. */
  public FitOptions withCheckpoint(FitCheckpoint c) {
    return new FitOptions(method, start, lbfgs, lm, newtonSteps, newtonMaxParameters, listener, c);
  }

  /** A copy allowing {@code n} iterations to either minimizer. */
  public FitOptions withMaxIterations(int n) {
    return withLbfgs(lbfgs.withMaxIterations(n)).withLm(lm.withMaxIterations(n));
  }

  /** A copy telling {@code l} about every iteration. */
  public FitOptions withListener(IterationListener l) {
    return new FitOptions(method, start, lbfgs, lm, newtonSteps, newtonMaxParameters, l, checkpoint);
  }
}
