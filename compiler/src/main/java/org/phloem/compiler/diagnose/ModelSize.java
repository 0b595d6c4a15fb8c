package org.phloem.compiler.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.phloem.compiler.ast.Decl;
import org.phloem.compiler.check.CheckedModel;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.data.DataBinder;
import org.phloem.runtime.data.DataException;
import org.phloem.runtime.data.DataProblem;
import org.phloem.runtime.data.DimSpec;

/**
 * Refuses, before anything is allocated, a model whose arrays would not fit in memory once its dims are
 * sized. The data binder already limits the inputs; this covers the arrays the model computes (states,
 * vars, outputs and their derivatives), which are as large as the product of their dims' sizes: two
 * dims of 100,000 are harmless alone and 80 GB together.
 */
public final class ModelSize {
  private ModelSize() {}

  /**
   * Checks the total size of every array of {@code layout} with the dim sizes of {@code data}.
   *
   * @param maxElements the most values (doubles) allowed in all arrays together
   * @throws DataException naming the largest array, its dims' sizes and its declaration line
   */
  public static void check(CheckedModel model, ModelLayout layout, BoundData data, long maxElements) throws DataException {
    long total = 0;
    ModelLayout.ArraySlot largest = null;
    long largestSize = -1;
    for (ModelLayout.ArraySlot slot : layout.arrays()) {
      long n = 1;
      for (String d : slot.dims()) {
        n = saturatingTimes(n, size(layout, data, d));
      }
      total = Math.min(Long.MAX_VALUE / 2, total + n);
      if (n > largestSize) {
        largestSize = n;
        largest = slot;
      }
    }
    if (total <= maxElements) {
      return;
    }
    String name = FaultMessage.modelName(largest.name()).replaceAll("\\$.*$", "");
    List<String> sizes = new ArrayList<>();
    for (String d : largest.dims()) {
      sizes.add(d + " = " + size(layout, data, d));
    }
    Decl decl = model.lookup(name);
    int line = decl == null ? 0 : decl.name().span().startLine();
    String message = String.format(Locale.ROOT,
        "the model's arrays would hold %d values in all (%.1f GB), above the limit of %d; the largest is '%s' over [%s] "
            + "with %d values. Check the sizes of its dims",
        total, total * 8 / 1e9, maxElements, name, String.join(", ", sizes), largestSize);
    throw new DataException(new DataProblem("", 0, "", message, line));
  }

  /** {@link #check(CheckedModel, ModelLayout, BoundData, long)} with the data binder's limit. */
  public static void check(CheckedModel model, ModelLayout layout, BoundData data) throws DataException {
    check(model, layout, data, DataBinder.DEFAULT_MAX_ELEMENTS);
  }

  private static long size(ModelLayout layout, BoundData data, String dim) {
    Integer bound = data.dimSizes().get(dim);
    if (bound != null) {
      return bound;
    }
    for (DimSpec d : layout.dims()) {
      if (d.name().equals(dim)) {
        return Math.max(0, d.fixedSize());
      }
    }
    return 0;
  }

  private static long saturatingTimes(long a, long b) {
    return b != 0 && a > Long.MAX_VALUE / 4 / b ? Long.MAX_VALUE / 4 : a * b;
  }
}
