package org.phloem.runtime.report;

import java.util.List;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.posterior.LeastSquaresCovariance;
import org.phloem.runtime.posterior.OutputSd;
import org.phloem.runtime.posterior.OutputUncertainty;
import org.phloem.runtime.posterior.Posterior;
import org.phloem.runtime.posterior.PosteriorAnalysis;

/**
 * The report of a pure least-squares fit: every parameter has a flat prior and every observation sd
 * is fixed (does not depend on the parameters). It is a Bayesian report except that the covariance, and
 * so every sd, correlation and output uncertainty, is the classical s²(JᵀJ)⁻¹ with s² = RSS/(n − p), the
 * quantity NIST certifies, rather than the inverse Hessian, which takes the observation sds at face
 * value. With a sd that depends on parameters the cost is a likelihood, not a sum of squares, and the
 * inverse Hessian is reported instead. Where JᵀJ is singular to rounding but the Hessian is positive
 * definite, s² times the inverse Hessian replaces s²(JᵀJ)⁻¹, and the summary says so.
 */
final class LeastSquaresReport {
  /**
   * Below this ratio of the smallest to the largest singular value of the column-scaled Jacobian, JᵀJ is
   * singular to rounding (its condition number above 1e14, (JᵀJ)⁻¹ without a correct digit).
   */
  static final double SINGULAR_RATIO = 1e-7;

  private LeastSquaresReport() {}

  /** True when no slot has a prior. */
  static boolean allFlat(CompiledModel model) {
    for (double sd : model.info().priorSds()) {
      if (Double.isFinite(sd)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether any observation sd changes when the parameters move from {@code p}: one forward run at p and
   * one a small step away along a direction with a different component for every slot (staying inside
   * the bounds), comparing the sd arrays. Forward runs, not tangents, since the sd arrays need not
   * carry tangents.
   */
  static boolean sdsDependOnParameters(CompiledModel model, double[] p) {
    model.cost(p);
    List<double[]> before = sds(model);
    double[] lo = model.info().lowerBounds();
    double[] hi = model.info().upperBounds();
    double[] q = p.clone();
    for (int i = 0; i < q.length; i++) {
      double step = 1e-4 * (1 + (0.37 * i) % 1) * Math.max(Math.abs(p[i]), 1e-3);
      q[i] = p[i] + step < hi[i] ? p[i] + step : p[i] - step;
      q[i] = Math.max(q[i], Math.nextUp(lo[i]));
    }
    model.cost(q);
    List<double[]> after = sds(model);
    model.cost(p);
    for (int k = 0; k < before.size(); k++) {
      if (!java.util.Arrays.equals(before.get(k), after.get(k))) {
        return true;
      }
    }
    return false;
  }

  private static List<double[]> sds(CompiledModel model) {
    return model.info().observations().stream().map(o -> model.output(o.sdOutput()).clone()).toList();
  }

  /** The report of {@code fit} with the least-squares covariance (throws FitException when it is undefined). */
  static FitReport analyze(CompiledModel model, FitResult fit) {
    double[] p = fit.parameters();
    boolean[] held = FitReport.held(fit);
    Posterior laplace = PosteriorAnalysis.at(model, p, held);
    LeastSquaresCovariance.Result ls = LeastSquaresCovariance.at(model, p, held);
    double[][] cov = ls.covariance();
    double[] sd = ls.sd();
    int n = p.length;
    CovarianceStatement statement = CovarianceStatement.leastSquares(ls, n);
    if (ls.conditionRatio() < SINGULAR_RATIO && laplace.positiveDefinite()) {
      // JᵀJ is singular to rounding where the Hessian is not (the residuals' own curvature holds a direction,
      // as in Jennrich and Sampson's problem at b1 = b2): (JᵀJ)⁻¹ has no correct digit there, so the sds
      // would be noise of any size. The same s² with the inverse Hessian instead, and the summary says so.
      cov = new double[n][n];
      sd = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          cov[i][j] = ls.residualVariance() * laplace.covariance()[i][j];
        }
        sd[i] = Math.sqrt(cov[i][i]);
      }
      statement = CovarianceStatement.leastSquaresWithTheHessian(ls, n);
    }
    double[][] corr = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        corr[i][j] = i == j ? 1 : sd[i] > 0 && sd[j] > 0 ? cov[i][j] / (sd[i] * sd[j]) : 0;
      }
    }
    Posterior nist = new Posterior(laplace.names(), laplace.optimum(), laplace.hessian(), cov, sd, corr, laplace.priorSd(),
        laplace.uncertaintyReduction(), laplace.undetermined(), laplace.positiveDefinite(), laplace.weakDirections(),
        laplace.constrained(), laplace.warnings(), laplace.held());
    List<OutputSd> outputs = OutputUncertainty.compute(model, p, cov, false);
    return FitReport.of(model, fit, nist, outputs, statement);
  }
}
