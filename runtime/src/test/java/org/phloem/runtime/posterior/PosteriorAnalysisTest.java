package org.phloem.runtime.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.fit.AnalyticModel;
import org.phloem.runtime.fit.Dual2;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.fit.TestModels;

class PosteriorAnalysisTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  /** (AᵀWA + P)⁻¹, the closed-form posterior covariance of the linear-Gaussian test problem. */
  private static RealMatrix linearCovariance() {
    double[][] h = new double[3][3];
    for (int i = 0; i < 6; i++) {
      for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
          h[a][b] += TestModels.LINEAR_A[i][a] * TestModels.LINEAR_A[i][b] / (TestModels.LINEAR_SD[i] * TestModels.LINEAR_SD[i]);
        }
      }
    }
    for (int a = 0; a < 3; a++) {
      h[a][a] += 1 / (TestModels.LINEAR_SP[a] * TestModels.LINEAR_SP[a]);
    }
    return new LUDecomposition(new Array2DRowRealMatrix(h)).getSolver().getInverse();
  }

  @Test
  void linearGaussian_covarianceSdsCorrelationsAndReduction_matchClosedForm() {
    AnalyticModel m = TestModels.linear();
    FitResult fit = Fitter.fit(m, FitOptions.defaults());
    Posterior post = PosteriorAnalysis.at(m, fit.parameters());
    RealMatrix c = linearCovariance();
    assertTrue(post.positiveDefinite());
    assertTrue(post.weakDirections().isEmpty() && post.warnings().isEmpty());
    for (int i = 0; i < 3; i++) {
      double sd = Math.sqrt(c.getEntry(i, i));
      assertEquals(sd, post.sd()[i], 1e-12);
      assertEquals(1 - sd / TestModels.LINEAR_SP[i], post.uncertaintyReduction()[i], 1e-12);
      for (int j = 0; j < 3; j++) {
        assertEquals(c.getEntry(i, j), post.covariance()[i][j], 1e-12);
        assertEquals(c.getEntry(i, j) / Math.sqrt(c.getEntry(i, i) * c.getEntry(j, j)), post.correlation()[i][j], 1e-12);
      }
    }
  }

  @Test
  void constrainedDirections_areTheEigenpairsOfThePriorPreconditionedHessian() {
    AnalyticModel m = TestModels.linear();
    Posterior post = PosteriorAnalysis.at(m, TestModels.LINEAR_P0);
    // reference: C_p0^½ H C_p0^½ with H = C⁻¹ from the closed form, eigen-decomposed by commons-math3
    RealMatrix h = new LUDecomposition(linearCovariance()).getSolver().getInverse();
    double[][] scaled = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        scaled[i][j] = TestModels.LINEAR_SP[i] * h.getEntry(i, j) * TestModels.LINEAR_SP[j];
      }
    }
    double[] expected = new EigenDecomposition(new Array2DRowRealMatrix(scaled)).getRealEigenvalues();
    Arrays.sort(expected);
    assertEquals(3, post.constrained().size());
    for (int k = 0; k < 3; k++) {
      assertEquals(expected[2 - k], post.constrained().get(k).eigenvalue(), 1e-10 * expected[2]);
    }
    // with priors every eigenvalue is at least 1 (the prior alone gives exactly 1)
    assertTrue(post.constrained().get(2).eigenvalue() >= 1 - 1e-12);
  }

  @Test
  void sumOnlyModel_isNotPositiveDefinite_andSaysWhichParameters() {
    // y = a + b: only the sum is determined; with flat priors the difference is not
    AnalyticModel m = AnalyticModel.builder("sum").flat("a", 1).flat("b", 1)
        .observations(new double[] {2.1, 1.9, 2.0}, new double[] {0.1, 0.1, 0.1})
        .formula(p -> new Dual2[] {p[0].plus(p[1]), p[0].plus(p[1]), p[0].plus(p[1])});
    Posterior post = PosteriorAnalysis.at(m, new double[] {1, 1});
    assertFalse(post.positiveDefinite());
    assertEquals(1, post.weakDirections().size());
    Direction weak = post.weakDirections().get(0);
    assertEquals(List.of("a", "b"), weak.dominant().stream().map(Contribution::name).sorted().toList());
    assertEquals(Math.sqrt(0.5), Math.abs(weak.dominant().get(0).weight()), 1e-9);
    assertTrue(post.undetermined()[0] && post.undetermined()[1]);
    assertFalse(post.warnings().isEmpty());
    assertTrue(String.join("\n", post.warnings()).contains("singular to rounding"), "an exact zero eigenvalue is singular, not negative");
    for (double v : post.sd()) {
      assertTrue(Double.isFinite(v), "no silent NaN");
    }
    // the sum is still determined: var(a + b) from the positive part = σ²/3 = 0.01/3
    double varSum = post.covariance()[0][0] + post.covariance()[1][1] + 2 * post.covariance()[0][1];
    assertEquals(0.01 / 3, varSum, 1e-12);
  }

  @Test
  void saddlePoint_reportsTheNegativeEigenvalue() {
    // J = ½(b² − 4)² has a maximum at b = 0 (J'' = 3b² − 4 = −4 there); a prior keeps c well determined
    AnalyticModel m = AnalyticModel.builder("saddle").flat("b", 0.5).param("c", 0, 1, -INF, INF, false)
        .observations(new double[] {4, 0}, new double[] {1, 1})
        .formula(p -> new Dual2[] {p[0].square(), p[1]});
    Posterior post = PosteriorAnalysis.at(m, new double[] {0, 0});
    assertFalse(post.positiveDefinite());
    assertEquals(1, post.weakDirections().size());
    Direction weak = post.weakDirections().get(0);
    assertTrue(weak.eigenvalue() < 0, "eigenvalue " + weak.eigenvalue());
    assertEquals("b", weak.dominant().get(0).name());
    assertTrue(post.undetermined()[0] && !post.undetermined()[1]);
    assertEquals(1 / Math.sqrt(2), post.sd()[1], 1e-12, "c: prior and one observation, each sd 1");
  }

  @Test
  void flatPriorSlots_haveNoUncertaintyReduction() {
    AnalyticModel m = TestModels.mixed();
    FitResult fit = Fitter.fit(m, FitOptions.defaults());
    Posterior post = PosteriorAnalysis.at(m, fit.parameters());
    assertTrue(post.positiveDefinite(), post.warnings().toString());
    assertTrue(Double.isNaN(post.uncertaintyReduction()[3]) && Double.isNaN(post.uncertaintyReduction()[4]));
    for (int i = 0; i < 3; i++) {
      assertTrue(post.uncertaintyReduction()[i] > 0 && post.uncertaintyReduction()[i] < 1);
    }
  }

  @Test
  void outputUncertainty_isTheDeltaMethod_exactForALinearModel() {
    AnalyticModel m = TestModels.linear();
    FitResult fit = Fitter.fit(m, FitOptions.defaults());
    Posterior post = PosteriorAnalysis.at(m, fit.parameters());
    List<OutputSd> outs = OutputUncertainty.compute(m, fit.parameters(), post.covariance(), true);
    assertEquals(List.of("yhat", "obs1.model"), outs.stream().map(OutputSd::name).toList());
    RealMatrix a = new Array2DRowRealMatrix(TestModels.LINEAR_A);
    RealMatrix cy = a.multiply(linearCovariance()).multiply(a.transpose());
    OutputSd y = outs.get(0);
    for (int i = 0; i < 6; i++) {
      assertEquals(Math.sqrt(cy.getEntry(i, i)), y.sd()[i], 1e-12);
      assertEquals(cy.getEntry(i, 0), y.covariance()[i][0], 1e-12);
      double expectedValue = 0;
      for (int j = 0; j < 3; j++) {
        expectedValue += TestModels.LINEAR_A[i][j] * fit.parameters()[j];
      }
      assertEquals(expectedValue, y.value()[i], 1e-12);
    }
    assertNull(OutputUncertainty.compute(m, fit.parameters(), post.covariance(), false).get(0).covariance());
  }

  @Test
  void outputUncertainty_isNaNOnlyWhereTheObservationIsMissing() {
    AnalyticModel m = TestModels.mixed();
    FitResult fit = Fitter.fit(m, FitOptions.defaults());
    Posterior post = PosteriorAnalysis.at(m, fit.parameters());
    OutputSd modelled = OutputUncertainty.compute(m, fit.parameters(), post.covariance(), false).get(1);
    for (int i = 0; i < modelled.sd().length; i++) {
      assertEquals(i == 2, Double.isNaN(modelled.sd()[i]), "element " + i);
    }
  }
}
