package org.phloem.runtime.parallel;

import java.util.concurrent.ExecutionException;

/**
 * What a task run on a pool threw, thrown again on the caller's thread as itself: a RuntimeException
 * or an Error keeps its type (so a model fault, a fit exception or an OutOfMemoryError reaches the
 * command line's handler unchanged); only a checked exception is wrapped.
 */
public final class TaskFailures {
  private TaskFailures() {}

  /** Throws the cause of {@code e}; declared to return so that callers can write {@code throw rethrow(e)}. */
  public static RuntimeException rethrow(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException re) {
      throw re;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException(cause);
  }
}
