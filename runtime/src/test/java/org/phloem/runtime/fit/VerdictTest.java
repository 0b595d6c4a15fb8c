package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The verdict at the end of a fit: CONVERGED only with (a) the scaled projected gradient, (b) the Newton
 * decrement and (c) the Hessian on the free slots all passing, and a named status otherwise.
 */
class VerdictTest {

  /** r1 = a, r2 = b² − 1 (flat priors): a saddle at (0, 0) with a zero gradient, minima at (0, ±1). */
  private static AnalyticModel saddle() {
    return AnalyticModel.builder("saddle").flat("a", 0).flat("b", 0)
        .observations(new double[] {0, 0}, new double[] {1, 1})
        .formula(p -> new Dual2[] {p[0], p[1].square().plus(-1)});
  }

  @Test
  void startedExactlyOnASaddle_theTrustRegionLeavesItAlongTheNegativeCurvature() {
    // the gradient is exactly zero at the start: a gradient test alone would call it converged
    FitResult r = Fitter.fit(saddle(), FitOptions.defaults().withStart(new double[] {0, 0}));
    assertEquals(FitStatus.CONVERGED, r.status(), r.summary());
    assertEquals(1, Math.abs(r.parameters()[1]), 1e-10, "b at a minimum ±1");
    assertEquals(0, r.cost(), 1e-20);
  }

  @Test
  void atTheSaddle_withoutTheTrustRegion_theVerdictIsSaddlePoint() {
    FitResult r = Fitter.fit(saddle(), FitOptions.defaults().withStart(new double[] {0, 0}).withNewtonIterations(0));
    assertEquals(FitStatus.SADDLE_POINT, r.status(), r.summary());
    assertTrue(r.verdict().gradientMet(), "the gradient is zero there");
    assertFalse(r.verdict().hessianMet());
    assertTrue(r.verdict().eigenvalueRatio() < -0.1, "curvature -1 against +1: " + r.verdict().eigenvalueRatio());
  }

  @Test
  void aParameterThatAffectsNothing_isUndetermined_notASaddle() {
    // c has a flat prior and no effect: its eigenvalue is 0 (or a rounding-sized negative), which is an
    // undetermined direction, never "not positive definite" as if the point were a saddle
    AnalyticModel m = AnalyticModel.builder("idle").param("a", 1, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false)
        .flat("c", 2).observations(new double[] {3}, new double[] {0.5})
        .formula(p -> new Dual2[] {p[0].plus(p[1].times(0))});
    FitResult r = Fitter.fit(m, FitOptions.defaults());
    assertEquals(FitStatus.UNDETERMINED, r.status(), r.summary());
    assertTrue(r.verdict().weakest().startsWith("c "), r.verdict().weakest());
    assertTrue(r.verdict().conditions().get(2).contains("singular to rounding"), r.verdict().conditions().get(2));
  }

  @Test
  void anOptimumBeyondTheUpperBound_isHeldOnIt_flagged_andConverged() {
    // y = b with observation 5 and b in (0, 2): the cost keeps falling beyond the bound
    AnalyticModel m = AnalyticModel.builder("bounded").param("b", 1, Double.POSITIVE_INFINITY, 0, 2, false)
        .param("a", 0, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false)
        .observations(new double[] {5, 1}, new double[] {1, 0.5}).formula(p -> new Dual2[] {p[0], p[1].plus(p[0].times(0.1))});
    FitResult r = Fitter.fit(m, FitOptions.defaults());
    assertEquals(FitStatus.CONVERGED, r.status(), r.summary());
    assertEquals(Bound.UPPER, r.bounds().get(0));
    assertEquals(Bound.NONE, r.bounds().get(1));
    assertEquals(2, r.parameters()[0], 1e-8, "on the bound to the digits printed");
    // a's optimum given b = 2: minimize ½((a + 0.2 − 1)/0.5)² + ½a²  →  a = 0.8·4/(4 + 1) = 0.64
    assertEquals(0.64, r.parameters()[1], 1e-9);
  }

  @Test
  void aLimitStopsTheFitWithThatStatus_andTheConditionsStillPrinted() {
    FitResult r = Fitter.fit(TestModels.rosenbrock(), FitOptions.defaults().withStart(new double[] {-1.2, 1})
        .withMethod(FitOptions.Method.LBFGS).withMaxIterations(3));
    assertEquals(FitStatus.MAX_ITERATIONS, r.status(), r.summary());
    assertFalse(r.verdict().gradientMet());
    assertEquals(3, r.verdict().conditions().size());
  }

  @Test
  void restartFromTheOptimum_convergesAtOnce() {
    FitResult first = Fitter.fit(TestModels.mixed(), FitOptions.defaults());
    assertEquals(FitStatus.CONVERGED, first.status(), first.summary());
    FitResult again = Fitter.fit(TestModels.mixed(), FitOptions.defaults().withStart(first.parameters()));
    assertEquals(FitStatus.CONVERGED, again.status(), again.summary());
    assertTrue(again.iterations().size() <= 6, "a handful of records, not a new fit: " + again.iterations());
  }

  @Test
  void tighterTolerances_areApplied_andLooserOnesCannotRescueANonMinimum() {
    FitResult tight = Fitter.fit(TestModels.mixed(), FitOptions.defaults().withTolerances(ConvergenceTolerances.defaults().withGradient(1e-300)));
    assertEquals(FitStatus.STALLED, tight.status(), "no double gradient is below 1e-300 unless exactly 0: " + tight.summary());
    FitResult loose = Fitter.fit(saddle(), FitOptions.defaults().withStart(new double[] {0, 0}).withNewtonIterations(0)
        .withTolerances(ConvergenceTolerances.defaults().withGradient(1).withDecrement(1)));
    assertEquals(FitStatus.SADDLE_POINT, loose.status());
  }
}
