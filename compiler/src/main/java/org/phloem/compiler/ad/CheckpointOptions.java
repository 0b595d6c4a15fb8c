package org.phloem.compiler.ad;

/**
 * How the adjoint checkpoints long loops (see {@link Checkpointing}).
 *
 * <p>When enabled, the AD stage emits, beside the plain gradient, a checkpointed one, and a function
 * giving the bytes the plain gradient would record in the loops the checkpointed one splits
 * ({@link TapeBytes}). Which of the two runs is decided at run time, once the data are bound: the
 * checkpointed one when those bytes exceed the model's tape budget (the runtime's {@code TapeBudget},
 * {@code --tape-budget} on the command line). Below it the plain adjoint runs, unchanged.
 *
 * @param enabled whether to emit the checkpointed gradient at all
 * @param snapshots segments per level (the snapshots held by each level), or 0 for automatic: a loop of
 *     T steps split over L levels gets about T^(1/L) segments per level
 * @param levels nesting levels of the schedule, at least 2: 2 is the √T scheme (one extra forward
 *     run, memory ~ 2√T steps' worth); L levels cost L−1 extra forward runs and memory ~ L·T^(1/L)
 */
public record CheckpointOptions(boolean enabled, int snapshots, int levels) {
  /** Default schedule depth: the two-level √T scheme. */
  public static final int DEFAULT_LEVELS = 2;

  public CheckpointOptions {
    if (snapshots < 0) {
      throw new IllegalArgumentException("checkpoint snapshots must not be negative");
    }
    if (levels < 2) {
      throw new IllegalArgumentException("a checkpoint schedule needs at least 2 levels, got " + levels);
    }
    if (snapshots == 1) {
      throw new IllegalArgumentException("one snapshot per level does not split a loop; use 0 (automatic) or at least 2");
    }
  }

  /**
   * The defaults, overridden by the system properties {@code phloem.checkpoint} ({@code off} disables),
   * {@code phloem.snapshots} and {@code phloem.checkpointLevels} (so {@code
   * PHLOEM_JAVA_OPTS=-Dphloem.snapshots=100 ./phloem fit ...} sets them from the command line).
   */
  public static CheckpointOptions defaults() {
    boolean on = !"off".equalsIgnoreCase(System.getProperty("phloem.checkpoint", "on"));
    return new CheckpointOptions(on, Integer.getInteger("phloem.snapshots", 0),
        Integer.getInteger("phloem.checkpointLevels", DEFAULT_LEVELS));
  }

  /** No checkpointed gradient: the adjoint records every step. */
  public static CheckpointOptions off() {
    return new CheckpointOptions(false, 0, DEFAULT_LEVELS);
  }

  /** A checkpointed gradient for every loop that records, with this schedule (tests, benchmarks). */
  public static CheckpointOptions always(int snapshots, int levels) {
    return new CheckpointOptions(true, snapshots, levels);
  }
}
