package org.phloem.runtime.fit;

/**
 * Why a minimizer stopped, with a sentence for the user and what to try next. Only the
 * {@code CONVERGED_*} values mean the optimum was reached by the documented test.
 */
public enum FitStatus {
  /** The gradient norm fell below its tolerance. */
  CONVERGED_GRADIENT(true,
      "Converged: the gradient norm fell below its tolerance.",
      ""),
  /** The relative cost change between iterations fell below its tolerance. */
  CONVERGED_COST(true,
      "Converged: the cost changed by less than its relative tolerance between iterations.",
      "If the gradient norm is still large, tighten the cost tolerance or run the gradient check."),
  /** The step in the search space fell below its tolerance (Levenberg–Marquardt). */
  CONVERGED_STEP(true,
      "Converged: the step became smaller than its tolerance.",
      "If the gradient norm is still large, the problem may be badly scaled near the optimum; look at the posterior's eigenvalues."),
  /** The iteration limit was reached first. */
  MAX_ITERATIONS(false,
      "Stopped at the iteration limit before converging.",
      "Raise the iteration limit, start nearer the optimum, or give priors or bounds that scale the parameters."),
  /** The limit on cost evaluations was reached first. */
  MAX_EVALUATIONS(false,
      "Stopped at the limit on cost evaluations before converging.",
      "Raise the evaluation limit; many evaluations per iteration usually mean the gradient is inaccurate (run the gradient check)."),
  /** No step along the search direction lowered the cost enough. */
  LINE_SEARCH_FAILED(false,
      "Stopped: the line search found no step that lowers the cost enough.",
      "Usually the gradient disagrees with the cost (run the gradient check), the optimum is already reached to rounding "
          + "accuracy (see the gradient norm), or a kink (min, max, abs, a branch) sits near the optimum."),
  /** No step lowered the cost, however strongly damped (Levenberg–Marquardt). */
  NO_PROGRESS(false,
      "Stopped: no step lowered the cost, however strongly damped.",
      "Usually the Jacobian disagrees with the residuals (run the gradient check) or the optimum is already reached to "
          + "rounding accuracy (see the gradient norm)."),
  /** The cost was NaN or infinite where it had to be evaluated (at the start). */
  NON_FINITE_COST(false,
      "Stopped: the cost is not a finite number at the starting point.",
      "Check the start values and bounds: a log, power or division outside its valid range gives NaN or infinity; "
          + "add bounds or a log transform to the parameter."),
  /** The gradient had NaN or infinite elements although the cost was finite. */
  NON_FINITE_GRADIENT(false,
      "Stopped: the gradient has NaN or infinite elements although the cost is finite.",
      "Run the gradient check to see which parameter; a square root or power at zero has an infinite derivative.");

  private final boolean converged;
  private final String sentence;
  private final String advice;

  FitStatus(boolean converged, String sentence, String advice) {
    this.converged = converged;
    this.sentence = sentence;
    this.advice = advice;
  }

  /** True when the optimum was reached by one of the documented tests. */
  public boolean isConverged() {
    return converged;
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
