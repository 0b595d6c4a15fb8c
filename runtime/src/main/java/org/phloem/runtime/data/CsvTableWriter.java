package org.phloem.runtime.data;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes arrays as the CSV tables {@link DataBinder} reads: wide tables for 1-D series sharing a dim, long
 * tables for arrays over several dims, one-row tables for scalars. Numbers are written with
 * {@link Double#toString}, which reads back to the identical double; NaN is written blank (missing).
 * Each file appears whole or not at all: it is written to a temporary file beside it and then moved.
 */
public final class CsvTableWriter {
  private CsvTableWriter() {}

  /** Values of several columns at a row-major position, for long tables computed on the fly. */
  @FunctionalInterface
  public interface FlatValues {
    /** The value of value column {@code column} at row-major position {@code flat}. */
    double get(int column, long flat);
  }

  /**
   * A wide table: a first column named like the dim holding its labels, then one column per series.
   *
   * @param series column name to values, each as long as {@code labels}
   */
  public static void writeWide(Path file, String dim, List<String> labels, Map<String, double[]> series)
      throws IOException {
    List<String> names = new ArrayList<>(series.keySet());
    List<double[]> columns = new ArrayList<>(series.values());
    for (int c = 0; c < columns.size(); c++) {
      requireLength(names.get(c), columns.get(c).length, labels.size());
    }
    writeAtomically(file, out -> {
      header(out, List.of(dim), names);
      for (int r = 0; r < labels.size(); r++) {
        out.write(field(labels.get(r)));
        for (double[] column : columns) {
          out.write(',');
          out.write(number(column[r]));
        }
        out.write('\n');
      }
    });
  }

  /**
   * A long table with the given value columns, each a row-major array over {@code dims}.
   *
   * @param labels each dim's element labels, in dim order
   * @param values column name to values, each of length the product of the dims' sizes
   */
  public static void writeLong(Path file, List<String> dims, List<List<String>> labels, Map<String, double[]> values)
      throws IOException {
    long total = product(labels);
    List<double[]> columns = new ArrayList<>(values.values());
    List<String> names = new ArrayList<>(values.keySet());
    for (int c = 0; c < columns.size(); c++) {
      requireLength(names.get(c), columns.get(c).length, total);
    }
    writeLong(file, dims, labels, names, (c, flat) -> columns.get(c)[(int) flat]);
  }

  /**
   * A long table whose values are computed as they are written (no array of the whole table needed): one
   * row per combination of the dims' elements, the last dim fastest.
   */
  public static void writeLong(Path file, List<String> dims, List<List<String>> labels, List<String> valueNames,
      FlatValues values) throws IOException {
    if (dims.size() != labels.size()) {
      throw new IllegalArgumentException(dims.size() + " dims but " + labels.size() + " label lists");
    }
    long total = product(labels);
    int n = dims.size();
    String[][] quoted = new String[n][];
    for (int k = 0; k < n; k++) {
      quoted[k] = labels.get(k).stream().map(CsvTableWriter::field).toArray(String[]::new);
    }
    writeAtomically(file, out -> {
      header(out, dims, valueNames);
      int[] at = new int[n];
      for (long flat = 0; flat < total; flat++) {
        for (int k = 0; k < n; k++) {
          if (k > 0) {
            out.write(',');
          }
          out.write(quoted[k][at[k]]);
        }
        for (int c = 0; c < valueNames.size(); c++) {
          out.write(',');
          out.write(number(values.get(c, flat)));
        }
        out.write('\n');
        for (int k = n - 1; k >= 0 && ++at[k] == quoted[k].length; k--) {
          at[k] = 0;
        }
      }
    });
  }

  /** A one-row table, one column per scalar. */
  public static void writeScalars(Path file, Map<String, Double> values) throws IOException {
    writeAtomically(file, out -> {
      header(out, List.of(), new ArrayList<>(values.keySet()));
      List<String> cells = values.values().stream().map(CsvTableWriter::number).toList();
      out.write(String.join(",", cells));
      out.write('\n');
    });
  }

  /** What goes into a file. */
  private interface Body {
    void write(Writer out) throws IOException;
  }

  /** Writes into a temporary file beside {@code file}, then moves it into place (replacing any old one). */
  private static void writeAtomically(Path file, Body body) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      try (Writer out = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), 1 << 16)) {
        body.write(out);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void header(Writer out, List<String> first, List<String> rest) throws IOException {
    List<String> all = new ArrayList<>(first);
    all.addAll(rest);
    out.write(String.join(",", all.stream().map(CsvTableWriter::field).toList()));
    out.write('\n');
  }

  /** A number cell: blank for NaN; infinities cannot be written because they cannot be read back. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Double.isInfinite(v)) {
      throw new IllegalArgumentException("cannot write an infinite value to a data table");
    }
    return Double.toString(v);
  }

  /** A text cell, quoted when it would otherwise not read back as itself. */
  static String field(String text) {
    boolean plain = !text.isEmpty() && text.strip().equals(text) && !text.equals("\uFEFF")
        && text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
    return plain ? text : '"' + text.replace("\"", "\"\"") + '"';
  }

  private static long product(List<List<String>> labels) {
    long total = 1;
    for (List<String> l : labels) {
      total = Math.multiplyExact(total, l.size());
    }
    return total;
  }

  private static void requireLength(String name, long actual, long expected) {
    if (actual != expected) {
      throw new IllegalArgumentException("column '" + name + "' has " + actual + " values for " + expected + " rows");
    }
  }
}
