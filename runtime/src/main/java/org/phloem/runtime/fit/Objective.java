package org.phloem.runtime.fit;

/**
 * A smooth scalar function of the search vector x: what the minimizers ask of a cost. Implementations
 * return NaN or an infinity where the function is not defined; minimizers treat that as "too far".
 */
public interface Objective {

  /** Number of search variables. */
  int dimension();

  /** The function at x. */
  double value(double[] x);

  /** The function at x; overwrites {@code g} with its gradient. */
  double valueAndGradient(double[] x, double[] g);

  /**
   * The Hessian-vector product ∇²f(x)·v into {@code hv}; returns f(x).
   *
   * @throws UnsupportedOperationException when {@link #hasHessianVector()} is false
   */
  default double hessianVector(double[] x, double[] v, double[] hv) {
    throw new UnsupportedOperationException("this objective has no Hessian-vector product");
  }

  /** Whether {@link #hessianVector} is available. */
  default boolean hasHessianVector() {
    return false;
  }
}
