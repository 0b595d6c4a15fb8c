package org.phloem.runtime.fit;

import java.util.Arrays;
import java.util.Comparator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigenvalues and unit eigenvectors of a symmetric matrix, largest eigenvalue first, each vector
 * signed so that its largest component is positive (so results are reproducible).
 */
public record SymmetricEigen(double[] values, double[][] vectors) {

  /** The decomposition of the symmetric matrix {@code a}. */
  public static SymmetricEigen of(DMatrixRMaj a) {
    int n = a.numRows;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    if (!eig.decompose(a.copy())) {
      throw new ArithmeticException("eigen-decomposition did not converge");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -eig.getEigenvalue(i).getReal()));
    double[] values = new double[n];
    double[][] vectors = new double[n][n];
    for (int k = 0; k < n; k++) {
      values[k] = eig.getEigenvalue(order[k]).getReal();
      DMatrixRMaj v = eig.getEigenVector(order[k]);
      double norm = 0;
      int big = 0;
      for (int i = 0; i < n; i++) {
        norm += v.get(i) * v.get(i);
        if (Math.abs(v.get(i)) > Math.abs(v.get(big))) {
          big = i;
        }
      }
      double sign = Math.signum(v.get(big)) / Math.sqrt(norm);
      for (int i = 0; i < n; i++) {
        vectors[k][i] = v.get(i) * sign;
      }
    }
    return new SymmetricEigen(values, vectors);
  }
}
