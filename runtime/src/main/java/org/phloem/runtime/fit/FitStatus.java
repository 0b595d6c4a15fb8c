package org.phloem.runtime.fit;

/**
 * Why a fit, or one phase of it, stopped: a sentence for the user and what to try next.
 *
 * <p>A fit's status is the {@link Verdict} at its end: only {@link #CONVERGED} means that the
 * first- and second-order conditions of a minimum were checked and met (see {@link ConvergenceTolerances}).
 * The minimizers (L-BFGS, Levenberg–Marquardt, the trust-region Newton phase) also stop with one of
 * these values; their stops that hand over to the next phase ({@link #GRADIENT_SMALL},
 * {@link #COST_STALLED}, {@link #STEP_SMALL}, ...) decide nothing about convergence.
 */
public enum FitStatus {
  /** Verified: projected gradient, Newton decrement and Hessian all pass (a)–(c). */
  CONVERGED(true,
      "Converged: the gradient is below its tolerance, the expected remaining decrease (Newton decrement) is below its "
          + "tolerance and the Hessian on the free parameters is positive definite.",
      ""),
  /** The Hessian on the free parameters has a clearly negative eigenvalue: not a minimum. */
  SADDLE_POINT(false,
      "Stopped at a saddle point or a ridge: the Hessian on the free parameters has a negative eigenvalue, so the cost goes "
          + "down along the direction printed below.",
      "Start elsewhere (--start FILE), or give priors or bounds to the parameters of that direction."),
  /** A Hessian eigenvalue is zero to rounding: the data and priors leave a direction undetermined. */
  UNDETERMINED(false,
      "Stopped with undetermined directions: the Hessian on the free parameters is singular to rounding, so the data and "
          + "priors do not determine the parameter combination printed below and its posterior sd is not defined.",
      "Give a prior to a parameter of that combination, fix one of them (make it an input), or add observations that "
          + "separate them."),
  /** No further decrease could be found but the gradient or the decrement is still above its tolerance. */
  STALLED(false,
      "Stalled: no step lowers the cost any further, but the gradient or the Newton decrement is still above its tolerance.",
      "Usually the gradient disagrees with the cost (run 'phloem check MODEL --random 5'), a kink (min, max, abs, a branch) "
          + "sits at the optimum, or the cost is too large for double precision to resolve the tolerances; loosen "
          + "--gradient-tol / --decrement-tol only if the printed values are near rounding."),
  /** The iteration limit was reached first. */
  MAX_ITERATIONS(false,
      "Stopped at the iteration limit before the conditions of a minimum were met.",
      "Raise the limit (--max-iter, and resume with --resume), start nearer the optimum, or give priors or bounds that "
          + "scale the parameters."),
  /** The limit on cost evaluations was reached first. */
  MAX_EVALUATIONS(false,
      "Stopped at the limit on cost evaluations before the conditions of a minimum were met.",
      "Raise the evaluation limit; many evaluations per iteration usually mean the gradient is inaccurate (run the gradient check)."),
  /** The cost was NaN or infinite where it had to be evaluated (at the start). */
  NON_FINITE_COST(false,
      "Stopped: the cost is not a finite number at the starting point.",
      "Check the start values and bounds: a log, power or division outside its valid range gives NaN or infinity; "
          + "add bounds or a log transform to the parameter."),
  /** The gradient had NaN or infinite elements although the cost was finite. */
  NON_FINITE_GRADIENT(false,
      "Stopped: the gradient has NaN or infinite elements although the cost is finite.",
      "Run the gradient check to see which parameter; a square root or power at zero has an infinite derivative."),
  /** Phase stop: the minimizer's own gradient test (absolute, or relative to its start) was met. */
  GRADIENT_SMALL(false,
      "The minimizer's gradient test was met; the verdict decides whether this is a minimum.",
      ""),
  /** Phase stop: the cost changed by less than a relative tolerance between iterations. */
  COST_STALLED(false,
      "The cost changed by less than its relative tolerance between iterations; the verdict decides whether this is a minimum.",
      ""),
  /** Phase stop: the step became smaller than its relative tolerance (Levenberg–Marquardt). */
  STEP_SMALL(false,
      "The step became smaller than its relative tolerance; the verdict decides whether this is a minimum.",
      ""),
  /** Phase stop: no step along the search direction lowered the cost enough. */
  LINE_SEARCH_FAILED(false,
      "The line search found no step that lowers the cost enough.",
      "Usually the gradient disagrees with the cost (run the gradient check), the optimum is already reached to rounding "
          + "accuracy (see the gradient), or a kink (min, max, abs, a branch) sits near the optimum."),
  /**
   * Phase stop (L-BFGS with trust-region Newton to follow): its progress over its recent iterations
   * projects convergence beyond its remaining iterations ({@link CrawlRule}); the Newton phase continues.
   */
  CRAWLING(false,
      "L-BFGS's progress over its recent iterations projects convergence beyond its iteration limit; trust-region Newton "
          + "continues from there.",
      ""),
  /** Phase stop: no step lowered the cost, however strongly damped (Levenberg–Marquardt, trust region). */
  NO_PROGRESS(false,
      "No step lowered the cost, however short.",
      "Usually the derivatives disagree with the cost (run the gradient check) or the optimum is already reached to "
          + "rounding accuracy (see the gradient).");

  private final boolean converged;
  private final String sentence;
  private final String advice;

  FitStatus(boolean converged, String sentence, String advice) {
    this.converged = converged;
    this.sentence = sentence;
    this.advice = advice;
  }

  /** True only for {@link #CONVERGED}: the conditions of a minimum were checked and met. */
  public boolean isConverged() {
    return converged;
  }

  /** True when a minimizer stopped at one of its limits (iterations, evaluations). */
  public boolean isLimit() {
    return this == MAX_ITERATIONS || this == MAX_EVALUATIONS;
  }

  /** What happened, as a sentence. */
  public String sentence() {
    return sentence;
  }

  /** What to try next ("" when nothing is needed). */
  public String advice() {
    return advice;
  }
}
