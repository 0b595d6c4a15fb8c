package org.phloem.runtime;

import java.util.List;

/**
 * One {@code param} declaration, after the data fixed its size. Priors and bounds are given per
 * element, since an indexed parameter (one value per plant functional type, say) usually has a
 * different prior for each element.
 *
 * @param name the declared name
 * @param dims the names of its dimensions (empty for a scalar)
 * @param offset its first slot in the flat parameter vector
 * @param size how many slots it occupies (product of its dims' sizes; 1 for a scalar)
 * @param priorMean the prior mean of each element, in physical units (length {@code size})
 * @param priorSd the prior 1-σ of each element in physical units; {@code +Infinity} where the parameter
 *     has no prior (a flat prior: no prior term in the cost, as for least-squares problems)
 * @param lower the lower bound of each element ({@code -Infinity} when unbounded)
 * @param upper the upper bound of each element ({@code +Infinity} when unbounded)
 * @param logScale true when declared {@code log}: the prior is normal on ln(p), with mean ln(priorMean)
 *     and sd priorSd/priorMean, and the search runs on ln(p)
 * @param unit the declared unit text, or "" when none
 * @param description the declared description, or ""
 * @param line the line of the declaration in the model file (1-based)
 */
public record ParamInfo(
    String name,
    List<String> dims,
    int offset,
    int size,
    double[] priorMean,
    double[] priorSd,
    double[] lower,
    double[] upper,
    boolean logScale,
    String unit,
    String description,
    int line) {

  public ParamInfo {
    dims = List.copyOf(dims);
    for (double[] a : new double[][] {priorMean, priorSd, lower, upper}) {
      if (a.length != size) {
        throw new IllegalArgumentException("param " + name + ": per-element array of length " + a.length + " for size " + size);
      }
    }
    priorMean = priorMean.clone();
    priorSd = priorSd.clone();
    lower = lower.clone();
    upper = upper.clone();
  }

  /** True when element {@code e} contributes a prior term to the cost. */
  public boolean hasPrior(int e) {
    return Double.isFinite(priorSd[e]);
  }
}
