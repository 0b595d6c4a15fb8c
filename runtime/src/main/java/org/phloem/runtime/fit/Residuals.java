package org.phloem.runtime.fit;

import org.ejml.data.DMatrixRMaj;

/**
 * A vector of residuals r(x) whose half sum of squares is the cost: what Levenberg–Marquardt needs.
 */
public interface Residuals {

  /** Number of search variables. */
  int dimension();

  /** Number of residuals. */
  int count();

  /** Overwrites {@code r} (length {@link #count()}) with the residuals at x. */
  void residuals(double[] x, double[] r);

  /** Overwrites {@code jac} (count × dimension) with ∂r/∂x at x. */
  void jacobian(double[] x, DMatrixRMaj jac);
}
