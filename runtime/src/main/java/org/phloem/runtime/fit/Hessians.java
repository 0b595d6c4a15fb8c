package org.phloem.runtime.fit;

import org.ejml.data.DMatrixRMaj;

/** Full Hessians assembled column by column from Hessian-vector products. */
public final class Hessians {
  private Hessians() {}

  /** A Hessian-vector product at a fixed point: hv = H·v. */
  @FunctionalInterface
  public interface Product {
    /** Overwrites hv with H·v. */
    void apply(double[] v, double[] hv);
  }

  /**
   * The n×n matrix whose column j is H·eⱼ (n products), symmetrized as (H + Hᵀ)/2 so that rounding
   * in the products cannot make it unsymmetric.
   */
  public static DMatrixRMaj assemble(int n, Product product) {
    DMatrixRMaj h = new DMatrixRMaj(n, n);
    double[] e = new double[n];
    double[] col = new double[n];
    for (int j = 0; j < n; j++) {
      e[j] = 1;
      product.apply(e, col);
      e[j] = 0;
      for (int i = 0; i < n; i++) {
        h.set(i, j, col[i]);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double mean = 0.5 * (h.get(i, j) + h.get(j, i));
        h.set(i, j, mean);
        h.set(j, i, mean);
      }
    }
    return h;
  }

  /** The Hessian of an objective in its search space at x. */
  public static DMatrixRMaj ofObjective(Objective f, double[] x) {
    return assemble(f.dimension(), (v, hv) -> f.hessianVector(x, v, hv));
  }
}
