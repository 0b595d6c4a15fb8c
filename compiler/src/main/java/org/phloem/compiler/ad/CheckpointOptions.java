package org.phloem.compiler.ad;

import java.util.Locale;

/**
 * How the adjoint checkpoints long loops.
 *
 * <p>When enabled, the AD stage emits, beside the plain gradient, a checkpointed one, and a function
 * giving the bytes the plain gradient would record in the loops the checkpointed one splits
 * ({@link TapeBytes}). Which of the two runs is decided at run time, once the data are bound: the
 * checkpointed one when those bytes exceed the model's tape budget (the runtime's {@code TapeBudget},
 * {@code --tape-budget} on the command line). Below it the plain adjoint runs, unchanged.
 *
 * @param enabled whether to emit the checkpointed gradient at all
 * @param schedule which schedule the checkpointed gradient follows
 * @param snapshots {@link Schedule#REVOLVE}: the snapshot slots, one-step leaves (0: planned within the
 *     tape budget at run time, the default); {@link Schedule#NESTED}: segments per level, 0 for
 *     automatic (a loop of T steps split over L levels gets about T^(1/L) segments per level)
 * @param levels {@link Schedule#NESTED} only: nesting levels, at least 2: 2 is the √T scheme (one extra
 *     forward run, memory ~ 2√T steps' worth); L levels cost L−1 extra forward runs and memory ~ L·T^(1/L)
 */
public record CheckpointOptions(boolean enabled, Schedule schedule, int snapshots, int levels) {
  /** Default depth of the nested schedule: the two-level √T scheme. */
  public static final int DEFAULT_LEVELS = 2;
  /** The system property choosing the schedule ({@code revolve} or {@code nested}). */
  public static final String SCHEDULE_PROPERTY = "phloem.checkpointSchedule";

  /** The schedules. */
  public enum Schedule {
    /**
     * Binomial checkpointing (Griewank's revolve, {@link BinomialCheckpointing}), driven by the runtime's
     * {@code Revolve}: the fewest re-run steps for the memory the tape budget allows.
     */
    REVOLVE,
    /** Nested segments, √T or L levels ({@link Checkpointing}), fixed when the model is compiled. */
    NESTED
  }

  public CheckpointOptions {
    if (snapshots < 0) {
      throw new IllegalArgumentException("checkpoint snapshots must not be negative");
    }
    if (levels < 2) {
      throw new IllegalArgumentException("a checkpoint schedule needs at least 2 levels, got " + levels);
    }
    if (schedule == Schedule.NESTED && snapshots == 1) {
      throw new IllegalArgumentException("one snapshot per level does not split a loop; use 0 (automatic) or at least 2");
    }
  }

  /**
   * The defaults, overridden by the system properties {@code phloem.checkpoint} ({@code off} disables),
   * {@code phloem.checkpointSchedule} ({@code revolve}, the default, or {@code nested}), {@code
   * phloem.snapshots} and {@code phloem.checkpointLevels} (so {@code
   * PHLOEM_JAVA_OPTS=-Dphloem.checkpointSchedule=nested ./phloem fit ...} sets them from the command line).
   */
  public static CheckpointOptions defaults() {
    boolean on = !"off".equalsIgnoreCase(System.getProperty("phloem.checkpoint", "on"));
    return new CheckpointOptions(on, schedule(System.getProperty(SCHEDULE_PROPERTY, "revolve")),
        Integer.getInteger("phloem.snapshots", 0), Integer.getInteger("phloem.checkpointLevels", DEFAULT_LEVELS));
  }

  private static Schedule schedule(String name) {
    try {
      return Schedule.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-D" + SCHEDULE_PROPERTY + "=" + name + ": the checkpoint schedule is revolve or nested");
    }
  }

  /** No checkpointed gradient: the adjoint records every step. */
  public static CheckpointOptions off() {
    return new CheckpointOptions(false, Schedule.REVOLVE, 0, DEFAULT_LEVELS);
  }

  /** A nested checkpointed gradient for every loop that records, with this schedule (tests, benchmarks). */
  public static CheckpointOptions always(int snapshots, int levels) {
    return new CheckpointOptions(true, Schedule.NESTED, snapshots, levels);
  }

  /**
   * A binomial checkpointed gradient for every loop that records: with {@code snapshots} slots and
   * one-step leaves, or planned within the tape budget when 0 (tests, benchmarks).
   */
  public static CheckpointOptions revolve(int snapshots) {
    return new CheckpointOptions(true, Schedule.REVOLVE, snapshots, DEFAULT_LEVELS);
  }
}
