package org.phloem.runtime.posterior;

import java.util.List;

/**
 * One output's values at the optimum and their posterior uncertainty by the delta method.
 *
 * @param output index into {@code ModelInfo.outputs()}
 * @param name the output's name
 * @param dims its dimension names
 * @param shape its shape
 * @param value the values at the optimum, flat row-major (NaN where the model gives NaN, e.g. a
 *     missing observation)
 * @param sd the posterior sd of each element, √(gᵢ·C·gᵢᵀ) (NaN where the value is NaN)
 * @param covariance the full output covariance G·C·Gᵀ, or null when not asked for
 */
public record OutputSd(int output, String name, List<String> dims, int[] shape, double[] value, double[] sd, double[][] covariance) {
  public OutputSd {
    dims = List.copyOf(dims);
    shape = shape.clone();
    value = value.clone();
    sd = sd.clone();
    covariance = covariance == null ? null : Posterior.deepCopy(covariance);
  }
}
