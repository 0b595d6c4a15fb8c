package org.phloem.runtime;

import java.util.List;

/**
 * A dimension after binding: its size and, where the data named its elements (station codes, years),
 * their labels; otherwise the labels are "0", "1", ...
 */
public record DimInfo(String name, int size, List<String> labels) {
  public DimInfo {
    labels = List.copyOf(labels);
    if (labels.size() != size) {
      throw new IllegalArgumentException("dim " + name + ": " + labels.size() + " labels for size " + size);
    }
  }
}
