package org.phloem.compiler.ad;

/**
 * How the adjoint checkpoints long loops (see {@link Checkpointing}).
 *
 * <p>When enabled, the AD stage emits, beside the plain gradient, a checkpointed one; the generated
 * model runs it instead whenever a checkpointed loop's trip count (known once the data are bound)
 * exceeds {@code threshold}. Below it the plain adjoint runs, unchanged.
 *
 * @param enabled whether to emit the checkpointed gradient at all
 * @param threshold trip count above which the checkpointed gradient is used
 * @param snapshots segments per level (the snapshots held by each level), or 0 for automatic: a loop of
 *     T steps split over L levels gets about T^(1/L) segments per level
 * @param levels nesting levels of the schedule, at least 2: 2 is the √T scheme (one extra forward
 *     run, memory ~ 2√T steps' worth); L levels cost L−1 extra forward runs and memory ~ L·T^(1/L)
 */
public record CheckpointOptions(boolean enabled, int threshold, int snapshots, int levels) {
  /** Trip count above which loops are checkpointed by default. */
  public static final int DEFAULT_THRESHOLD = 10_000;
  /** Default schedule depth: the two-level √T scheme. */
  public static final int DEFAULT_LEVELS = 2;

  public CheckpointOptions {
    if (threshold < 0 || snapshots < 0) {
      throw new IllegalArgumentException("checkpoint threshold and snapshots must not be negative");
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
   * {@code phloem.checkpointThreshold}, {@code phloem.snapshots} and {@code phloem.checkpointLevels}
   * (so {@code PHLOEM_JAVA_OPTS=-Dphloem.snapshots=100 ./phloem fit ...} sets them from the command line).
   */
  public static CheckpointOptions defaults() {
    boolean on = !"off".equalsIgnoreCase(System.getProperty("phloem.checkpoint", "on"));
    return new CheckpointOptions(on,
        Integer.getInteger("phloem.checkpointThreshold", DEFAULT_THRESHOLD),
        Integer.getInteger("phloem.snapshots", 0),
        Integer.getInteger("phloem.checkpointLevels", DEFAULT_LEVELS));
  }

  /** No checkpointed gradient: the adjoint records every step. */
  public static CheckpointOptions off() {
    return new CheckpointOptions(false, DEFAULT_THRESHOLD, 0, DEFAULT_LEVELS);
  }

  /** Checkpoint every loop that records, whatever its length (tests, benchmarks). */
  public static CheckpointOptions always(int snapshots, int levels) {
    return new CheckpointOptions(true, 0, snapshots, levels);
  }

  /** The same options with another threshold. */
  public CheckpointOptions withThreshold(int t) {
    return new CheckpointOptions(enabled, t, snapshots, levels);
  }
}
