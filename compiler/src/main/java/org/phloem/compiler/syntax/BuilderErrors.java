package org.phloem.compiler.syntax;

import org.phloem.compiler.diag.Diagnostics;
import org.phloem.compiler.diag.ErrorKind;
import org.phloem.compiler.source.Span;

/** The AST builder's errors, counted so that a tree with any of them is never handed on. */
final class BuilderErrors {
  private final Diagnostics diagnostics;
  private int count;

  BuilderErrors(Diagnostics diagnostics) {
    this.diagnostics = diagnostics;
  }

  void error(ErrorKind kind, Span span, Object... args) {
    count++;
    diagnostics.error(kind, span, args);
  }

  void hinted(ErrorKind kind, Span span, String hint, Object... args) {
    count++;
    diagnostics.add(org.phloem.compiler.diag.Diagnostic.of(kind, span, args).withHint(hint));
  }

  int count() {
    return count;
  }
}
