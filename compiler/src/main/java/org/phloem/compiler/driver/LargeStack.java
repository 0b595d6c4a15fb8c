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
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread worker = new Thread(null, () -> {
      try {
        result[0] = task.run();
      } catch (Throwable t) { // handed to the caller's thread, which rethrows it unchanged
        failure[0] = t;
      }
    }, "phloem-compile", STACK_BYTES);
    worker.setDaemon(true);
    worker.start();
    boolean interrupted = false;
    while (true) {
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
    Throwable t = failure[0];
    if (t == null) {
      @SuppressWarnings("unchecked")
      T value = (T) result[0];
      return value;
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
