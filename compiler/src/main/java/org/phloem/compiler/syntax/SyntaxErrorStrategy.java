package org.phloem.compiler.syntax;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.phloem.compiler.diag.ErrorKind;
import org.phloem.compiler.source.Span;
import org.phloem.grammar.PhloemParser;

/**
 * ANTLR's usual recovery (so several syntax errors can be found in one pass), with each error reported
 * as "Expected X after 'Y', found 'Z'." in words instead of token names.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {
  private static final int MAX_CONTEXT_CHARS = 30;
  private final Spans spans;
  private final SyntaxErrorSink sink;

  SyntaxErrorStrategy(Spans spans, SyntaxErrorSink sink) {
    this.spans = spans;
    this.sink = sink;
  }

  @Override
  protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
    report(parser, e.getOffendingToken(), e.getExpectedTokens());
  }

  @Override
  protected void reportInputMismatch(Parser parser, InputMismatchException e) {
    report(parser, e.getOffendingToken(), e.getExpectedTokens());
  }

  @Override
  protected void reportUnwantedToken(Parser parser) {
    if (inErrorRecoveryMode(parser)) {
      return;
    }
    beginErrorCondition(parser);
    Token t = parser.getCurrentToken();
    sink.report(t.getLine(), spanOf(parser, t), ErrorKind.SYNTAX,
        "Unexpected " + ExpectedTokens.found(t) + after(parser, t) + ".");
  }

  @Override
  protected void reportMissingToken(Parser parser) {
    if (inErrorRecoveryMode(parser)) {
      return;
    }
    beginErrorCondition(parser);
    report(parser, parser.getCurrentToken(), getExpectedTokens(parser));
  }

  private void report(Parser parser, Token found, IntervalSet expected) {
    String what = ExpectedTokens.describe(expected);
    String message;
    if (expected != null && expected.contains(PhloemParser.RBRACE) && found.getType() == Token.EOF) {
      message = unclosedBlock(parser.getContext());
    } else if (what == null) {
      message = "Unexpected " + ExpectedTokens.found(found) + after(parser, found) + ".";
    } else {
      message = "Expected " + what + after(parser, found) + ", found " + ExpectedTokens.found(found) + ".";
    }
    sink.report(found.getLine(), spanOf(parser, found), ErrorKind.SYNTAX, message);
  }

  /** Names the line of the innermost '{' still open, which is what the modeller has to look at. */
  private static String unclosedBlock(ParserRuleContext ctx) {
    for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
      if (c instanceof PhloemParser.BlockContext) {
        return "Expected '}' to close the '{' on line " + c.getStart().getLine()
            + ", found the end of the file.";
      }
    }
    return "Expected '}', found the end of the file.";
  }

  /** " after 'param eps'": what the modeller wrote just before the error, if short. */
  private String after(Parser parser, Token found) {
    TokenStream tokens = parser.getInputStream();
    int previousIndex = found.getTokenIndex() - 1;
    if (previousIndex < 0) {
      return "";
    }
    Token previous = tokens.get(previousIndex);
    Token start = itemStart(parser.getContext());
    String text = null;
    if (start != null && start.getTokenIndex() <= previousIndex) {
      text = tokens.getTokenSource().getInputStream()
          .getText(Interval.of(start.getStartIndex(), previous.getStopIndex()));
    }
    if (text == null || text.length() > MAX_CONTEXT_CHARS || text.contains("\n")) {
      text = previous.getText();
    }
    return " after '" + text + "'";
  }

  /** The first token of the innermost declaration or statement being parsed. */
  private static Token itemStart(ParserRuleContext ctx) {
    for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
      if (c instanceof PhloemParser.DeclarationContext || c instanceof PhloemParser.StatementContext
          || c instanceof PhloemParser.IfStatementContext) {
        return c.getStart();
      }
    }
    return null;
  }

  private Span spanOf(Parser parser, Token t) {
    if (t.getType() != Token.EOF) {
      return spans.of(t);
    }
    int i = t.getTokenIndex() - 1;
    if (i < 0) {
      return Span.of(spans.file(), 1, 1, 1);
    }
    return spans.afterToken(parser.getInputStream().get(i));
  }
}
