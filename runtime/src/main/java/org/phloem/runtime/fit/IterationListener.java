package org.phloem.runtime.fit;

/** Told about every iteration of every minimizer (and their starting points, as iteration 0). */
@FunctionalInterface
public interface IterationListener {

  /** Does nothing. */
  IterationListener NONE = (IterationListener & java.io.Serializable) r -> { };

  /** Called once per iteration, in order. */
  void onIteration(IterationRecord record);

  /**
   * Called when L-BFGS hands the search to the trust-region Newton phase before converging (it crawled, or
   * reached its default limit), with one sentence saying why; after its last iteration, before Newton's first.
   */
  default void onHandOver(String why) {}
}
