package org.phloem.compiler.syntax;

import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.phloem.compiler.diag.Diagnostics;
import org.phloem.compiler.diag.ErrorKind;
import org.phloem.grammar.PhloemLexer;

/**
 * Refuses, before parsing, a file whose brackets and blocks nest deeper than any model needs. The
 * parser and every later pass recurse once per level, so without this limit thousands of nested
 * parentheses would end in a StackOverflowError instead of a message.
 */
final class NestingLimit {
  /** Far beyond what a readable model uses, far below what the compiler's stack can take. */
  static final int MAX_DEPTH = 200;

  private NestingLimit() {}

  /** Reports the first opening bracket or brace past {@link #MAX_DEPTH}; returns true when it did. */
  static boolean exceeded(String text, Spans spans, Diagnostics diagnostics) {
    // A lexer of its own, silent: the parser's lexer reports lexical errors, interleaved with the
    // syntax errors line by line, and must not be run ahead of the parser.
    PhloemLexer lexer = new PhloemLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    List<? extends Token> tokens = lexer.getAllTokens();
    int depth = 0;
    int deepest = 0;
    Token first = null;
    for (Token t : tokens) {
      switch (t.getType()) {
        case PhloemLexer.LPAREN:
        case PhloemLexer.LBRACK:
        case PhloemLexer.LBRACE:
          depth++;
          if (depth > MAX_DEPTH && first == null) {
            first = t;
          }
          deepest = Math.max(deepest, depth);
          break;
        case PhloemLexer.RPAREN:
        case PhloemLexer.RBRACK:
        case PhloemLexer.RBRACE:
          depth = Math.max(0, depth - 1); // unbalanced closers are the parser's to report
          break;
        default:
          break;
      }
    }
    if (first == null) {
      return longChain(tokens, spans, diagnostics);
    }
    diagnostics.error(ErrorKind.NESTED_TOO_DEEPLY, spans.of(first), deepest, MAX_DEPTH);
    return true;
  }

  /** The most 'else if's in one chain: far beyond a readable model, and parsed quickly within little memory. */
  static final int MAX_ELSE_IFS = 1000;

  /**
   * Reports an {@code else if} chain longer than {@link #MAX_ELSE_IFS} at its first link past the limit.
   * Each link nests one level deeper in the parse tree without a bracket, so a chain of tens of thousands
   * would take the parser tens of seconds and gigabytes before any message.
   */
  private static boolean longChain(List<? extends Token> tokens, Spans spans, Diagnostics diagnostics) {
    int links = 0;
    Token previous = null;
    for (Token t : tokens) {
      if (t.getChannel() != Token.DEFAULT_CHANNEL) {
        continue;
      }
      if (t.getType() == PhloemLexer.IF) {
        if (previous != null && previous.getType() == PhloemLexer.ELSE) {
          links++;
          if (links > MAX_ELSE_IFS) {
            diagnostics.error(ErrorKind.TOO_COMPLEX, spans.of(previous), "This chain has more than " + MAX_ELSE_IFS
                + " 'else if's; Phloem allows at most " + MAX_ELSE_IFS + ". Choose by an index into an input or a"
                + " const list instead, or split the chain into fns.");
            return true;
          }
        } else {
          links = 0;
        }
      }
      previous = t;
    }
    return false;
  }
}
