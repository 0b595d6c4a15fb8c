package org.phloem.runtime.report;

import java.util.List;

/** Builds CSV text (RFC 4180 quoting; numbers in shortest round-trip form, NaN as NA, infinities as Inf). */
public final class Csv {
  private final StringBuilder sb = new StringBuilder();

  /** Appends one row of cells, each a String or a Number (or null for an empty cell). */
  public Csv row(List<?> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(cell(cells.get(i)));
    }
    sb.append('\n');
    return this;
  }

  /** Appends one row of cells (see {@link #row(List)}). */
  public Csv row(Object... cells) {
    return row(java.util.Arrays.asList(cells));
  }

  /** A number as a cell: shortest round-trip form, NA for NaN, Inf/-Inf. */
  public static String number(double v) {
    if (Double.isNaN(v)) {
      return "NA";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Inf" : "-Inf";
    }
    return Double.toString(v);
  }

  private static String cell(Object o) {
    if (o == null) {
      return "";
    }
    if (o instanceof Double d) {
      return number(d);
    }
    if (o instanceof Number) {
      return o.toString();
    }
    String s = o.toString();
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
