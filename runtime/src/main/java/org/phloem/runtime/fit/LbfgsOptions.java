package org.phloem.runtime.fit;

/**
 * Settings of {@link Lbfgs}. The stopping rules, checked after every iteration in this order:
 * <ol>
 *   <li>gradient: ‖g‖ ≤ {@code gradientTolerance}·‖g₀‖ (relative to the start) or ‖g‖ ≤
 *       {@code absoluteGradientTolerance} → {@link FitStatus.GRADIENT_SMALL};
 *   <li>cost: (f_{k−1} − f_k) ≤ {@code costTolerance}·max(|f_{k−1}|, |f_k|) →
 *       {@link FitStatus.COST_STALLED};
 *   <li>{@code maxIterations} iterations → {@link FitStatus#MAX_ITERATIONS};
 *   <li>{@code maxEvaluations} cost-and-gradient evaluations → {@link FitStatus#MAX_EVALUATIONS}.
 * </ol>
 * Norms are Euclidean in the scaled search space, where a unit is one prior sd.
 *
 * @param memory number of correction pairs kept (m)
 * @param maxIterations iteration limit
 * @param maxEvaluations limit on cost-and-gradient evaluations, line searches included
 * @param gradientTolerance relative reduction of the gradient norm that counts as converged
 * @param absoluteGradientTolerance gradient norm that counts as converged whatever the start
 * @param costTolerance relative cost change per iteration that counts as converged
 * @param c1 sufficient-decrease constant of the strong Wolfe conditions
 * @param c2 curvature constant of the strong Wolfe conditions
 * @param maxLineSearchEvaluations evaluations allowed per line search
 */
public record LbfgsOptions(int memory, int maxIterations, int maxEvaluations, double gradientTolerance,
    double absoluteGradientTolerance, double costTolerance, double c1, double c2, int maxLineSearchEvaluations) implements java.io.Serializable {

  /** m = 10, 1000 iterations, 5000 evaluations, ‖g‖ reduced 1e8-fold or below 1e-10, cost change 1e-13, c1 = 1e-4, c2 = 0.9, 30 per line search. */
  public static LbfgsOptions defaults() {
    return new LbfgsOptions(10, 1000, 5000, 1e-8, 1e-10, 1e-13, 1e-4, 0.9, 30);
  }

  /** A copy with another iteration limit. */
  public LbfgsOptions withMaxIterations(int n) {
    return new LbfgsOptions(memory, n, maxEvaluations, gradientTolerance, absoluteGradientTolerance, costTolerance, c1, c2, maxLineSearchEvaluations);
  }

  /** A copy with another evaluation limit. */
  public LbfgsOptions withMaxEvaluations(int n) {
    return new LbfgsOptions(memory, maxIterations, n, gradientTolerance, absoluteGradientTolerance, costTolerance, c1, c2, maxLineSearchEvaluations);
  }

  /** A copy with other convergence tolerances. */
  public LbfgsOptions withTolerances(double gradient, double absoluteGradient, double cost) {
    return new LbfgsOptions(memory, maxIterations, maxEvaluations, gradient, absoluteGradient, cost, c1, c2, maxLineSearchEvaluations);
  }
}
