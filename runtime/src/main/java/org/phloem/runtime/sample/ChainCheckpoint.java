package org.phloem.runtime.sample;

/** Saves a chain's state now and then, so that a stopped run can be resumed (called from the chain's thread). */
@FunctionalInterface
public interface ChainCheckpoint {
  /** Saves nothing. */
  ChainCheckpoint NONE = s -> { };

  /** Saves {@code state}; a failure to save is reported by the implementation, not thrown into the chain. */
  void save(ChainState state);
}
