package org.phloem.runtime.fit;

/** Told about every iteration of every minimizer (and their starting points, as iteration 0). */
@FunctionalInterface
public interface IterationListener {

  /** Does nothing. */
  IterationListener NONE = (IterationListener & java.io.Serializable) r -> { };

  /** Called once per iteration, in order. */
  void onIteration(IterationRecord record);
}
