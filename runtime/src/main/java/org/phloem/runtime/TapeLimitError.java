package org.phloem.runtime;

import java.util.Locale;

/**
 * The adjoint's tape would hold more values than one Java array can ({@link Tape#MAX_VALUES}), whatever
 * the heap: a loop recording a fixed number of values per iteration over a very long range, say. It is
 * an {@link OutOfMemoryError} because that is what it is (the JVM's own "Requested array size exceeds VM
 * limit"), so everything that passes on memory exhaustion passes it on too (the generated model's catch
 * of index faults does not take it, parallel tasks keep its type), and the command line words it as the
 * size of what the user asked for (exit 1), not as a bug; thrown before the tape grows, so nothing wraps
 * around to a wrong size and nothing is allocated in vain.
 */
public final class TapeLimitError extends OutOfMemoryError {
  private static final long serialVersionUID = 1L;

  /**
   * @param values the number of values the stack would have held
   * @param kind which stack: "real" or "integer"
   */
  TapeLimitError(long values, String kind) {
    super(String.format(Locale.ROOT, "the adjoint's tape would hold %d %s values, more than one Java array can (%d)",
        values, kind, Tape.MAX_VALUES));
  }
}
