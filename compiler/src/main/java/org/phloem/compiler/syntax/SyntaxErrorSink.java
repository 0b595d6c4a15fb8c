package org.phloem.compiler.syntax;

import org.phloem.compiler.diag.Diagnostics;
import org.phloem.compiler.diag.ErrorKind;
import org.phloem.compiler.source.Span;

/**
 * Passes syntax errors on to the collector, at most one per line: after the first error on a line the
 * parser's recovery tends to produce echoes that would only bury the real mistake.
 */
final class SyntaxErrorSink {
  private final Diagnostics diagnostics;
  private int lastLine = -1;
  private int reported;

  SyntaxErrorSink(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  void report(int line, Span span, ErrorKind kind, Object... args) {
    if (line == lastLine) {
      return;
    }
    lastLine = line;
    reported++;
    diagnostics.error(kind, span, args);
  }

  /** How many errors were passed on. */
  int reported() {
    return reported;
  }
}
