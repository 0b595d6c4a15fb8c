package org.phloem.compiler.lower;

/**
 * Which indices of multi-dim arrays the generated code checks against their own dim at run time. Models
 * are always compiled with {@link #UNPROVEN}; the other two exist to measure what the checks and the
 * proofs that leave them out cost (tests/BENCHMARKS.md, "Index checks").
 */
public enum IndexChecks {
  /** No per-dim check: an inner index past its dim reads the neighbouring row (the JVM sees only the array's ends). */
  NONE,
  /**
   * Every inner index except those the loop bounds prove inside, and the first index of a multi-dim
   * array when not proven inside (far outside, its flat offset could wrap into the array): what
   * {@code phloem} compiles.
   */
  UNPROVEN,
  /** Every inner index, proven or not (and the first as with {@link #UNPROVEN}). */
  EVERY_INNER
}
