package org.phloem.runtime.fit;

/**
 * How {@link Fitter} should fit. Start from {@link #defaults()} and change what you need with the
 * {@code with*} methods.
 *
 * @param method which minimizer
 * @param start the starting point in physical units, or null for the prior means
 * @param lbfgs settings of L-BFGS
 * @param lm settings of Levenberg–Marquardt
 * @param newtonIterations iteration limit of the trust-region Newton phase (0: no such phase)
 * @param newtonMaxParameters no trust-region phase after L-BFGS/LM above this many slots (an iteration
 *     costs up to one Hessian-vector product per slot)
 * @param tolerances what the verdict at the end calls converged
 * @param listener told about every iteration
 * @param checkpoint told the fit's state after every iteration, to resume from
 */
public record FitOptions(Method method, double[] start, LbfgsOptions lbfgs, LmOptions lm, int newtonIterations, int newtonMaxParameters,
    ConvergenceTolerances tolerances, IterationListener listener, FitCheckpoint checkpoint) implements java.io.Serializable {

  /** Which minimizer to use. */
  public enum Method {
    /** Levenberg–Marquardt when no slot has a prior (pure least squares), L-BFGS otherwise; then trust-region Newton. */
    AUTO,
    /** L-BFGS with a strong Wolfe line search, then trust-region Newton. */
    LBFGS,
    /** Levenberg–Marquardt on the residuals (observations and priors), then trust-region Newton. */
    LEVENBERG_MARQUARDT,
    /** Trust-region Newton (Steihaug–Toint CG on exact Hessian-vector products) alone, from the start. */
    NEWTON
  }

  public FitOptions {
    start = start == null ? null : start.clone();
    tolerances = tolerances == null ? ConvergenceTolerances.defaults() : tolerances;
    listener = listener == null ? IterationListener.NONE : listener;
    checkpoint = checkpoint == null ? FitCheckpoint.NONE : checkpoint;
  }

  /** AUTO, start at the prior means, default minimizer settings, up to 100 trust-region iterations for up to 200 slots, default tolerances. */
  public static FitOptions defaults() {
    return new FitOptions(Method.AUTO, null, LbfgsOptions.defaults(), LmOptions.defaults(), 100, 200, ConvergenceTolerances.defaults(),
        IterationListener.NONE, FitCheckpoint.NONE);
  }

  /** A copy using another method. */
  public FitOptions withMethod(Method m) {
    return new FitOptions(m, start, lbfgs, lm, newtonIterations, newtonMaxParameters, tolerances, listener, checkpoint);
  }

  /** A copy starting at {@code p} (physical units). */
  public FitOptions withStart(double[] p) {
    return new FitOptions(method, p, lbfgs, lm, newtonIterations, newtonMaxParameters, tolerances, listener, checkpoint);
  }

  /** A copy with other L-BFGS settings. */
  public FitOptions withLbfgs(LbfgsOptions o) {
    return new FitOptions(method, start, o, lm, newtonIterations, newtonMaxParameters, tolerances, listener, checkpoint);
  }

  /** A copy with other Levenberg–Marquardt settings. */
  public FitOptions withLm(LmOptions o) {
    return new FitOptions(method, start, lbfgs, o, newtonIterations, newtonMaxParameters, tolerances, listener, checkpoint);
  }

  /** A copy with at most {@code n} trust-region Newton iterations (0 turns the phase off after L-BFGS/LM). */
  public FitOptions withNewtonIterations(int n) {
    return new FitOptions(method, start, lbfgs, lm, n, newtonMaxParameters, tolerances, listener, checkpoint);
  }

  /** A copy judging convergence with {@code t}. */
  public FitOptions withTolerances(ConvergenceTolerances t) {
    return new FitOptions(method, start, lbfgs, lm, newtonIterations, newtonMaxParameters, t, listener, checkpoint);
  }

  /** A copy saving the fit's state to {@code c} after every iteration. */
  public FitOptions withCheckpoint(FitCheckpoint c) {
    return new FitOptions(method, start, lbfgs, lm, newtonIterations, newtonMaxParameters, tolerances, listener, c);
  }

  /**
   * A copy allowing {@code n} iterations to every minimizer (L-BFGS, LM and the trust-region phase), and
   * at least {@value LbfgsOptions#EVALUATIONS_PER_ITERATION} evaluations per iteration to L-BFGS and LM, so that
   * raising the iteration limit is not undone by the evaluation limit.
   */
  public FitOptions withMaxIterations(int n) {
    int evaluations = (int) Math.min(Integer.MAX_VALUE, (long) LbfgsOptions.EVALUATIONS_PER_ITERATION * n);
    return withLbfgs(lbfgs.withMaxIterations(n).withMaxEvaluations(Math.max(lbfgs.maxEvaluations(), evaluations)))
        .withLm(lm.withMaxIterations(n).withMaxEvaluations(Math.max(lm.maxEvaluations(), evaluations))).withNewtonIterations(n);
  }

  /** A copy allowing {@code n} cost evaluations to L-BFGS (cost and gradient, line searches included) and LM (residuals). */
  public FitOptions withMaxEvaluations(int n) {
    return withLbfgs(lbfgs.withMaxEvaluations(n)).withLm(lm.withMaxEvaluations(n));
  }

  /** A copy telling {@code l} about every iteration. */
  public FitOptions withListener(IterationListener l) {
    return new FitOptions(method, start, lbfgs, lm, newtonIterations, newtonMaxParameters, tolerances, l, checkpoint);
  }
}
