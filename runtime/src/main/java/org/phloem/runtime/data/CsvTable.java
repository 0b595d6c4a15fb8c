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
  /** True when the table was not read because it does not fit in the heap (reported already). */
  boolean tooLarge;
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
    } catch (java.nio.charset.CharacterCodingException e) {
      int line = TextFile.firstInvalidUtf8Line(file);
      log.add(display, line, "", (line > 0 ? "this line is" : "the file is") + " not valid UTF-8; save the table as UTF-8 text",
          modelLine);
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
    load(numberColumns, labelColumns, maxCells, HeapBudget.availableHeap(), log);
  }

  /** {@link #load} with the free heap given (for tests). */
  void load(Map<String, Integer> numberColumns, Map<String, Integer> labelColumns, long maxCells, long availableHeap, ProblemLog log) {
    int modelLine = numberColumns.values().stream().findFirst().orElse(0);
    try {
      String refusal = HeapBudget.refusal(display, Files.size(file), HeapBudget.estimatedRows(file), numberColumns.size(),
          labelColumns.size(), availableHeap, Runtime.getRuntime().maxMemory());
      if (refusal != null) {
        tooLarge = true;
        log.add(display, 0, "", refusal, modelLine);
        return;
      }
      read(numberColumns, labelColumns, maxCells, log);
    } catch (OutOfMemoryError e) {
      int read = rows;
      numbers.clear();
      labels.clear();
      rows = 0;
      tooLarge = true;
      log.add(display, 0, "", HeapBudget.outOfMemory(read, Runtime.getRuntime().maxMemory()), modelLine);
    } catch (IOException e) {
      log.add(display, 0, "", "cannot read the file: " + e, modelLine);
    }
  }

  private void read(Map<String, Integer> numberColumns, Map<String, Integer> labelColumns, long maxCells, ProblemLog log) {
    List<String> names = new ArrayList<>();
    List<Object> sinkList = new ArrayList<>();
    List<Integer> positionList = new ArrayList<>();
    List<Integer> modelLines = new ArrayList<>();
    numberColumns.forEach((name, line) -> {
      NumberColumn c = new NumberColumn();
      numbers.put(name, c);
      names.add(name);
      sinkList.add(c);
      positionList.add(columnIndex(name));
      modelLines.add(line);
    });
    labelColumns.forEach((name, line) -> {
      LabelColumn c = new LabelColumn();
      labels.put(name, c);
      names.add(name);
      sinkList.add(c);
      positionList.add(columnIndex(name));
      modelLines.add(line);
    });
    int firstLine = modelLines.isEmpty() ? 0 : modelLines.get(0);
    Object[] sinks = sinkList.toArray();
    int[] positions = positionList.stream().mapToInt(Integer::intValue).toArray();
    long maxRows = names.isEmpty() ? Long.MAX_VALUE : maxCells / names.size();
    List<int[]> jumps = new ArrayList<>();
    try (CsvRecordReader r = reader(file)) {
      skipHeader(r);
      int pendingBlank = 0;
      while (true) {
        int fields;
        try {
          fields = r.nextRecord();
        } catch (CsvRecordReader.SyntaxError e) {
          log.add(display, e.line, "", e.getMessage(), firstLine);
          // Keep the row (positions after it stay right) but as unusable, not as missing values.
          addBrokenRow(r.recordLine(), jumps, sinks);
          continue;
        }
        if (fields == CsvRecordReader.END) {
          break;
        }
        if (fields == 0) {
          // An empty line is a blank value in a one-column table (unless trailing); elsewhere it is skipped.
          if (header.size() == 1) {
            pendingBlank++;
          }
          continue;
        }
        for (; pendingBlank > 0; pendingBlank--) {
          addBlankRow(r.recordLine() - pendingBlank, jumps, sinks, names, modelLines, log);
        }
        if (rows >= maxRows) {
          log.add(display, r.recordLine(), "", "the file has more than " + maxRows + " data rows, which with "
              + names.size() + " column(s) needed exceeds the limit of " + maxCells
              + " values; raise the element limit if this size is intended", firstLine);
          break;
        }
        if (fields != header.size()) {
          log.addRow("fields", display, r.recordLine(), "", "expected " + header.size()
              + " comma-separated fields as in the header, found " + fields, firstLine);
        }
        addRow(r, fields, jumps, positions, sinks, names, modelLines, log);
      }
    } catch (java.nio.charset.CharacterCodingException e) {
      int line = TextFile.firstInvalidUtf8Line(file);
      log.add(display, line, "", (line > 0 ? "this line is" : "the file is") + " not valid UTF-8; save the table as UTF-8 text",
          firstLine);
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

  /** Adds the current record of {@code r} as one data row. */
  private void addRow(CsvRecordReader r, int fields, List<int[]> jumps, int[] positions, Object[] sinks,
      List<String> names, List<Integer> modelLines, ProblemLog log) {
    int line = r.recordLine();
    noteLine(line, jumps);
    char[] c = r.chars();
    for (int k = 0; k < sinks.length; k++) {
      int p = positions[k];
      int from = p < fields ? r.start(p) : 0;
      int to = p < fields ? r.end(p) : 0;
      Object sink = sinks[k];
      if (sink instanceof NumberColumn num) {
        readNumber(num, c, from, to, line, names.get(k), modelLines.get(k), log);
      } else {
        LabelColumn lab = (LabelColumn) sink;
        if (from == to) {
          log.addRow("blank label", display, line, names.get(k),
              "blank cell in a dimension column; every row needs the element it belongs to", modelLines.get(k));
        }
        lab.add(c, from, to);
      }
    }
    rows++;
  }

  /** Adds the blank row an empty line stands for in a one-column table. */
  private void addBlankRow(int line, List<int[]> jumps, Object[] sinks, List<String> names, List<Integer> modelLines,
      ProblemLog log) {
    noteLine(line, jumps);
    for (int k = 0; k < sinks.length; k++) {
      if (sinks[k] instanceof NumberColumn num) {
        num.add(Double.NaN);
      } else {
        log.addRow("blank label", display, line, names.get(k),
            "blank cell in a dimension column; every row needs the element it belongs to", modelLines.get(k));
        ((LabelColumn) sinks[k]).add("");
      }
    }
    rows++;
  }

  /** Adds a row that could not be split (already reported): unusable, not merely missing. */
  private void addBrokenRow(int line, List<int[]> jumps, Object[] sinks) {
    noteLine(line, jumps);
    for (Object sink : sinks) {
      if (sink instanceof NumberColumn num) {
        num.bad.set(num.size());
        num.add(Double.NaN);
      } else {
        ((LabelColumn) sink).add("");
      }
    }
    rows++;
  }

  private void noteLine(int line, List<int[]> jumps) {
    if (lineOf(rows, jumps) != line) {
      jumps.add(new int[] {rows, line});
    }
  }

  private void readNumber(NumberColumn num, char[] c, int from, int to, int line, String column, int modelLine,
      ProblemLog log) {
    double fast = Cells.decimal(c, from, to);
    if (Double.isFinite(fast)) { // the common case: a plain decimal, read in one pass
      num.add(fast);
      return;
    }
    switch (Cells.kind(c, from, to)) {
      case NUMBER -> {
        double v = Cells.number(c, from, to);
        if (Double.isInfinite(v)) { // 1e999: refused like a literal Inf
          num.bad.set(num.size());
          num.add(Double.NaN);
          log.addRow("infinite", display, line, column, "'" + abbreviate(new String(c, from, to - from))
              + "' overflows to infinity (the largest number is about 1.8e308)", modelLine);
        } else {
          num.add(v);
        }
      }
      case MISSING -> num.add(Double.NaN);
      case INFINITE -> {
        num.bad.set(num.size());
        num.add(Double.NaN);
        log.addRow("infinite", display, line, column, "'" + new String(c, from, to - from) + "' is not a finite number",
            modelLine);
      }
      case TEXT -> {
        num.bad.set(num.size());
        num.add(Double.NaN);
        log.addRow("text", display, line, column, "expected a number, found the text '"
            + abbreviate(new String(c, from, to - from)) + "' (missing values are written as a blank, NA or NaN)", modelLine);
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
