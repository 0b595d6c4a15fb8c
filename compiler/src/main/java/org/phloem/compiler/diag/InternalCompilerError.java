package org.phloem.compiler.diag;

/**
 * A bug in Phloem itself, never a mistake in the model. Kept apart from {@link CompileException} so a
 * driver can print the stack trace for these (and only these) and ask for a report.
 */
public final class InternalCompilerError extends RuntimeException {
  /** @param what what went wrong, in the compiler's own terms */
  public InternalCompilerError(String what) {
    super(decorate(what));
  }

  /** @param what what went wrong; @param cause the exception that revealed it */
  public InternalCompilerError(String what, Throwable cause) {
    super(decorate(what), cause);
  }

  private static String decorate(String what) {
    return "internal compiler error: " + what
        + "\nThis is a bug in Phloem, not in your model; please report this, with the model file.";
  }
}
