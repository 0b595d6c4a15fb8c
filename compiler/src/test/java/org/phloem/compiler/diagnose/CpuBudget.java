package org.phloem.compiler.diagnose;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one fuzz case in a thread of its own with a budget of CPU time (not wall time: a loaded machine
 * slows a case down but does not make it cost more CPU). The CPU is the process's while the case runs:
 * the compilation runs on a thread of its own ({@code LargeStack}), and the JIT and the garbage collector
 * work for the case on theirs; cases run one at a time. A case that spends more is stopped and counted
 * as over budget by the caller, which prints it with its seed so that it can be replayed; it is never
 * silently skipped. Where the JVM cannot stop a thread ({@code Thread.stop} is gone from Java 20 on),
 * the case runs to its end and is still reported as over budget.
 */
final class CpuBudget {
  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final long POLL_MILLIS = 20;

  /** How a case ended. */
  enum Ending {
    /** Within the budget (whatever the case itself found). */
    WITHIN,
    /** Over the budget and stopped there. */
    STOPPED,
    /** Over the budget, and ran to its end because this JVM cannot stop a thread. */
    OVER_RAN_TO_END
  }

  /**
   * What happened.
   *
   * @param ending within the budget, or over it
   * @param cpuNanos the process's CPU time while the case ran
   * @param failure what the case threw (an AssertionError of the oracle, say), or null
   */
  record Outcome(Ending ending, long cpuNanos, Throwable failure) {}

  private final long budgetNanos;

  CpuBudget(double budgetSeconds) {
    this.budgetNanos = (long) (budgetSeconds * 1e9);
  }

  /** The budget in seconds. */
  double seconds() {
    return budgetNanos / 1e9;
  }

  /** Runs {@code work} in a new thread within the budget. */
  Outcome run(Runnable work) {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicLong spent = new AtomicLong(-1);
    long start = CPU.getProcessCpuTime();
    Thread worker = new Thread(() -> {
      try {
        work.run();
      } catch (Throwable t) { // handed to the caller, which fails the case with it
        thrown.set(t);
      } finally {
        spent.set(CPU.getProcessCpuTime() - start);
      }
    }, "fuzz-case");
    worker.setDaemon(true);
    worker.start();
    boolean over = false;
    boolean stopped = false;
    long cpu = 0;
    while (worker.isAlive()) {
      try {
        worker.join(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while a fuzz case ran", e);
      }
      cpu = CPU.getProcessCpuTime() - start;
      if (!over && cpu > budgetNanos) {
        over = true;
        stopped = stop(worker);
      }
    }
    cpu = Math.max(cpu, spent.get());
    if (over) {
      return new Outcome(stopped ? Ending.STOPPED : Ending.OVER_RAN_TO_END, cpu, null);
    }
    return new Outcome(Ending.WITHIN, cpu, thrown.get());
  }

  /**
   * Stops {@code t} where it is; false when this JVM no longer can. A compilation it waits for runs on
   * to its end on its own thread (compilations are bounded: chains and nesting are refused early).
   */
  @SuppressWarnings({"deprecation", "removal"})
  private static boolean stop(Thread t) {
    try {
      t.stop();
      return true;
    } catch (UnsupportedOperationException gone) {
      return false;
    }
  }
}
