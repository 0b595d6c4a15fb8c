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
 * @param handOver when L-BFGS hands over to the trust-region phase besides its own stops (lbfgs+newton)
 * @param tolerances what the verdict at the end calls converged
 * @param listener told about every iteration
 * @param checkpoint told the fit's state after every iteration, to resume from
 */
public record FitOptions(Method method, double[] start, LbfgsOptions lbfgs, LmOptions lm, int newtonIterations, int newtonMaxParameters,
    HandOver handOver, ConvergenceTolerances tolerances, IterationListener listener, FitCheckpoint checkpoint) implements java.io.Serializable {

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

  /**
   * When L-BFGS, with the trust-region Newton phase to follow (lbfgs+newton), hands over to it besides
   * its own stops (gradient, cost stall, failed line search), which always hand over.
   *
   * @param whenCrawling when its progress over its recent iterations projects convergence beyond its
   *     remaining iterations ({@link CrawlRule}, status {@link FitStatus#CRAWLING})
   * @param atLimit when it reaches its iteration or evaluation limit; otherwise the fit ends there with
   *     MAX_ITERATIONS / MAX_EVALUATIONS, to be continued with a higher limit by a resume
   */
  public record HandOver(boolean whenCrawling, boolean atLimit) implements java.io.Serializable {
    /** Both: a fit's default limits are a budget of the L-BFGS phase, not a stop of the fit. */
    public static final HandOver DEFAULT = new HandOver(true, true);
    /** Neither (the rule of fits saved before the crawl rule existed, format 2 of {@link FitStateFile}). */
    public static final HandOver STALLS_ONLY = new HandOver(false, false);

    /** A copy in which reaching a limit ends the fit. */
    public HandOver limitsStop() {
      return new HandOver(whenCrawling, false);
    }
  }

  public FitOptions {
    start = start == null ? null : start.clone();
    handOver = handOver == null ? HandOver.DEFAULT : handOver;
    tolerances = tolerances == null ? ConvergenceTolerances.defaults() : tolerances;
    listener = listener == null ? IterationListener.NONE : listener;
    checkpoint = checkpoint == null ? FitCheckpoint.NONE : checkpoint;
  }

  /**
   * AUTO, start at the prior means, default minimizer settings, up to 100 trust-region iterations for up to
   * 200 slots, L-BFGS handing over when crawling or at its limits ({@link HandOver#DEFAULT}), default tolerances.
   */
  public static FitOptions defaults() {
    return new FitOptions(Method.AUTO, null, LbfgsOptions.defaults(), LmOptions.defaults(), 100, 200, HandOver.DEFAULT,
        ConvergenceTolerances.defaults(),
        IterationListener.NONE, FitCheckpoint.NONE);
  }

  /** A copy using another method. */
  public FitOptions withMethod(Method m) {
    return new FitOptions(m, start, lbfgs, lm, newtonIterations, newtonMaxParameters, handOver, tolerances, listener, checkpoint);
  }

  /** A copy starting at {@code p} (physical units). */
  public FitOptions withStart(double[] p) {
    return new FitOptions(method, p, lbfgs, lm, newtonIterations, newtonMaxParameters, handOver, tolerances, listener, checkpoint);
  }

  /** A copy with other L-BFGS settings. */
  public FitOptions withLbfgs(LbfgsOptions o) {
    return new FitOptions(method, start, o, lm, newtonIterations, newtonMaxParameters, handOver, tolerances, listener, checkpoint);
  }

  /** A copy with other Levenberg–Marquardt settings. */
  public FitOptions withLm(LmOptions o) {
    return new FitOptions(method, start, lbfgs, o, newtonIterations, newtonMaxParameters, handOver, tolerances, listener, checkpoint);
  }

  /** A copy with at most {@code n} trust-region Newton iterations (0 turns the phase off after L-BFGS/LM). */
  public FitOptions withNewtonIterations(int n) {
    return new FitOptions(method, start, lbfgs, lm, n, newtonMaxParameters, handOver, tolerances, listener, checkpoint);
  }

  /** A copy in which L-BFGS hands over to the trust-region phase as {@code h} says. */
  public FitOptions withHandOver(HandOver h) {
    return new FitOptions(method, start, lbfgs, lm, newtonIterations, newtonMaxParameters, h, tolerances, listener, checkpoint);
  }

  /** A copy judging convergence with {@code t}. */
  public FitOptions withTolerances(ConvergenceTolerances t) {
    return new FitOptions(method, start, lbfgs, lm, newtonIterations, newtonMaxParameters, handOver, t, listener, checkpoint);
  }

  /** A copy saving the fit's state to {@code c} after every iteration. */
  public FitOptions withCheckpoint(FitCheckpoint c) {
    return new FitOptions(method, start, lbfgs, lm, newtonIterations, newtonMaxParameters, handOver, tolerances, listener, c);
  }

  /**
   * A copy allowing {@code n} iterations to every minimizer (L-BFGS, LM and the trust-region phase), and
   * at least {@value LbfgsOptions#EVALUATIONS_PER_ITERATION} evaluations per iteration to L-BFGS and LM, so that
   * raising the iteration limit is not undone by the evaluation limit. A limit given this way is a stop: L-BFGS
   * reaching it ends the fit (MAX_ITERATIONS) instead of handing over ({@link HandOver#limitsStop}).
   */
  public FitOptions withMaxIterations(int n) {
    int evaluations = (int) Math.min(Integer.MAX_VALUE, (long) LbfgsOptions.EVALUATIONS_PER_ITERATION * n);
    return withLbfgs(lbfgs.withMaxIterations(n).withMaxEvaluations(Math.max(lbfgs.maxEvaluations(), evaluations)))
        .withLm(lm.withMaxIterations(n).withMaxEvaluations(Math.max(lm.maxEvaluations(), evaluations))).withNewtonIterations(n)
        .withHandOver(handOver.limitsStop());
  }

  /**
   * A copy allowing {@code n} cost evaluations to L-BFGS (cost and gradient, line searches included) and LM
   * (residuals). A limit given this way is a stop, as in {@link #withMaxIterations}.
   */
  public FitOptions withMaxEvaluations(int n) {
    return withLbfgs(lbfgs.withMaxEvaluations(n)).withLm(lm.withMaxEvaluations(n)).withHandOver(handOver.limitsStop());
  }

  /** A copy telling {@code l} about every iteration. */
  public FitOptions withListener(IterationListener l) {
    return new FitOptions(method, start, lbfgs, lm, newtonIterations, newtonMaxParameters, handOver, tolerances, l, checkpoint);
  }
}
