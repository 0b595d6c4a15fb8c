package org.phloem.runtime.data;

import java.util.BitSet;
import java.util.Map;

/**
 * The rows of a CSV table a model sees, {@code data hyy = "fi_hyy/daily_2000_2010.csv" where year >= 2005}:
 * the condition's columns are read with the table, the condition is evaluated on every row, and the
 * table keeps only the rows where it holds (see {@link CsvTable#retain}). Everything sized from the
 * table (its row count, its labels) is then sized from the selected rows.
 *
 * @param condition the condition
 * @param modelLine the line of the {@code data} declaration, for messages
 */
record RowSelection(RowCondition condition, int modelLine) {

  /**
   * Adds the condition's columns to those the table will read; logs each that the table lacks.
   *
   * @return false when a column is missing (the condition cannot be evaluated)
   */
  boolean request(CsvTable table, Map<String, Integer> numberColumns, ProblemLog log) {
    boolean ok = true;
    for (String c : condition.columns()) {
      if (!table.header.contains(c)) {
        log.add(table.display, 1, "", "the row condition `where " + text() + "` reads column '" + c
            + "', which the table lacks; the columns are: " + String.join(", ", table.header) + "."
            + Nearest.didYouMean(c, table.header), modelLine);
        ok = false;
      } else {
        numberColumns.putIfAbsent(c, modelLine);
      }
    }
    return ok;
  }

  /** Keeps the rows where the condition holds (a missing value in a comparison makes it false). */
  void apply(CsvTable table, ProblemLog log) {
    int n = table.rows();
    BitSet keep = new BitSet(n);
    int[] row = {0};
    RowCondition.Row values = column -> table.numbers.get(column).get(row[0]);
    for (; row[0] < n; row[0]++) {
      if (condition.eval(values) != 0) {
        keep.set(row[0]);
      }
    }
    if (keep.isEmpty()) {
      log.add(table.display, 0, "", "the row condition `where " + text() + "` holds on none of its " + n
          + " data rows", modelLine);
    }
    table.retain(keep);
  }

  private String text() {
    String s = condition.toString();
    return s.startsWith("(") && s.endsWith(")") ? s.substring(1, s.length() - 1) : s;
  }
}
