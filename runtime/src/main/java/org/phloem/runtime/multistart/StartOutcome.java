package org.phloem.runtime.multistart;

import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.FitState;

/**
 * How one start ended.
 *
 * @param index the start's number (0 = the default start)
 * @param start where it started, in physical units
 * @param result its fit, or null when the fit could not be run from there (see {@code error})
 * @param lastState the minimizer's state after its last iteration (what {@code --resume} continues), or null
 * @param error why the fit could not be run from this start, or null
 * @param seconds its wall time (not part of the deterministic results)
 */
public record StartOutcome(int index, double[] start, FitResult result, FitState lastState, String error, double seconds) implements java.io.Serializable {

  public StartOutcome {
    start = start.clone();
  }

  /** True when the fit from this start ended with a verified minimum. */
  public boolean converged() {
    return result != null && result.status().isConverged();
  }

  /** The status's name, or "ERROR" when the fit could not be run. */
  public String statusName() {
    return result == null ? "ERROR" : result.status().name();
  }

  /** The cost where the fit ended (NaN when it could not be run). */
  public double cost() {
    return result == null ? Double.NaN : result.cost();
  }
}
