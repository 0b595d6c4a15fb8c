package org.phloem.runtime.posterior;

import java.util.List;

/**
 * An eigen-direction of the scaled Hessian S·H·S (S = prior sds, or typical magnitudes for flat-prior
 * slots).
 *
 * @param eigenvalue its eigenvalue: for slots with priors, 1 means the data add nothing to the prior
 *     in this direction and λ means the posterior variance is 1/λ of the prior's
 * @param vector the unit eigenvector, in slot order, in scaled units
 * @param dominant the slots with the largest components, largest first (those with |component| ≥ 0.3,
 *     at least one)
 */
public record Direction(double eigenvalue, double[] vector, List<Contribution> dominant) {
  public Direction {
    vector = vector.clone();
    dominant = List.copyOf(dominant);
  }

  /** "1.2e+03: k (0.91), f (−0.40)". */
  public String describe() {
    StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%.4g:", eigenvalue));
    for (int i = 0; i < dominant.size(); i++) {
      Contribution c = dominant.get(i);
      sb.append(i == 0 ? " " : ", ").append(c.name()).append(String.format(java.util.Locale.ROOT, " (%.2f)", c.weight()));
    }
    return sb.toString();
  }
}
