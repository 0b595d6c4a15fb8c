package org.phloem.runtime.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A column read as labels (a dim's element names or indices): each row holds a code into the distinct
 * labels in first-appearance order, or -1 for a blank cell. Integer labels are stored canonically
 * ({@code 03} as {@code 3}); repeated labels share one string, which keeps long tables small.
 */
final class LabelColumn {
  private int[] codes = new int[1024];
  private int size;
  final List<String> distinct = new ArrayList<>();
  private final Map<String, Integer> codeOf = new HashMap<>();

  /** The text of the previous non-blank cell and its code: tables often repeat a label row after row. */
  private char[] previous = new char[0];
  private int previousLength = -1;
  private int previousCode = -1;

  void add(String text) {
    add(text.toCharArray(), 0, text.length());
  }

  /** Adds the cell {@code c[from, to)}; a String is made only for a label not seen in the row before. */
  void add(char[] c, int from, int to) {
    int code = -1;
    int n = to - from;
    if (n > 0) {
      if (n == previousLength && Arrays.equals(c, from, to, previous, 0, n)) {
        code = previousCode;
      } else {
        String text = new String(c, from, n);
        String label = Cells.isInteger(c, from, to) ? Long.toString(Long.parseLong(text)) : text;
        Integer known = codeOf.get(label);
        if (known == null) {
          known = distinct.size();
          distinct.add(label);
          codeOf.put(label, known);
        }
        code = known;
        if (previous.length < n) {
          previous = new char[Math.max(n, 2 * previous.length)];
        }
        System.arraycopy(c, from, previous, 0, n);
        previousLength = n;
        previousCode = code;
      }
    }
    if (size == codes.length) {
      codes = Arrays.copyOf(codes, codes.length * 2);
    }
    codes[size++] = code;
  }

  /** A new column of the rows in {@code keep}, in order, knowing only their labels. */
  LabelColumn retain(BitSet keep) {
    LabelColumn out = new LabelColumn();
    for (int r = keep.nextSetBit(0); r >= 0 && r < size; r = keep.nextSetBit(r + 1)) {
      out.add(codes[r] < 0 ? "" : distinct.get(codes[r]));
    }
    return out;
  }

  /** The code of the row's label, -1 when blank. */
  int code(int row) {
    return codes[row];
  }

  int size() {
    return size;
  }

  /** True when every label is an integer (so a dim ordered by them is ordered numerically). */
  boolean allIntegers() {
    return distinct.stream().allMatch(Cells::isInteger);
  }
}
