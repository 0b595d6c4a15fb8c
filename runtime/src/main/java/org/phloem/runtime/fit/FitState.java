package org.phloem.runtime.fit;

import java.util.List;

/**
 * A fit in progress, as saved after every iteration: which model, the settings that determine the
 * arithmetic (method, start, limits and tolerances), and the minimizer's state. {@link Fitter#resume}
 * continues from it and reaches the same optimum as the uninterrupted fit; {@link FitStateFile} writes
 * and reads it as text.
 *
 * @param modelName the model's name
 * @param slotNames the model's parameter slots, to refuse resuming with a different model
 * @param options the fit's settings (listener and checkpoint are not part of a state and are ignored)
 * @param minimizer the state of the minimizer after its latest iteration
 */
public record FitState(String modelName, List<String> slotNames, FitOptions options, MinimizerState minimizer) implements java.io.Serializable {

  public FitState {
    slotNames = List.copyOf(slotNames);
  }

  /** A copy whose minimizers may run up to {@code n} iterations (to continue a fit that hit its limit). */
  public FitState withMaxIterations(int n) {
    return new FitState(modelName, slotNames, options.withMaxIterations(n), minimizer);
  }

  /** A copy whose L-BFGS and LM may use up to {@code n} evaluations (to continue a fit that hit that limit). */
  public FitState withMaxEvaluations(int n) {
    return new FitState(modelName, slotNames, options.withMaxEvaluations(n), minimizer);
  }

  /** True when the minimizer had stopped (the polish and the report may still be missing). */
  public boolean minimizerStopped() {
    return minimizer.status() != null;
  }
}
