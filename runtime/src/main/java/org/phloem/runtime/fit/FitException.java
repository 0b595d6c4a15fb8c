package org.phloem.runtime.fit;

/**
 * A problem with what the user asked for (a start value outside its bounds, a log-scale prior with a
 * non-positive mean, ...), stated as a sentence that names the parameter. The command line prints the
 * message; it is never a programming error.
 */
public final class FitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A message naming the parameter and what to change. */
  public FitException(String message) {
    super(message);
  }
}
