package org.phloem.runtime.data;

import java.util.List;
import java.util.Map;

/**
 * The result of binding a model's inputs to its data: every dimension's size and element labels, and
 * every input's values, flat and row-major over its dims (NaN where missing and allowed).
 */
public record BoundData(Map<String, Integer> dimSizes, Map<String, List<String>> dimLabels, Map<String, double[]> inputs) implements java.io.Serializable {
  public BoundData {
    dimSizes = Map.copyOf(dimSizes);
    dimLabels = Map.copyOf(dimLabels);
    inputs = Map.copyOf(inputs);
  }
}
