package org.phloem.runtime.sample;

/** Told of each chain's progress, from the chain's own thread (implementations must be thread-safe). */
@FunctionalInterface
public interface SampleListener {
  /** A listener that ignores everything. */
  SampleListener NONE = (chain, done, warmup, total, divergences) -> { };

  /**
   * Chain {@code chain} has finished {@code done} of its {@code total} iterations, of which the first
   * {@code warmup} are warm-up; {@code divergences} kept draws so far diverged.
   */
  void progress(int chain, int done, int warmup, int total, int divergences);
}
