package org.phloem.compiler.syntax;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.phloem.compiler.source.SourceFile;
import org.phloem.compiler.source.Span;

/** Turns ANTLR positions (1-based lines, 0-based columns) into {@link Span}s of one file. */
final class Spans {
  private final SourceFile file;

  Spans(SourceFile file) {
    this.file = file;
  }

  SourceFile file() {
    return file;
  }

  /** The span of one token. */
  Span of(Token t) {
    int col = t.getCharPositionInLine() + 1;
    int length = Math.max(1, t.getStopIndex() - t.getStartIndex() + 1);
    return Span.of(file, t.getLine(), col, col + length - 1);
  }

  /** The span of a terminal node. */
  Span of(TerminalNode n) {
    return of(n.getSymbol());
  }

  /** The span from the first to the last token of a rule. */
  Span of(ParserRuleContext ctx) {
    Token start = ctx.getStart();
    Token stop = ctx.getStop();
    if (stop == null || stop.getTokenIndex() < start.getTokenIndex()) {
      return of(start);
    }
    return of(start).to(of(stop));
  }

  /** The span from the start of {@code a} to the end of {@code b}. */
  Span between(Token a, Token b) {
    return of(a).to(of(b));
  }

  /**
   * Where to point for the end of the file: one column past the last token, on its line, so the caret
   * sits where the missing text would go.
   */
  Span afterToken(Token last) {
    Span s = of(last);
    return Span.of(file, s.endLine(), s.endColumn() + 1, s.endColumn() + 1);
  }
}
