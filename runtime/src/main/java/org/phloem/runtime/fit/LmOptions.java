package org.phloem.runtime.fit;

/**
 * Settings of {@link LevenbergMarquardt}. Stopping rules, checked after every accepted step:
 * <ol>
 *   <li>gradient: ‖Jᵀr‖ ≤ {@code gradientTolerance}·‖Jᵀr‖₀ or ≤ {@code absoluteGradientTolerance}
 *       → {@link FitStatus.GRADIENT_SMALL};
 *   <li>cost: actual and predicted reduction both ≤ {@code costTolerance}·cost → {@link FitStatus.COST_STALLED};
 *   <li>step: ‖h‖ ≤ {@code stepTolerance}·(‖x‖ + {@code stepTolerance}) → {@link FitStatus.STEP_SMALL};
 *   <li>limits → {@link FitStatus#MAX_ITERATIONS} / {@link FitStatus#MAX_EVALUATIONS}; damping above
 *       1e20 without an accepted step → {@link FitStatus#NO_PROGRESS}.
 * </ol>
 *
 * @param maxIterations limit on accepted steps
 * @param maxEvaluations limit on residual evaluations (each Jacobian adds n tangent sweeps, not counted)
 * @param gradientTolerance relative reduction of ‖Jᵀr‖ that counts as converged
 * @param absoluteGradientTolerance ‖Jᵀr‖ that counts as converged
 * @param costTolerance relative cost reduction that counts as converged
 * @param stepTolerance relative step that counts as converged
 * @param initialDamping initial μ relative to the Marquardt scaling diag(JᵀJ)
 */
public record LmOptions(int maxIterations, int maxEvaluations, double gradientTolerance, double absoluteGradientTolerance,
    double costTolerance, double stepTolerance, double initialDamping) implements java.io.Serializable {

  /** 500 iterations, 5000 evaluations, gradient 1e-10 relative or 1e-12, cost 1e-15, step 1e-12, μ₀ = 1e-3. */
  public static LmOptions defaults() {
    return new LmOptions(500, 5000, 1e-10, 1e-12, 1e-15, 1e-12, 1e-3);
  }

  /** A copy with another evaluation limit. */
  public LmOptions withMaxEvaluations(int n) {
    return new LmOptions(maxIterations, n, gradientTolerance, absoluteGradientTolerance, costTolerance, stepTolerance, initialDamping);
  }

  /** A copy with another iteration limit. */
  public LmOptions withMaxIterations(int n) {
    return new LmOptions(n, maxEvaluations, gradientTolerance, absoluteGradientTolerance, costTolerance, stepTolerance, initialDamping);
  }
}
