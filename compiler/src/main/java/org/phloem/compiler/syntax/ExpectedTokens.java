package org.phloem.compiler.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.phloem.grammar.PhloemParser;

/**
 * Says what the parser expected in a modeller's words: "'='", "a name", "an expression", instead of a
 * set of token names. Returns null when the set is too varied to be worth listing.
 */
final class ExpectedTokens {
  private static final Set<Integer> EXPRESSION_START = Set.of(
      PhloemParser.ID, PhloemParser.INT, PhloemParser.FLOAT, PhloemParser.LPAREN, PhloemParser.MINUS,
      PhloemParser.NOT, PhloemParser.PI, PhloemParser.SIZE, PhloemParser.SUM, PhloemParser.MEAN,
      PhloemParser.PROD, PhloemParser.IF, PhloemParser.LOG);
  private static final Set<Integer> ITEM_START = Set.of(
      PhloemParser.MODEL, PhloemParser.INCLUDE, PhloemParser.DATA, PhloemParser.DIM,
      PhloemParser.PARAM, PhloemParser.INPUT, PhloemParser.CONST, PhloemParser.STATE,
      PhloemParser.VAR, PhloemParser.OUTPUT, PhloemParser.FN, PhloemParser.LET, PhloemParser.FOR,
      PhloemParser.OBSERVE, PhloemParser.RETURN, PhloemParser.SEMI);
  private static final Set<Integer> OPERATORS = Set.of(
      PhloemParser.PLUS, PhloemParser.MINUS, PhloemParser.STAR, PhloemParser.SLASH,
      PhloemParser.PERCENT, PhloemParser.CARET, PhloemParser.LT, PhloemParser.LE, PhloemParser.GT,
      PhloemParser.GE, PhloemParser.EQ, PhloemParser.NE, PhloemParser.AND, PhloemParser.OR);
  private static final int MAX_ITEMS = 4;

  private ExpectedTokens() {}

  /** A phrase such as "'=' or a number", or null when the set is empty or too varied. */
  static String describe(IntervalSet expected) {
    if (expected == null || expected.isNil()) {
      return null;
    }
    List<Integer> types = expected.toList();
    List<String> words = new ArrayList<>();
    boolean expression = count(types, EXPRESSION_START) >= 3;
    boolean item = count(types, ITEM_START) >= 5;
    // An expression that could go on is not what the modeller was about to write.
    boolean dropOperators = count(types, OPERATORS) >= 3;
    if (item) {
      words.add("a declaration or statement");
    }
    if (expression) {
      words.add("an expression");
    }
    for (int t : types) {
      if ((expression && EXPRESSION_START.contains(t)) || (item && ITEM_START.contains(t))
          || (dropOperators && OPERATORS.contains(t))) {
        continue;
      }
      // An optional '[' (dims, indices) is rarely what is missing; listing it only confuses.
      if (t == PhloemParser.LBRACK && types.size() > 1) {
        continue;
      }
      String w = word(t);
      if (!words.contains(w)) {
        words.add(w);
      }
    }
    if (words.isEmpty() || words.size() > MAX_ITEMS) {
      return null;
    }
    return join(words);
  }

  private static int count(List<Integer> types, Set<Integer> group) {
    int n = 0;
    for (int t : types) {
      if (group.contains(t)) {
        n++;
      }
    }
    return n;
  }

  /** How a token type reads in a sentence. */
  static String word(int type) {
    switch (type) {
      case Token.EOF:
        return "the end of the file";
      case PhloemParser.ID:
        return "a name";
      case PhloemParser.INT:
      case PhloemParser.FLOAT:
        return "a number";
      case PhloemParser.STRING:
        return "a string";
      default:
        Vocabulary v = PhloemParser.VOCABULARY;
        String literal = v.getLiteralName(type);
        return literal != null ? literal : v.getDisplayName(type);
    }
  }

  /** How a token that was found reads in a sentence. */
  static String found(Token t) {
    if (t.getType() == Token.EOF) {
      return "the end of the file";
    }
    return "'" + t.getText() + "'";
  }

  private static String join(List<String> words) {
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
  }
}
