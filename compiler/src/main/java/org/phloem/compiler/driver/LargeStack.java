package org.phloem.compiler.driver;

import org.phloem.compiler.diag.CompileException;

/**
 * Runs a compilation on a thread of its own with a large stack. Every pass recurses over the syntax
 * tree, and a long chain that no bracket limit catches (thousands of {@code else if}s, terms or signs)
 * is a deep tree; the default thread stack (about 1 MB) overflows at a few thousand levels. The memory
 * is only reserved: pages are touched as deep as the recursion actually goes.
 */
final class LargeStack {
  /** Enough for chains of tens of thousands of operators, far beyond the 64 KB a JVM method can hold. */
  static final long STACK_BYTES = 512L << 20;

  private LargeStack() {}

  /** A compilation step. */
  interface Task<T> {
    T run() throws CompileException;
  }

  /** Runs {@code task} on a large-stack thread and hands back its result or exception. */
  static <T> T run(Task<T> task) throws CompileException {
    return start(task, "phloem-compile").join();
  }

  /**
   * Starts {@code task} on a large-stack thread of its own, named {@code name}, and returns at once:
   * {@link Pending#join} waits for it ({@code phloem watch} compiles the derivatives while the cost of
   * the forward model is computed and printed).
   */
  static <T> Pending<T> start(Task<T> task, String name) {
    Pending<T> p = new Pending<>();
    p.worker = new Thread(null, () -> {
      try {
        p.result = task.run();
      } catch (Throwable t) { // handed to the joining thread, which rethrows it unchanged
        p.failure = t;
      }
    }, name, STACK_BYTES);
    p.worker.setDaemon(true);
    p.worker.start();
    return p;
  }

  /** A task started on a large-stack thread. */
  static final class Pending<T> {
    private Thread worker;
    private volatile T result;
    private volatile Throwable failure;

    /** A task already done, with this result. */
    static <T> Pending<T> of(T result) {
      Pending<T> p = new Pending<>();
      p.result = result;
      return p;
    }

    /** Whether the task has ended (join returns at once). */
    boolean done() {
      return worker == null || !worker.isAlive();
    }

    /** Waits for the task at most {@code millis} (less when it ends). */
    void await(long millis) {
      if (worker != null) {
        try {
          worker.join(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** Waits for the task, then returns its result or throws what it threw. */
    T join() throws CompileException {
      boolean interrupted = false;
      while (worker != null) {
        try {
          worker.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // a compilation is short; finish it, then pass the interrupt on
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      Throwable t = failure;
      if (t == null) {
        return result;
      }
      if (t instanceof CompileException) {
        throw (CompileException) t;
      }
      if (t instanceof RuntimeException) {
        throw (RuntimeException) t;
      }
      if (t instanceof Error) {
        throw (Error) t;
      }
      throw new IllegalStateException(t);
    }
  }
}
