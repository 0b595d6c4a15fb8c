package org.phloem.runtime.report;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Builds CSV text (RFC 4180 quoting; numbers in shortest round-trip form, NaN as NA, infinities as Inf)
 * into any {@link Appendable}: a StringBuilder for the small tables, a buffered file writer for the long
 * ones, cell by cell.
 *
 * <p>Numbers are written by jackson-core's Schubfach (Giulietti's algorithm, the one Double.toString
 * uses from JDK 19): the shortest decimal that reads back to the same double, in Double.toString's
 * format, three to four times faster than JDK 17's Double.toString, whose cost was most of writing the
 * tables of a fit with 10⁵ observations.
 */
public final class Csv {
  /** Characters gathered before they are handed to a writer in one piece. */
  private static final int CHUNK = 1 << 16;
  private final Appendable out;
  /** The text being built: all of it for a StringBuilder target, the unflushed part for a writer. */
  private final StringBuilder sb;
  private boolean rowStarted;

  /** CSV into a fresh StringBuilder ({@link #toString()} gives the text). */
  public Csv() {
    this(new StringBuilder());
  }

  /** CSV into {@code out}; a failing write surfaces as an {@link UncheckedIOException}. */
  public Csv(Appendable out) {
    this.out = out;
    this.sb = out instanceof StringBuilder b ? b : new StringBuilder(CHUNK + 1024);
  }

  /** Appends one row of cells, each a String or a Number (or null for an empty cell). */
  public Csv row(List<?> cells) {
    for (Object cell : cells) {
      cell(cell);
    }
    return end();
  }

  /** Appends one row of cells (see {@link #row(List)}). */
  public Csv row(Object... cells) {
    return row(java.util.Arrays.asList(cells));
  }

  /** Appends a text cell (quoted where needed), a number, or an empty cell for null. */
  public Csv cell(Object o) {
    if (o instanceof Double d) {
      return cell(d.doubleValue());
    }
    if (o instanceof Integer || o instanceof Long) {
      return cell(((Number) o).longValue());
    }
    separate();
    if (o != null) {
      String s = o.toString();
      if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
        s = '"' + s.replace("\"", "\"\"") + '"';
      }
      append(s);
    }
    return this;
  }

  public Csv cell(double v) {
    separate();
    if (Double.isNaN(v)) {
      append("NA");
    } else if (Double.isInfinite(v)) {
      append(v > 0 ? "Inf" : "-Inf");
    } else {
      sb.append(NumberOutput.toString(v, true));
    }
    return this;
  }

  public Csv cell(long v) {
    separate();
    sb.append(v);
    return this;
  }

  /** Ends the current row. */
  public Csv end() {
    sb.append('\n');
    rowStarted = false;
    if (sb != out && sb.length() >= CHUNK) {
      flush();
    }
    return this;
  }

  /** Hands the text built so far to the writer (rows are flushed in chunks; call after the last row). */
  public Csv flush() {
    if (sb != out) {
      try {
        out.append(sb);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      sb.setLength(0);
    }
    return this;
  }

  /** A number as a cell: shortest round-trip form, NA for NaN, Inf/-Inf. */
  public static String number(double v) {
    return new Csv().cell(v).toString();
  }

  private void separate() {
    if (rowStarted) {
      sb.append(',');
    }
    rowStarted = true;
  }

  private void append(String s) {
    sb.append(s);
  }

  @Override
  public String toString() {
    return sb == out ? sb.toString() : out.toString();
  }
}
