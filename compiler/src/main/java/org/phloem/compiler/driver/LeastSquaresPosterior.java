package org.phloem.compiler.driver;

import java.util.List;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.posterior.LeastSquaresCovariance;
import org.phloem.runtime.posterior.OutputSd;
import org.phloem.runtime.posterior.OutputUncertainty;
import org.phloem.runtime.posterior.Posterior;
import org.phloem.runtime.posterior.PosteriorAnalysis;
import org.phloem.runtime.report.FitReport;

/**
 * The report of a pure least-squares fit (every parameter with a flat prior): the same as a Bayesian
 * report except that the covariance, and so every sd and correlation, is the classical s²(JᵀJ)⁻¹ with
 * s² = RSS/(n − p), the quantity NIST certifies, rather than the inverse Hessian of the cost, which
 * takes the observation sds at face value.
 */
final class LeastSquaresPosterior {
  private LeastSquaresPosterior() {}

  /**
   * True when no slot has a prior and every observation is a sum of squares with fixed sds (normal or
   * lognormal): the fit is plain least squares. A student_t, or an sd fitted with the rest, makes the
   * cost a likelihood whose inverse Hessian is the covariance.
   */
  static boolean applies(CompiledModel model) {
    if (!org.phloem.runtime.fit.ObservationElements.sumOfSquares(model.info())) {
      return false;
    }
    for (double sd : model.info().priorSds()) {
      if (Double.isFinite(sd)) {
        return false;
      }
    }
    return true;
  }

  /** A report whose covariance is the least-squares one, and the least-squares numbers behind it. */
  record Report(FitReport report, LeastSquaresCovariance.Result leastSquares) {}

  /** The report of {@code fit} with the least-squares covariance (throws FitException when it is undefined). */
  static Report analyze(CompiledModel model, FitResult fit) {
    double[] p = fit.parameters();
    Posterior laplace = PosteriorAnalysis.at(model, p);
    LeastSquaresCovariance.Result ls = LeastSquaresCovariance.at(model, p);
    double[][] cov = ls.covariance();
    int n = p.length;
    double[][] corr = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        corr[i][j] = cov[i][j] / (ls.sd()[i] * ls.sd()[j]);
      }
    }
    Posterior nist = new Posterior(laplace.names(), laplace.optimum(), laplace.hessian(), cov, ls.sd(), corr, laplace.priorSd(),
        laplace.uncertaintyReduction(), laplace.undetermined(), laplace.positiveDefinite(), laplace.weakDirections(),
        laplace.constrained(), laplace.warnings());
    List<OutputSd> outputs = OutputUncertainty.compute(model, p, cov, false);
    return new Report(FitReport.of(model, fit, nist, outputs), ls);
  }
}
