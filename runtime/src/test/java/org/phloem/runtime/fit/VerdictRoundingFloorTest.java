package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The verdict on a cost that is a sum of 2·10⁴ terms (a quadratic regression): it must tell a gradient at
 * its rounding floor from one that is really above the tolerance, even where the Newton decrement and
 * the Hessian already say "minimum". The optimum is known in closed form (the normal equations with the
 * prior), independently of the fit. (The fit of such a regression from the prior means, where the
 * trust-region phase must tell the cost's rounding noise from a rise, is tested on the compiled model
 * at 10⁵ points in the tests module: RegressionAtTheRoundingFloorTest.)
 */
class VerdictRoundingFloorTest {

  private static final int M = 20_000;
  private static final double SD = 0.5;
  private static final double PRIOR_SD = 10;
  private static final double[] XS = new double[M];
  private static final double[] YS = new double[M];

  static {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < M; i++) {
      XS[i] = random.nextDouble(-2, 2);
      double noise = SD * Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
      YS[i] = 1.5 - 0.7 * XS[i] + 0.3 * XS[i] * XS[i] + noise;
    }
  }

  /** y = a + b x + c x², every point observed with sd 0.5; a, b, c ~ normal(0, 10). */
  private static AnalyticModel regression() {
    double[] sds = new double[M];
    java.util.Arrays.fill(sds, SD);
    return AnalyticModel.builder("reg").param("a", 0, PRIOR_SD, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false)
        .param("b", 0, PRIOR_SD, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false)
        .param("c", 0, PRIOR_SD, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false).observations(YS, sds)
        .formula(p -> {
          Dual2[] y = new Dual2[M];
          for (int i = 0; i < M; i++) {
            y[i] = p[0].plus(p[1].times(XS[i])).plus(p[2].times(XS[i] * XS[i]));
          }
          return y;
        });
  }

  /** The posterior mode from the normal equations (XᵀX/σ² + I/σp²) p = Xᵀy/σ², solved by Cramer's rule. */
  private static double[] closedForm() {
    double[][] a = new double[3][3];
    double[] b = new double[3];
    for (int i = 0; i < M; i++) {
      double[] row = {1, XS[i], XS[i] * XS[i]};
      for (int r = 0; r < 3; r++) {
        b[r] += row[r] * YS[i] / (SD * SD);
        for (int c = 0; c < 3; c++) {
          a[r][c] += row[r] * row[c] / (SD * SD);
        }
      }
    }
    for (int r = 0; r < 3; r++) {
      a[r][r] += 1 / (PRIOR_SD * PRIOR_SD);
    }
    double det = det(a);
    double[] p = new double[3];
    for (int k = 0; k < 3; k++) {
      double[][] ak = new double[3][];
      for (int r = 0; r < 3; r++) {
        ak[r] = a[r].clone();
        ak[r][k] = b[r];
      }
      p[k] = det(ak) / det;
    }
    return p;
  }

  private static double det(double[][] a) {
    return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
        + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
  }

  @Test
  void aPointWhoseGradientIsAboveTheToleranceAndFarAboveItsNoise_isNeverConverged() {
    AnalyticModel m = regression();
    SearchSpace space = SearchSpace.of(m.info(), null);
    BayesianCost cost = new BayesianCost(m, space);
    double[] p = closedForm();
    // ∂J/∂a ≈ (M/σ²)·Δa, scaled by the prior sd 10: Δa = 1.25e-9 gives a scaled gradient of about 1e-3, while
    // the decrease still expected, ½·(M/σ²)·Δa², is about 1e-13: (b) and (c) hold, (a) does not
    p[0] += 1.25e-9;
    Verdict v = Verdict.judge(cost, space.toSearch(p), FitStatus.GRADIENT_SMALL, ConvergenceTolerances.defaults());
    assertEquals(FitStatus.STALLED, v.status(), String.join("\n", v.conditions()));
    assertTrue(v.gradient() > 5e-4, "gradient " + v.gradient());
    assertTrue(v.decrementMet() && v.hessianMet(), String.join("\n", v.conditions()));
    assertFalse(v.atNoiseFloor());
    assertTrue(v.gradientNoise() < 1e-6, "the noise of this gradient is far below it: " + v.gradientNoise());
    assertTrue(v.note().contains("stopped short"), v.note());
  }

  @Test
  void atTheClosedFormOptimum_theVerdictIsConverged() {
    AnalyticModel m = regression();
    SearchSpace space = SearchSpace.of(m.info(), null);
    Verdict v = Verdict.judge(new BayesianCost(m, space), space.toSearch(closedForm()), FitStatus.GRADIENT_SMALL,
        ConvergenceTolerances.defaults());
    assertEquals(FitStatus.CONVERGED, v.status(), String.join("\n", v.conditions()));
  }
}
