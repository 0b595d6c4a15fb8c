package org.phloem.runtime.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.fit.AnalyticModel;
import org.phloem.runtime.fit.Dual2;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.fit.TestModels;
import org.phloem.runtime.posterior.LeastSquaresCovariance;
import org.phloem.runtime.posterior.PosteriorAnalysis;

/** Which covariance a report gives, and that it says so. */
class CovarianceStatementTest {

  private static final double[] T = {0, 1, 2, 3, 4, 5, 6, 7};

  /** y = a·exp(−b·t) with flat priors and fixed sds: plain least squares. */
  private static AnalyticModel decay() {
    return AnalyticModel.builder("decay").flat("a", 2).flat("b", 0.3)
        .observations(new double[] {2.1, 1.45, 1.12, 0.79, 0.62, 0.41, 0.33, 0.27}, new double[] {0.05, 0.05, 0.05, 0.05, 0.05, 0.05,
            0.05, 0.05})
        .formula(p -> {
          Dual2[] y = new Dual2[T.length];
          for (int i = 0; i < T.length; i++) {
            y[i] = p[0].times(p[1].times(-T[i]).exp());
          }
          return y;
        });
  }

  /**
   * The same model, except that its observation sds read as if they were b times the stated ones: all
   * that matters here is that they change with a parameter, as {@code normal(y, s)} with a parameter s does.
   */
  private static final class SdFromParameter implements CompiledModel {
    private final AnalyticModel inner;
    private double[] last;

    SdFromParameter(AnalyticModel inner) {
      this.inner = inner;
    }

    @Override
    public ModelInfo info() {
      return inner.info();
    }

    @Override
    public double cost(double[] p) {
      last = p.clone();
      return inner.cost(p);
    }

    @Override
    public double gradient(double[] p, double[] g) {
      last = p.clone();
      return inner.gradient(p, g);
    }

    @Override
    public double tangent(double[] p, double[] dp) {
      last = p.clone();
      return inner.tangent(p, dp);
    }

    @Override
    public double hessianVector(double[] p, double[] v, double[] hv) {
      last = p.clone();
      return inner.hessianVector(p, v, hv);
    }

    @Override
    public double lastCost() {
      return inner.lastCost();
    }

    @Override
    public double[] output(int k) {
      double[] o = inner.output(k).clone();
      if (k == inner.info().observations().get(0).sdOutput()) {
        for (int i = 0; i < o.length; i++) {
          o[i] *= last[1];
        }
      }
      return o;
    }

    @Override
    public double[] outputTangent(int k) {
      return inner.outputTangent(k);
    }

    @Override
    public CompiledModel copy() {
      return new SdFromParameter((AnalyticModel) inner.copy());
    }
  }

  @Test
  void flatPriorsAndFixedSds_reportTheLeastSquaresCovariance_andSaySo() {
    AnalyticModel m = decay();
    FitResult fit = Fitter.fit(m, FitOptions.defaults());
    FitReport r = FitReport.analyze(m, fit);
    assertEquals(CovarianceStatement.Kind.LEAST_SQUARES, r.covariance().kind());
    LeastSquaresCovariance.Result ls = LeastSquaresCovariance.at(m, fit.parameters());
    assertArrayEquals(ls.sd(), r.posterior().sd(), 0, "the sds are s·sqrt(diag((J'J)^-1))");
    assertTrue(r.covariance().sentence().startsWith("Covariance: s^2 (J'J)^-1"), r.covariance().sentence());
    assertTrue(r.covariance().sentence().contains(String.format(java.util.Locale.ROOT, "%.6g", ls.residualVariance())));
    assertTrue(SummaryTable.format(r).contains(r.covariance().sentence()), "the summary states it");
  }

  @Test
  void flatPriorsWithSdsThatDependOnParameters_reportTheInverseHessian_andSayWhy() {
    AnalyticModel inner = decay();
    SdFromParameter m = new SdFromParameter(inner);
    FitResult fit = Fitter.fit(inner, FitOptions.defaults());
    FitReport r = FitReport.analyze(m, fit);
    assertEquals(CovarianceStatement.Kind.LAPLACE, r.covariance().kind());
    assertArrayEquals(PosteriorAnalysis.at(inner, fit.parameters()).sd(), r.posterior().sd(), 0, "the inverse Hessian's sds");
    assertTrue(r.covariance().sentence().contains("observation sds depend on parameters"), r.covariance().sentence());
  }

  @Test
  void priors_reportTheInverseHessian() {
    AnalyticModel m = TestModels.linear();
    FitReport r = FitReport.analyze(m, Fitter.fit(m, FitOptions.defaults()));
    assertEquals(CovarianceStatement.Kind.LAPLACE, r.covariance().kind());
    assertTrue(r.covariance().sentence().startsWith("Covariance: the inverse Hessian of the cost J"));
    assertTrue(!r.covariance().sentence().contains("depend on parameters"));
  }

  @Test
  void summary_listsTheEigenDirections() {
    AnalyticModel m = TestModels.linear();
    FitReport r = FitReport.analyze(m, Fitter.fit(m, FitOptions.defaults()));
    String s = SummaryTable.format(r);
    assertTrue(s.contains("Eigen-directions of the prior-preconditioned Hessian"), s);
    for (int k = 0; k < 3; k++) {
      assertTrue(s.contains(String.format(java.util.Locale.ROOT, "  %3d  %s%n", k + 1, r.posterior().constrained().get(k).describe())),
          s);
    }
  }
}
