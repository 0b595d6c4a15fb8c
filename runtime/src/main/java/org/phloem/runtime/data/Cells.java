package org.phloem.runtime.data;

import java.util.regex.Pattern;

/** How one CSV cell's text reads as a number or a label. */
final class Cells {
  private Cells() {}

  /** Plain decimal numbers only: no hex, no Java suffixes like {@code 1d}, which Double.parseDouble would take. */
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
  private static final Pattern INFINITY = Pattern.compile("[+-]?(inf|infinity)", Pattern.CASE_INSENSITIVE);

  /** The result of reading a number cell. */
  enum Kind { NUMBER, MISSING, INFINITE, TEXT }

  /** True for the missing-value markers: blank, {@code NA}, {@code NaN} (any case). */
  static boolean isMissing(String text) {
    return text.isEmpty() || text.equalsIgnoreCase("NA") || text.equalsIgnoreCase("NaN");
  }

  static Kind kind(String text) {
    if (isMissing(text)) {
      return Kind.MISSING;
    }
    if (NUMBER.matcher(text).matches()) {
      return Kind.NUMBER;
    }
    return INFINITY.matcher(text).matches() ? Kind.INFINITE : Kind.TEXT;
  }

  /** The number in an already classified {@link Kind#NUMBER} cell. */
  static double number(String text) {
    return Double.parseDouble(text);
  }

  /** True when the label is an integer, e.g. a month {@code 03} or a year. */
  static boolean isInteger(String label) {
    return INTEGER.matcher(label).matches();
  }

  /**
   * The label as the dim will know it: integers lose leading zeros and a plus sign, so that month
   * {@code 03} in one table is month {@code 3} in another.
   */
  static String canonicalLabel(String text) {
    return isInteger(text) ? Long.toString(Long.parseLong(text)) : text;
  }
}
