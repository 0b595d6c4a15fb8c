package org.phloem.runtime;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A dimension after binding: its size and, where the data named its elements (station codes, years),
 * their labels; otherwise the labels are "0", "1", ... ({@link #indexLabels}, computed on demand).
 */
public record DimInfo(String name, int size, List<String> labels) {
  public DimInfo {
    // index labels stay lazy: a dim of 10⁶ table rows would otherwise hold 10⁶ Strings nobody reads
    labels = labels instanceof IndexLabels ? labels : List.copyOf(labels);
    if (labels.size() != size) {
      throw new IllegalArgumentException("dim " + name + ": " + labels.size() + " labels for size " + size);
    }
  }

  /** The labels "0".."n-1", each made when it is asked for (immutable). */
  public static List<String> indexLabels(int n) {
    return new IndexLabels(n);
  }

  /** "0".."n-1" as an immutable list that makes each label on demand. */
  private static final class IndexLabels extends AbstractList<String> implements RandomAccess, Serializable {
    private static final long serialVersionUID = 1L;
    private final int n;

    IndexLabels(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("negative size " + n);
      }
      this.n = n;
    }

    @Override
    public String get(int i) {
      if (i < 0 || i >= n) {
        throw new IndexOutOfBoundsException(i);
      }
      return Integer.toString(i);
    }

    @Override
    public int size() {
      return n;
    }
  }
}
