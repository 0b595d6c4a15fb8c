package org.phloem.runtime.posterior;

import java.util.List;

/**
 * The Gaussian (Laplace) posterior at an optimum, in physical units.
 *
 * @param names slot names
 * @param optimum the optimum p̂
 * @param hessian ∇²J(p̂), J = prior + observation cost, symmetrized
 * @param covariance C = H⁻¹ (from the positive part only when {@code positiveDefinite} is false)
 * @param sd √diag(C)
 * @param correlation C_ij / (sd_i sd_j)
 * @param priorSd the prior sds (+Infinity for flat-prior slots)
 * @param uncertaintyReduction 1 − sd/priorSd per slot (for a log-scale slot on ln p: 1 − (sd/p̂)/(priorSd/p0)); NaN for flat-prior slots, where it is undefined
 * @param undetermined per slot: true when the slot dominates a weak direction, so its sd (from the
 *     positive part of H) understates how little the data and priors say about it
 * @param positiveDefinite whether H was positive definite (all eigenvalues of S·H·S above the tolerance)
 * @param weakDirections eigen-directions of S·H·S at or below the tolerance (negative or tiny): what the
 *     data and priors leave undetermined, or where p̂ is not a minimum; empty when positive definite
 * @param constrained every eigen-direction of S·H·S, largest eigenvalue first: which parameter
 *     combinations the data constrain
 * @param warnings sentences for the user about the above (empty when all is well)
 * @param held per slot: true when the fit held it on a bound; the posterior is then conditional on it
 *     (sd 0, no uncertainty reduction, left out of every direction)
 */
public record Posterior(List<String> names, double[] optimum, double[][] hessian, double[][] covariance, double[] sd,
    double[][] correlation, double[] priorSd, double[] uncertaintyReduction, boolean[] undetermined, boolean positiveDefinite, List<Direction> weakDirections,
    List<Direction> constrained, List<String> warnings, boolean[] held) {

  public Posterior {
    names = List.copyOf(names);
    optimum = optimum.clone();
    hessian = deepCopy(hessian);
    covariance = deepCopy(covariance);
    sd = sd.clone();
    correlation = deepCopy(correlation);
    priorSd = priorSd.clone();
    uncertaintyReduction = uncertaintyReduction.clone();
    undetermined = undetermined.clone();
    weakDirections = List.copyOf(weakDirections);
    constrained = List.copyOf(constrained);
    warnings = List.copyOf(warnings);
    held = held == null ? new boolean[names.size()] : held.clone();
  }

  /** True when some slot is held on a bound (the posterior is conditional on it). */
  public boolean conditional() {
    for (boolean h : held) {
      if (h) {
        return true;
      }
    }
    return false;
  }

  static double[][] deepCopy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
