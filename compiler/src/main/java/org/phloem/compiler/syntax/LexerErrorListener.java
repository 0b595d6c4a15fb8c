package org.phloem.compiler.syntax;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.LexerNoViableAltException;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.misc.Interval;
import org.phloem.compiler.diag.ErrorKind;
import org.phloem.compiler.source.Span;

/** Reports characters that start no token: a stray character or an unclosed string. */
final class LexerErrorListener extends BaseErrorListener {
  private final Spans spans;
  private final SyntaxErrorSink sink;

  LexerErrorListener(Spans spans, SyntaxErrorSink sink) {
    this.spans = spans;
    this.sink = sink;
  }

  @Override
  public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line,
      int charPositionInLine, String msg, RecognitionException e) {
    String text = "?";
    if (e instanceof LexerNoViableAltException) {
      LexerNoViableAltException lex = (LexerNoViableAltException) e;
      CharStream in = lex.getInputStream();
      int start = lex.getStartIndex();
      text = in.getText(Interval.of(start, start));
    }
    Span span = Span.of(spans.file(), line, charPositionInLine + 1, charPositionInLine + 1);
    if (text.equals("\"")) {
      sink.report(line, span, ErrorKind.UNCLOSED_STRING);
    } else {
      sink.report(line, span, ErrorKind.UNEXPECTED_CHARACTER, text);
    }
  }
}
