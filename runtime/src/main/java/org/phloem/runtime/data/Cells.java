package org.phloem.runtime.data;

/**
 * How one CSV cell's text reads as a number or a label. Cells are scanned as character ranges, so a
 * long table's numbers are read without a String or a regular expression per cell.
 */
final class Cells {
  private Cells() {}

  /** The result of reading a number cell. */
  enum Kind { NUMBER, MISSING, INFINITE, TEXT }

  /** Exact powers of ten as doubles (10^0 .. 10^22 are all exactly representable). */
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  /** True for the missing-value markers: blank, {@code NA}, {@code NaN} (any case). */
  static boolean isMissing(String text) {
    return isMissing(text.toCharArray(), 0, text.length());
  }

  static boolean isMissing(char[] c, int from, int to) {
    int n = to - from;
    return n == 0 || n == 2 && lower(c[from]) == 'n' && lower(c[from + 1]) == 'a'
        || n == 3 && lower(c[from]) == 'n' && lower(c[from + 1]) == 'a' && lower(c[from + 2]) == 'n';
  }

  static Kind kind(String text) {
    return kind(text.toCharArray(), 0, text.length());
  }

  static Kind kind(char[] c, int from, int to) {
    if (isMissing(c, from, to)) {
      return Kind.MISSING;
    }
    if (isDecimal(c, from, to)) {
      return Kind.NUMBER;
    }
    return isInfinity(c, from, to) ? Kind.INFINITE : Kind.TEXT;
  }

  /**
   * True for a plain decimal number, {@code [+-]?(d+.?d*|.d+)([eE][+-]?d+)?}: no hex, no Java suffixes
   * like {@code 1d}, which Double.parseDouble would take.
   */
  static boolean isDecimal(char[] c, int from, int to) {
    int i = from;
    if (i < to && (c[i] == '+' || c[i] == '-')) {
      i++;
    }
    int intDigits = 0;
    while (i < to && isDigit(c[i])) {
      i++;
      intDigits++;
    }
    int fracDigits = 0;
    if (i < to && c[i] == '.') {
      i++;
      while (i < to && isDigit(c[i])) {
        i++;
        fracDigits++;
      }
    }
    if (intDigits + fracDigits == 0) {
      return false;
    }
    if (i < to && (c[i] == 'e' || c[i] == 'E')) {
      i++;
      if (i < to && (c[i] == '+' || c[i] == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < to && isDigit(c[i])) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == to;
  }

  /** The number in an already classified {@link Kind#NUMBER} cell. */
  static double number(String text) {
    return number(text.toCharArray(), 0, text.length());
  }

  /**
   * The number in an already classified {@link Kind#NUMBER} cell, correctly rounded ({@link #decimal}).
   */
  static double number(char[] c, int from, int to) {
    return decimal(c, from, to);
  }

  /**
   * The number in a cell that is a plain decimal ({@link #isDecimal}), validated and read in one pass
   * (a long table's numbers are most of its reading time); NaN for any other cell, which no decimal
   * reads as, so that the caller classifies it with {@link #kind}. Correctly rounded: up to 18
   * significant digits with a small enough power of ten take Clinger's fast path (an exact integer
   * times or divided by an exact power of ten is one correctly rounded operation); anything else goes
   * to {@link Double#parseDouble}.
   */
  static double decimal(char[] c, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (c[i] == '+' || c[i] == '-')) {
      negative = c[i] == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int scale = 0;
    int seen = 0;
    boolean slow = false;
    for (; i < to && isDigit(c[i]); i++) {
      seen++;
      if (!slow && (digits > 0 || c[i] != '0')) {
        if (digits == 18) {
          slow = true;
        } else {
          mantissa = mantissa * 10 + (c[i] - '0');
          digits++;
        }
      }
    }
    if (i < to && c[i] == '.') {
      for (i++; i < to && isDigit(c[i]); i++) {
        seen++;
        if (!slow && (digits > 0 || c[i] != '0')) {
          if (digits == 18) {
            slow = true;
          } else {
            mantissa = mantissa * 10 + (c[i] - '0');
            digits++;
          }
        }
        scale--;
      }
    }
    if (seen == 0) {
      return Double.NaN;
    }
    if (i < to && (c[i] == 'e' || c[i] == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < to && (c[i] == '+' || c[i] == '-')) {
        negativeExponent = c[i] == '-';
        i++;
      }
      int exponent = 0;
      int expDigits = 0;
      for (; i < to && isDigit(c[i]); i++) {
        expDigits++;
        if (exponent > 10_000) {
          slow = true;
        } else {
          exponent = exponent * 10 + (c[i] - '0');
        }
      }
      if (expDigits == 0) {
        return Double.NaN;
      }
      scale += negativeExponent ? -exponent : exponent;
    }
    if (i != to) {
      return Double.NaN;
    }
    double value;
    if (slow) {
      return slow(c, from, to);
    } else if (mantissa == 0) {
      value = 0;
    } else if (mantissa < (1L << 53) && scale >= -22 && scale <= 22) {
      value = scale >= 0 ? mantissa * POWERS_OF_TEN[scale] : mantissa / POWERS_OF_TEN[-scale];
    } else {
      return slow(c, from, to);
    }
    return negative ? -value : value;
  }

  private static double slow(char[] c, int from, int to) {
    return Double.parseDouble(new String(c, from, to - from));
  }

  private static boolean isInfinity(char[] c, int from, int to) {
    int i = from;
    if (i < to && (c[i] == '+' || c[i] == '-')) {
      i++;
    }
    int n = to - i;
    return (n == 3 || n == 8) && regionIgnoringCase(c, i, "infinity", n);
  }

  /** True when the integer label would be a Java long: {@code [+-]?d{1,18}}, e.g. a month {@code 03} or a year. */
  static boolean isInteger(String label) {
    return isInteger(label.toCharArray(), 0, label.length());
  }

  static boolean isInteger(char[] c, int from, int to) {
    int i = from;
    if (i < to && (c[i] == '+' || c[i] == '-')) {
      i++;
    }
    int n = to - i;
    if (n < 1 || n > 18) {
      return false;
    }
    for (; i < to; i++) {
      if (!isDigit(c[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * The label as the dim will know it: integers lose leading zeros and a plus sign, so that month
   * {@code 03} in one table is month {@code 3} in another.
   */
  static String canonicalLabel(String text) {
    return isInteger(text) ? Long.toString(Long.parseLong(text)) : text;
  }

  private static boolean isDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }

  private static char lower(char ch) {
    return ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch;
  }

  private static boolean regionIgnoringCase(char[] c, int from, String word, int n) {
    for (int k = 0; k < n; k++) {
      if (lower(c[from + k]) != word.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
