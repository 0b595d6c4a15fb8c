package org.phloem.runtime.data;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fills one input's array from its source, once every dim's size and labels are known. */
final class ValueFiller {
  private final ProblemLog log;
  /** Tables and dims already told that their dim column is not an index (once per pair, not per input). */
  private final Set<String> notAnIndexReported = new HashSet<>();

  ValueFiller(ProblemLog log) {
    this.log = log;
  }

  /** The input's values row-major over its dims, or null when a problem prevented it (logged). */
  double[] fill(InputSource s, List<DimPlan> dims) {
    NumberColumn values = s.table().numbers.get(s.column());
    if (dims.isEmpty()) {
      return scalar(s, values);
    }
    if (s.positional()) {
      return positional(s, values, dims.get(0));
    }
    return keyed(s, values, dims);
  }

  private double[] scalar(InputSource s, NumberColumn values) {
    CsvTable t = s.table();
    if (t.rows() != 1) {
      log.add(t.display, 0, s.column(), "scalar input '" + s.input().name()
          + "' is read from a table with exactly one data row; this one has " + t.rows(), s.input().line());
      return null;
    }
    checkMissing(s, values, 0, values.get(0));
    return new double[] {values.get(0)};
  }

  private double[] positional(InputSource s, NumberColumn values, DimPlan dim) {
    if (s.table().rows() != dim.size()) {
      return null; // the disagreement is reported where the dim was sized
    }
    for (int r = 0; r < dim.size(); r++) {
      checkMissing(s, values, r, values.get(r));
    }
    return values.copy(dim.size());
  }

  private double[] keyed(InputSource s, NumberColumn values, List<DimPlan> dims) {
    CsvTable t = s.table();
    int n = dims.size();
    // Per dim column: its label codes' elements, looked up once per distinct label rather than per row.
    int[][] elementOfCode = new int[n][];
    LabelColumn[] keys = new LabelColumn[n];
    int total = 1;
    for (int k = 0; k < n; k++) {
      DimPlan d = dims.get(k);
      keys[k] = t.labels.get(s.dimColumns().get(k));
      Map<String, Integer> index = d.labelIndex();
      elementOfCode[k] = keys[k].distinct.stream().mapToInt(l -> d.elementOf(l, index)).toArray();
      total *= d.size();
    }
    double[] out = new double[total];
    Arrays.fill(out, Double.NaN);
    BitSet seen = new BitSet(total);
    boolean oneDim = n == 1;
    int[] rowOf = oneDim ? new int[total] : null;
    int repeats = 0;
    int firstRepeat = -1;
    rows:
    for (int r = 0; r < t.rows(); r++) {
      int flat = 0;
      for (int k = 0; k < n; k++) {
        int code = keys[k].code(r);
        if (code < 0) {
          continue rows; // blank key, reported when read
        }
        int e = elementOfCode[k][code];
        if (e < 0) {
          unknownElement(s, dims.get(k), keys[k].distinct.get(code), r);
          continue rows;
        }
        flat = flat * dims.get(k).size() + e;
      }
      double v = values.get(r);
      if (seen.get(flat)) {
        // A 1-D input may be read from a long table that repeats it (a station's latitude on every
        // month's row): identical repeats are fine there. Anything else is ambiguous.
        boolean same = Double.doubleToLongBits(v) == Double.doubleToLongBits(out[flat]);
        if (oneDim && !same) {
          repeats++;
          firstRepeat = firstRepeat < 0 ? r : firstRepeat;
        } else if (!oneDim) {
          log.addRow("duplicate", t.display, t.lineOf(r), s.column(), "a second row for "
              + keyText(dims, flat) + (oneDim ? " with a different value (" + v + " vs " + out[flat] + ")" : "")
              + "; each element must appear once", s.input().line());
        }
        continue;
      }
      seen.set(flat);
      if (oneDim) {
        rowOf[flat] = r;
      }
      out[flat] = v;
      checkMissing(s, values, r, v);
    }
    if (repeats > 0) {
      notAnIndex(s, dims.get(0), keys[0], values, rowOf, firstRepeat, repeats);
      return null;
    }
    if (!s.input().allowMissing() && seen.cardinality() < total) {
      for (int f = seen.nextClearBit(0); f < total; f = seen.nextClearBit(f + 1)) {
        log.addRow("absent", t.display, 0, s.column(), "no row for " + keyText(dims, f)
            + "; input '" + s.input().name() + "' needs every element (declare it `missing` to allow gaps)",
            s.input().line());
      }
    }
    return out;
  }

  /**
   * A 1-D input aligned by a column named like its dim, whose rows repeat elements with different
   * values: the column is data (a day of the month), not the rows' index. Said once per table and dim,
   * with the rename that fixes it.
   */
  private void notAnIndex(InputSource s, DimPlan d, LabelColumn key, NumberColumn values, int[] rowOf, int row,
      int repeats) {
    CsvTable t = s.table();
    if (!notAnIndexReported.add(t.display + '\u0000' + d.name())) {
      return;
    }
    int flat = d.elementOf(key.distinct.get(key.code(row)), d.labelIndex());
    int earlier = rowOf[flat];
    log.add(t.display, t.lineOf(row), d.name(), "dim '" + d.name() + "' is aligned by this table's column '"
        + d.name() + "' (" + key.distinct.size() + " distinct values in " + t.rows() + " rows), but the rows repeat "
        + "its values: " + repeats + " row(s) fall on an element an earlier row has (this line repeats " + d.name()
        + "='" + key.distinct.get(key.code(row)) + "' of line " + t.lineOf(earlier) + ", with " + s.column() + " "
        + values.get(row) + " vs " + values.get(earlier) + "). Column '" + d.name() + "' is data, not the index "
        + "of the rows: rename the dim (e.g. `dim " + d.name() + "_index` or `dim date`) so that the rows are read "
        + "in order, or give each element one row", s.input().line());
  }

  private void unknownElement(InputSource s, DimPlan d, String label, int row) {
    java.util.function.Supplier<String> what = () -> d.byLabel()
        ? "'" + label + "' is not one of the " + d.size() + " elements of dim '" + d.name() + "' (they come from "
            + d.labelSource() + ")" + Nearest.didYouMean(label, d.labels())
        : "'" + label + "' is not an index of dim '" + d.name() + "' (0 to " + (d.size() - 1) + ")";
    log.addRow("unknown " + d.name(), s.table().display, s.table().lineOf(row), d.name(), what, s.input().line());
  }

  private void checkMissing(InputSource s, NumberColumn values, int row, double v) {
    if (Double.isNaN(v) && !s.input().allowMissing() && !values.bad.get(row)) {
      log.addRow("missing", s.table().display, s.table().lineOf(row), s.column(),
          "missing value (blank, NA or NaN) but input '" + s.input().name() + "' needs a number here "
              + "(declare it `missing` to allow gaps)", s.input().line());
    }
  }

  /** "station='alt', month='3'" for a flat row-major position. */
  private static String keyText(List<DimPlan> dims, int flat) {
    String[] parts = new String[dims.size()];
    for (int k = dims.size() - 1; k >= 0; k--) {
      DimPlan d = dims.get(k);
      parts[k] = d.name() + "='" + d.labels().get(flat % d.size()) + "'";
      flat /= d.size();
    }
    return String.join(", ", parts);
  }
}
