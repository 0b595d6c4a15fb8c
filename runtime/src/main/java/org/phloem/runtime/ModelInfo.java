package org.phloem.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything about a bound model that is not numbers computed by it: its name, dimensions, parameters
 * with priors and bounds, outputs and observation terms.
 *
 * @param name the model's name ({@code model NAME})
 * @param title the model's description text
 * @param sourceFile the model file it was compiled from (for messages)
 * @param dims every dimension with its bound size
 * @param params every parameter, in slot order
 * @param outputs every reported array (declared outputs first, then observation arrays)
 * @param observations every {@code observe} statement
 */
public record ModelInfo(
    String name,
    String title,
    String sourceFile,
    List<DimInfo> dims,
    List<ParamInfo> params,
    List<OutputInfo> outputs,
    List<ObservationInfo> observations) {

  public ModelInfo {
    dims = List.copyOf(dims);
    params = List.copyOf(params);
    outputs = List.copyOf(outputs);
    observations = List.copyOf(observations);
  }

  /** Total number of scalar parameter slots. */
  public int parameterCount() {
    int n = 0;
    for (ParamInfo p : params) {
      n += p.size();
    }
    return n;
  }

  /** The dimension called {@code name}, or null. */
  public DimInfo dim(String name) {
    for (DimInfo d : dims) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    return null;
  }

  /** Index of the output called {@code name} in {@link #outputs()}, or -1. */
  public int outputIndex(String name) {
    for (int k = 0; k < outputs.size(); k++) {
      if (outputs.get(k).name().equals(name)) {
        return k;
      }
    }
    return -1;
  }

  /** The parameter that owns flat slot {@code slot}. */
  public ParamInfo paramAt(int slot) {
    for (ParamInfo p : params) {
      if (slot >= p.offset() && slot < p.offset() + p.size()) {
        return p;
      }
    }
    throw new IndexOutOfBoundsException("parameter slot " + slot + " of " + parameterCount());
  }

  /**
   * A readable name for every slot: {@code eps} for a scalar, {@code beta[boreal]} or {@code vm[3]} for
   * an element of an indexed parameter (labels from the dimension where the data gave them).
   */
  public List<String> slotNames() {
    List<String> names = new ArrayList<>(parameterCount());
    for (ParamInfo p : params) {
      if (p.dims().isEmpty()) {
        names.add(p.name());
        continue;
      }
      for (int e = 0; e < p.size(); e++) {
        names.add(p.name() + "[" + elementLabel(p.dims(), e) + "]");
      }
    }
    return names;
  }

  /** Label of flat element {@code e} of an array over {@code dimNames}: "3", "ryo,5", ... */
  public String elementLabel(List<String> dimNames, int e) {
    if (dimNames.size() == 1) { // the common case, without joining
      DimInfo dim = dim(dimNames.get(0));
      return dim.labels().get(e % dim.size());
    }
    String[] parts = new String[dimNames.size()];
    int rest = e;
    for (int d = dimNames.size() - 1; d >= 0; d--) {
      DimInfo dim = dim(dimNames.get(d));
      int i = rest % dim.size();
      rest /= dim.size();
      parts[d] = dim.labels().get(i);
    }
    return String.join(",", parts);
  }

  /** Prior means of every slot. */
  public double[] priorMeans() {
    return perSlot(ParamInfo::priorMean);
  }

  /** Prior sds of every slot ({@code +Infinity} for a flat prior). */
  public double[] priorSds() {
    return perSlot(ParamInfo::priorSd);
  }

  /** Lower bounds of every slot. */
  public double[] lowerBounds() {
    return perSlot(ParamInfo::lower);
  }

  /** Upper bounds of every slot. */
  public double[] upperBounds() {
    return perSlot(ParamInfo::upper);
  }

  /** Whether each slot is searched and given its prior on a log scale. */
  public boolean[] logScale() {
    boolean[] out = new boolean[parameterCount()];
    for (ParamInfo p : params) {
      for (int e = 0; e < p.size(); e++) {
        out[p.offset() + e] = p.logScale();
      }
    }
    return out;
  }

  private double[] perSlot(java.util.function.Function<ParamInfo, double[]> field) {
    double[] out = new double[parameterCount()];
    for (ParamInfo p : params) {
      System.arraycopy(field.apply(p), 0, out, p.offset(), p.size());
    }
    return out;
  }
}
