package org.phloem.runtime.data;

import java.util.List;
import java.util.Map;

/**
 * One variable of a NetCDF file as its header describes it: the names and lengths of its dimensions
 * (outermost first, as stored) and its attributes (text as {@code String}, numbers as {@code double[]}).
 *
 * @param name the variable's name
 * @param dims its dimensions' names, outermost first (empty for a scalar)
 * @param shape their lengths
 * @param attributes its attributes by name
 */
record NcVariable(String name, List<String> dims, int[] shape, Map<String, Object> attributes) {
  NcVariable {
    dims = List.copyOf(dims);
    shape = shape.clone();
    attributes = Map.copyOf(attributes);
  }

  /** A text attribute, or null when absent or not text. */
  String text(String attribute) {
    Object v = attributes.get(attribute);
    return v instanceof String ? ((String) v).trim() : null;
  }

  /** A numeric attribute's values, or null when absent or not numeric. */
  double[] numbers(String attribute) {
    Object v = attributes.get(attribute);
    return v instanceof double[] ? (double[]) v : null;
  }

  /** Elements in all. */
  long size() {
    long n = 1;
    for (int s : shape) {
      n *= s;
    }
    return n;
  }

  /** {@code v(time=12, zm=29, y=19)}, for messages. */
  String describe() {
    StringBuilder s = new StringBuilder(name).append('(');
    for (int k = 0; k < dims.size(); k++) {
      s.append(k > 0 ? ", " : "").append(dims.get(k)).append('=').append(shape[k]);
    }
    return s.append(')').toString();
  }
}
