package org.phloem.runtime.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One CSV file as binding sees it: the header, then only the columns some input needs, read in one pass
 * (numbers straight into doubles, labels as codes) so that long tables stay affordable.
 */
final class CsvTable {
  final Path file;
  /** The file as the user would find it, for messages. */
  final String display;
  final List<String> header;
  final Map<String, NumberColumn> numbers = new HashMap<>();
  final Map<String, LabelColumn> labels = new HashMap<>();
  /** Which rows the model sees ({@code data t = "..." where COND}); null for every row. */
  RowSelection selection;
  private int rows;
  /** Row indices where the gap between row index and line number changes, and the new line numbers. */
  private int[] jumpRows = new int[0];
  private int[] jumpLines = new int[0];

  private CsvTable(Path file, String display, List<String> header) {
    this.file = file;
    this.display = display;
    this.header = List.copyOf(header);
  }

  /** Reads the header only; null (with a problem logged) when the file cannot be read. */
  static CsvTable open(Path file, String display, ProblemLog log, int modelLine) {
    try (CsvRecordReader r = reader(file)) {
      String[] h = r.next();
      while (h != null && h.length == 0) {
        h = r.next();
      }
      if (h == null) {
        log.add(display, 0, "", "the file is empty; expected a header row of column names", modelLine);
        return null;
      }
      return new CsvTable(file, display, Arrays.asList(h));
    } catch (CsvRecordReader.SyntaxError e) {
      log.add(display, e.line, "", "cannot read the header: " + e.getMessage(), modelLine);
      return null;
    } catch (IOException e) {
      log.add(display, 0, "", "cannot read the file: " + e, modelLine);
      return null;
    }
  }

  private static CsvRecordReader reader(Path file) throws IOException {
    BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    return new CsvRecordReader(in);
  }

  /** Data rows (records after the header). Valid after {@link #load}. */
  int rows() {
    return rows;
  }

  /** The line in the file (header = 1) of a data row (0-based). */
  int lineOf(int row) {
    int i = Arrays.binarySearch(jumpRows, row);
    if (i < 0) {
      i = -i - 2;
    }
    return i < 0 ? row + 2 : jumpLines[i] + (row - jumpRows[i]);
  }

  /** The header position of a column, reporting a column named twice; -1 when absent. */
  int columnIndex(String name) {
    return header.indexOf(name);
  }

  /**
   * Reads the requested columns of every data row.
   *
   * @param numberColumns columns to read as numbers, each with the model line that asked for it
   * @param labelColumns columns to read as labels, likewise
   * @param maxCells refuse (with a problem) tables whose requested cells exceed this
   */
  void load(Map<String, Integer> numberColumns, Map<String, Integer> labelColumns, long maxCells, ProblemLog log) {
    List<String> names = new ArrayList<>();
    List<Object> sinks = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    List<Integer> modelLines = new ArrayList<>();
    numberColumns.forEach((name, line) -> {
      NumberColumn c = new NumberColumn();
      numbers.put(name, c);
      names.add(name);
      sinks.add(c);
      positions.add(columnIndex(name));
      modelLines.add(line);
    });
    labelColumns.forEach((name, line) -> {
      LabelColumn c = new LabelColumn();
      labels.put(name, c);
      names.add(name);
      sinks.add(c);
      positions.add(columnIndex(name));
      modelLines.add(line);
    });
    int firstLine = modelLines.isEmpty() ? 0 : modelLines.get(0);
    long maxRows = names.isEmpty() ? Long.MAX_VALUE : maxCells / names.size();
    List<int[]> jumps = new ArrayList<>();
    try (CsvRecordReader r = reader(file)) {
      skipHeader(r);
      int pendingBlank = 0;
      while (true) {
        String[] rec;
        boolean broken = false;
        try {
          rec = r.next();
        } catch (CsvRecordReader.SyntaxError e) {
          log.add(display, e.line, "", e.getMessage(), firstLine);
          rec = null;
          broken = true;
        }
        if (broken) {
          // Keep the row (positions after it stay right) but as unusable, not as missing values.
          addRow(null, r.recordLine(), jumps, positions, sinks, names, modelLines, log);
          continue;
        }
        if (rec == null) {
          break;
        }
        if (rec.length == 0) {
          // An empty line is a blank value in a one-column table (unless trailing); elsewhere it is skipped.
          if (header.size() == 1) {
            pendingBlank++;
          }
          continue;
        }
        for (; pendingBlank > 0; pendingBlank--) {
          addRow(new String[] {""}, r.recordLine() - pendingBlank, jumps, positions, sinks, names, modelLines, log);
        }
        if (rows >= maxRows) {
          log.add(display, r.recordLine(), "", "the file has more than " + maxRows + " data rows, which with "
              + names.size() + " column(s) needed exceeds the limit of " + maxCells
              + " values; raise the element limit if this size is intended", firstLine);
          break;
        }
        if (rec.length != header.size()) {
          log.addRow("fields", display, r.recordLine(), "", "expected " + header.size()
              + " comma-separated fields as in the header, found " + rec.length, firstLine);
        }
        addRow(rec, r.recordLine(), jumps, positions, sinks, names, modelLines, log);
      }
    } catch (IOException e) {
      log.add(display, 0, "", "cannot read the file: " + e, firstLine);
    }
    jumpRows = jumps.stream().mapToInt(j -> j[0]).toArray();
    jumpLines = jumps.stream().mapToInt(j -> j[1]).toArray();
  }

