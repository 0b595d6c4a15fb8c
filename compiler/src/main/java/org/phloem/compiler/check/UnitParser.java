package org.phloem.compiler.check;

/**
 * Reads a unit expression: factors joined by '*' or '/', each a symbol optionally raised to an integer
 * power ({@code m^-2}), the number 1, '%', or a parenthesized unit expression. Spaces are ignored.
 * Operators associate to the left, so {@code gC/m2/day} is gC per m² per day.
 */
public final class UnitParser {
  private final String text;
  private int pos;

  private UnitParser(String text) {
    this.text = text.replaceAll("\\s+", "");
  }

  /** Thrown for text that is not a unit expression; its message says why, in a few words. */
  public static final class UnitSyntaxException extends Exception {
    UnitSyntaxException(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * Parses {@code text}; the result shows itself as {@code text} was written.
   *
   * @throws UnitSyntaxException when the text is not a unit expression
   */
  public static Unit parse(String text) throws UnitSyntaxException {
    UnitParser p = new UnitParser(text);
    if (p.text.isEmpty()) {
      throw new UnitSyntaxException("it is empty");
    }
    Unit u = p.expression();
    if (p.pos < p.text.length()) {
      throw new UnitSyntaxException("unexpected '" + p.text.charAt(p.pos) + "'");
    }
    return u.writtenAs(text.trim());
  }

  private Unit expression() throws UnitSyntaxException {
    Unit u = factor();
    while (pos < text.length() && (peek() == '*' || peek() == '/')) {
      char op = text.charAt(pos++);
      Unit f = factor();
      u = op == '*' ? u.times(f) : u.dividedBy(f);
    }
    return u;
  }

  private Unit factor() throws UnitSyntaxException {
    if (pos >= text.length()) {
      throw new UnitSyntaxException("a unit is missing at the end");
    }
    char c = peek();
    Unit base;
    if (c == '(') {
      pos++;
      base = expression();
      if (pos >= text.length() || peek() != ')') {
        throw new UnitSyntaxException("a '(' is not closed");
      }
      pos++;
    } else if (c == '%') {
      pos++;
      base = UnitTable.lookup("%");
    } else if (Character.isDigit(c)) {
      int start = pos;
      while (pos < text.length() && Character.isDigit(peek())) {
        pos++;
      }
      if (!text.substring(start, pos).equals("1")) {
        throw new UnitSyntaxException("the only number allowed in a unit is 1, as in 1/day");
      }
      return Unit.ONE;
    } else if (Character.isLetter(c) || c == '_') {
      int start = pos;
      while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
        pos++;
      }
      base = UnitTable.lookup(text.substring(start, pos));
    } else {
      throw new UnitSyntaxException("unexpected '" + c + "'");
    }
    if (pos < text.length() && peek() == '^') {
      pos++;
      int sign = 1;
      if (pos < text.length() && peek() == '-') {
        sign = -1;
        pos++;
      }
      int start = pos;
      while (pos < text.length() && Character.isDigit(peek())) {
        pos++;
      }
      if (start == pos) {
        throw new UnitSyntaxException("'^' must be followed by an integer");
      }
      if (pos - start > 2) {
        throw new UnitSyntaxException("the power is too large");
      }
      base = base.pow(sign * Integer.parseInt(text.substring(start, pos)));
    }
    return base;
  }

  private char peek() {
    return text.charAt(pos);
  }
}
