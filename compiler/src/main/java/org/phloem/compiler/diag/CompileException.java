package org.phloem.compiler.diag;

import java.util.List;

/**
 * The model has errors. Carries every collected diagnostic, in source order; {@link #getMessage()} is
 * the formatted report a modeller reads (no stack trace is meant to be shown for this exception).
 */
public final class CompileException extends Exception {
  private final List<Diagnostic> diagnostics;
  private final boolean truncated;

  /**
   * @param diagnostics at least one error, in the order to show them
   * @param truncated whether more errors were found than kept
   */
  public CompileException(List<Diagnostic> diagnostics, boolean truncated) {
    super(DiagnosticFormatter.format(diagnostics, truncated), null, false, false);
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("a CompileException needs at least one diagnostic");
    }
    this.diagnostics = List.copyOf(diagnostics);
    this.truncated = truncated;
  }

  /** The errors, in source order. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** True when more errors were found than the collector's limit let through. */
  public boolean truncated() {
    return truncated;
  }
}