  /**
   * Keeps only the rows in {@code keep} (by 0-based data row), renumbering them from 0; each kept row
   * still reports its line in the file. Labels that only dropped rows had are forgotten, so dims sized
   * by this table's labels shrink with it.
   */
  void retain(BitSet keep) {
    numbers.replaceAll((name, column) -> column.retain(keep));
    labels.replaceAll((name, column) -> column.retain(keep));
    List<int[]> jumps = new ArrayList<>();
    int kept = 0;
    for (int r = keep.nextSetBit(0); r >= 0 && r < rows; r = keep.nextSetBit(r + 1), kept++) {
      int line = lineOf(r);
      if (lineOf(kept, jumps) != line) {
        jumps.add(new int[] {kept, line});
      }
    }
    rows = kept;
    jumpRows = jumps.stream().mapToInt(j -> j[0]).toArray();
    jumpLines = jumps.stream().mapToInt(j -> j[1]).toArray();
  }

  /** Skips to past the header, which {@link #open} has already read successfully. */
  private static void skipHeader(CsvRecordReader r) throws IOException {
    try {
      String[] h = r.next();
      while (h != null && h.length == 0) {
        h = r.next();
      }
    } catch (CsvRecordReader.SyntaxError e) {
      throw new IllegalStateException("the header read before no longer parses", e);
    }
  }

  /** Adds one data row; {@code rec} null for a row that could not be split (already reported). */
  private void addRow(String[] rec, int line, List<int[]> jumps, List<Integer> positions, List<Object> sinks,
      List<String> names, List<Integer> modelLines, ProblemLog log) {
    if (lineOf(rows, jumps) != line) {
      jumps.add(new int[] {rows, line});
    }
    for (int k = 0; k < sinks.size(); k++) {
      int p = positions.get(k);
      Object sink = sinks.get(k);
      if (rec == null) {
        if (sink instanceof NumberColumn num) {
          num.bad.set(num.size());
          num.add(Double.NaN);
        } else {
          ((LabelColumn) sink).add("");
        }
        continue;
      }
      String text = p < rec.length ? rec[p] : "";
      if (sink instanceof NumberColumn num) {
        readNumber(num, text, line, names.get(k), modelLines.get(k), log);
      } else {
        LabelColumn lab = (LabelColumn) sink;
        if (text.isEmpty()) {
          log.addRow("blank label", display, line, names.get(k),
              "blank cell in a dimension column; every row needs the element it belongs to", modelLines.get(k));
        }
        lab.add(text);
      }
    }
    rows++;
  }

  private void readNumber(NumberColumn num, String text, int line, String column, int modelLine, ProblemLog log) {
    switch (Cells.kind(text)) {
      case NUMBER -> {
        double v = Cells.number(text);
        if (Double.isInfinite(v)) { // 1e999: refused like a literal Inf
          num.bad.set(num.size());
          num.add(Double.NaN);
          log.addRow("infinite", display, line, column, "'" + abbreviate(text) + "' overflows to infinity (the largest"
              + " number is about 1.8e308)", modelLine);
        } else {
          num.add(v);
        }
      }
      case MISSING -> num.add(Double.NaN);
      case INFINITE -> {
        num.bad.set(num.size());
        num.add(Double.NaN);
        log.addRow("infinite", display, line, column, "'" + text + "' is not a finite number", modelLine);
      }
      case TEXT -> {
        num.bad.set(num.size());
        num.add(Double.NaN);
        log.addRow("text", display, line, column, "expected a number, found the text '" + abbreviate(text)
            + "' (missing values are written as a blank, NA or NaN)", modelLine);
      }
    }
  }

  private static String abbreviate(String text) {
    String oneLine = text.replace("\n", "\\n");
    return oneLine.length() > 40 ? oneLine.substring(0, 37) + "..." : oneLine;
  }

  /** Line of a row while loading, from the jumps recorded so far. */
  private static int lineOf(int row, List<int[]> jumps) {
    if (jumps.isEmpty()) {
      return row + 2;
    }
    int[] last = jumps.get(jumps.size() - 1);
    return last[1] + (row - last[0]);
  }
}
