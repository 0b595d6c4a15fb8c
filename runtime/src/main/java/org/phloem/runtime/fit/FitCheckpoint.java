package org.phloem.runtime.fit;

/**
 * Told the whole {@link FitState} after every iteration of the minimizer (and at its start), so that a
 * fit killed at any moment can be resumed with {@link Fitter#resume}. The command line writes it to a
 * file atomically; an implementation that cannot save should throw an unchecked exception, which ends
 * the fit.
 */
@FunctionalInterface
public interface FitCheckpoint {

  /** Saves nothing. */
  FitCheckpoint NONE = (FitCheckpoint & java.io.Serializable) state -> { };

  /** Called after every iteration with the state to save. */
  void save(FitState state);
}
