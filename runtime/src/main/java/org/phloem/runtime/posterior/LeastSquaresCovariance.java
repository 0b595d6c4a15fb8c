package org.phloem.runtime.posterior;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.FitException;
import org.phloem.runtime.fit.ObservationElements;

/**
 * The classical nonlinear least-squares covariance s²·(JᵀJ)⁻¹ at an optimum, with J the Jacobian of
 * the normalized residuals (y − y0)/σ with respect to p and s² = RSS/(n − p) the residual variance:
 * the quantity the NIST StRD certifies (there σ = 1, so RSS is the plain residual sum of squares).
 * Priors are ignored. J comes from p tangent sweeps; (JᵀJ)⁻¹ from a QR factorization of J with its
 * columns scaled to unit length, so the normal equations' squared conditioning is avoided.
 */
public final class LeastSquaresCovariance {

  /**
   * The result.
   *
   * @param names slot names
   * @param covariance s²(JᵀJ)⁻¹
   * @param sd its square-root diagonal
   * @param residualSumOfSquares Σ r² of the normalized residuals
   * @param residualVariance s² = RSS/(n − p)
   * @param observations n, the number of non-missing observation elements
   * @param conditionRatio smallest over largest singular value of J with its columns scaled to unit length:
   *     below about 1e-7, JᵀJ is singular to rounding and its inverse, so the covariance, has no correct digit
   */
  public record Result(List<String> names, double[][] covariance, double[] sd, double residualSumOfSquares, double residualVariance,
      int observations, double conditionRatio) {
    public Result {
      names = List.copyOf(names);
      covariance = Posterior.deepCopy(covariance);
      sd = sd.clone();
    }
  }

  private LeastSquaresCovariance() {}

  /**
   * The covariance of {@code model}'s parameters at {@code p}.
   *
   * @throws FitException when there are no more observations than parameters, or J has dependent columns
   */
  public static Result at(CompiledModel model, double[] p) {
    return at(model, p, new boolean[p.length]);
  }

  /**
   * The covariance conditional on the slots held on a bound ({@code held[i]}): their columns are left
   * out of J, their rows and columns of the covariance are 0, and n − p counts only the free slots.
   */
  public static Result at(CompiledModel model, double[] p, boolean[] held) {
    int all = p.length;
    int[] free = java.util.stream.IntStream.range(0, all).filter(i -> !held[i]).toArray();
    int n = free.length;
    model.cost(p);
    List<ObservationElements.Element> elements = ObservationElements.read(model);
    int m = elements.size();
    if (m <= n) {
      throw new FitException("the least-squares covariance needs more observations (" + m + ") than parameters (" + n + ")");
    }
    double rss = 0;
    for (ObservationElements.Element e : elements) {
      double r = e.residual(model.output(e.modelOutput())[e.index()]);
      rss += r * r;
    }
    DMatrixRMaj jac = new DMatrixRMaj(m, n);
    double[] dp = new double[all];
    for (int j = 0; j < n; j++) {
      dp[free[j]] = 1;
      model.tangent(p, dp);
      dp[free[j]] = 0;
      for (int i = 0; i < m; i++) {
        ObservationElements.Element e = elements.get(i);
        jac.set(i, j, model.outputTangent(e.modelOutput())[e.index()] * e.residualSlope(model.output(e.modelOutput())[e.index()]));
      }
    }
    double[] colNorm = new double[n];
    for (int j = 0; j < n; j++) {
      double s = 0;
      for (int i = 0; i < m; i++) {
        s += jac.get(i, j) * jac.get(i, j);
      }
      colNorm[j] = Math.sqrt(s);
      if (colNorm[j] == 0) {
        throw new FitException("parameter " + model.info().slotNames().get(free[j]) + " does not affect any observation; "
            + "its least-squares variance is undefined");
      }
      for (int i = 0; i < m; i++) {
        jac.set(i, j, jac.get(i, j) / colNorm[j]);
      }
    }
    QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(m, n);
    if (!qr.decompose(jac)) {
      throw new FitException("QR factorization of the Jacobian failed");
    }
    DMatrixRMaj r = qr.getR(null, true);
    DMatrixRMaj rInv = new DMatrixRMaj(n, n);
    if (!CommonOps_DDRM.invert(r, rInv)) {
      throw new FitException("the Jacobian's columns are linearly dependent: some parameter combination is not determined");
    }
    DMatrixRMaj inv = new DMatrixRMaj(n, n);
    CommonOps_DDRM.multTransB(rInv, rInv, inv);
    double[] singular = SingularOps_DDRM.singularValues(r);
    double smallest = Double.POSITIVE_INFINITY;
    double largest = 0;
    for (double v : singular) {
      smallest = Math.min(smallest, v);
      largest = Math.max(largest, v);
    }
    double s2 = rss / (m - n);
    double[][] cov = new double[all][all];
    double[] sd = new double[all];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        cov[free[i]][free[j]] = s2 * inv.get(i, j) / (colNorm[i] * colNorm[j]);
      }
      sd[free[i]] = Math.sqrt(cov[free[i]][free[i]]);
    }
    return new Result(model.info().slotNames(), cov, sd, rss, s2, m, largest > 0 ? smallest / largest : 0);
  }
}
