package org.phloem.runtime.data;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A column read as numbers: NaN where the cell was a missing marker or unusable. Unusable cells (text,
 * infinities) are reported when read and flagged in {@link #bad}, so that binding does not report them
 * again as merely missing.
 */
final class NumberColumn {
  private double[] values = new double[1024];
  final BitSet bad = new BitSet();
  private int size;

  void add(double v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    values[size++] = v;
  }

  double get(int row) {
    return values[row];
  }

  int size() {
    return size;
  }

  /** A new column of the rows in {@code keep}, in order. */
  NumberColumn retain(BitSet keep) {
    NumberColumn out = new NumberColumn();
    for (int r = keep.nextSetBit(0); r >= 0 && r < size; r = keep.nextSetBit(r + 1)) {
      if (bad.get(r)) {
        out.bad.set(out.size);
      }
      out.add(values[r]);
    }
    return out;
  }

  /** A copy of the first {@code n} values. */
  double[] copy(int n) {
    return Arrays.copyOf(values, n);
  }
}
