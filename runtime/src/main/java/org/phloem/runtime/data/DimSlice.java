package org.phloem.runtime.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One element of a dim cut out of bound data: the dim gets size 1 (keeping that element's label) and
 * every input over it keeps only that element's values. Binding a model once to a whole network's
 * tables and then slicing it by {@code site} gives one model instance per site, to be summed by
 * {@code org.phloem.runtime.parallel.SiteSum}; the sliced instance computes exactly what the whole model
 * computes for that site, provided the model treats its sites independently.
 */
public final class DimSlice {

  private DimSlice() {}

  /**
   * The data of element {@code element} of dim {@code dim}.
   *
   * @param data the whole bound data
   * @param inputs the model's input declarations (they give each input's dims, in the order its values
   *     are stored, row-major)
   * @throws IllegalArgumentException when the dim is unknown or the element out of range
   */
  public static BoundData of(BoundData data, List<InputSpec> inputs, String dim, int element) {
    Integer size = data.dimSizes().get(dim);
    if (size == null) {
      throw new IllegalArgumentException("no dim '" + dim + "' in the bound data (dims: " + data.dimSizes().keySet() + ")");
    }
    if (element < 0 || element >= size) {
      throw new IllegalArgumentException("element " + element + " of dim '" + dim + "', which has " + size);
    }
    Map<String, Integer> sizes = new HashMap<>(data.dimSizes());
    sizes.put(dim, 1);
    Map<String, List<String>> labels = new HashMap<>(data.dimLabels());
    labels.put(dim, List.of(data.dimLabels().get(dim).get(element)));
    Map<String, double[]> values = new HashMap<>(data.inputs());
    for (InputSpec in : inputs) {
      int k = in.dims().indexOf(dim);
      double[] all = data.inputs().get(in.name());
      if (k < 0 || all == null) {
        continue;
      }
      // row-major: the values before dim k repeat `outer` times, those after it form blocks of `inner`
      int outer = 1;
      for (int d = 0; d < k; d++) {
        outer *= data.dimSizes().get(in.dims().get(d));
      }
      int inner = all.length / (outer * size);
      double[] cut = new double[outer * inner];
      for (int o = 0; o < outer; o++) {
        System.arraycopy(all, (o * size + element) * inner, cut, o * inner, inner);
      }
      values.put(in.name(), cut);
    }
    return new BoundData(sizes, labels, values);
  }
}
