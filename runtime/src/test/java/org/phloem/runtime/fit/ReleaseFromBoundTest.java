package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A slot put on its lower bound while its optimum lies just inside, as CCDAS arm 1 start 2 left vm[1]
 * and vm[7] (prior 90 ± 18 in [1, ∞), 1e-10 prior sd above the bound, the cost some 3e3): through the
 * search space's exponential transform there dq/dx is ~1e-10 of its size, so the trust-region steps see
 * a pull below the cost's rounding and, before the release, the phase stalled where it started (verdict
 * STALLED, scaled gradient 41). Here: a ~ prior 90 ± 18 with one observation a = 3 ± 1; a partner b
 * (prior 0 ± 1) observed as 0.3 ± 0.001, stiff as CCDAS's data make some directions (so the flat slot's
 * tiny negative curvature in x is no saddle to escape along); and a residual no parameter moves
 * (1000 ± 1: the cost is 5e5, its rounding 64 ulps ≈ 4e-9, as a cost summed over thousands of
 * observations rounds). The optimum is a* = (90/18² + 3)/(1/18² + 1), 0.126 prior sd inside, and
 * b* = 0.3·1e6/(1 + 1e6).
 */
class ReleaseFromBoundTest {

  static final double LOWER = 1;
  /** 1e-10 prior sd above the bound: where the trust-region phase puts a slot it holds (SNAP_TO). */
  static final double ON_BOUND = LOWER + 1e-10 * 18;

  static AnalyticModel pulledInside(double observed) {
    return AnalyticModel.builder("release")
        .param("a", 90, 18, LOWER, Double.POSITIVE_INFINITY, false)
        .param("b", 0, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false)
        .observations(new double[] {observed, 0.3, 1000}, new double[] {1, 1e-3, 1})
        .formula(p -> new Dual2[] {p[0], p[1], Dual2.constant(0, 2)});
  }

  /** b at its optimum. */
  static final double B = 0.3 * 1e6 / (1 + 1e6);

  static double optimum(double observed) {
    return (90 / (18.0 * 18) + observed) / (1 / (18.0 * 18) + 1);
  }

  @Test
  void newtonStartedOnTheBound_releasesTheSlotAndConverges() {
    FitResult r = Fitter.fit(pulledInside(3), FitOptions.defaults().withMethod(FitOptions.Method.NEWTON).withStart(new double[] {ON_BOUND, B}));
    assertEquals(FitStatus.CONVERGED, r.status(), r.summary());
    assertEquals(Bound.NONE, r.verdict().bounds().get(0), r.summary());
    double a = optimum(3);
    assertEquals(a, r.parameters()[0], 1e-6, r.summary());
    assertEquals(B, r.parameters()[1], 1e-9, r.summary());
    double j = 0.5 * Math.pow((a - 90) / 18, 2) + 0.5 * Math.pow(a - 3, 2) + 0.5 * B * B + 0.5 * Math.pow((B - 0.3) / 1e-3, 2)
        + 0.5 * 1000 * 1000;
    assertEquals(j, r.cost(), 1e-8 * j, r.summary());
  }

  @Test
  void defaultFitStartedOnTheBound_convergesInside() {
    // L-BFGS first, then the trust-region phase: the same release ends it
    FitResult r = Fitter.fit(pulledInside(3), FitOptions.defaults().withStart(new double[] {ON_BOUND, B}));
    assertEquals(FitStatus.CONVERGED, r.status(), r.summary());
    assertEquals(optimum(3), r.parameters()[0], 1e-6, r.summary());
  }

  @Test
  void optimumBeyondTheBound_staysHeldOnIt() {
    // observed a = -5: the cost falls beyond the bound, so a is held on it (no release: the gradient pushes outward)
    FitResult r = Fitter.fit(pulledInside(-5), FitOptions.defaults().withMethod(FitOptions.Method.NEWTON).withStart(new double[] {ON_BOUND, B}));
    assertEquals(FitStatus.CONVERGED, r.status(), r.summary());
    assertEquals(Bound.LOWER, r.verdict().bounds().get(0), r.summary());
    assertEquals(LOWER, r.parameters()[0], 1e-6 * 18, r.summary());
  }

  @Test
  void verdictOnTheBound_blamesTheBoundNotTheGradient() {
    AnalyticModel m = pulledInside(3);
    BayesianCost cost = new BayesianCost(m, SearchSpace.of(m.info(), null));
    double[] x = cost.space().toSearch(new double[] {ON_BOUND, B});
    Verdict v = Verdict.judge(cost, x, FitStatus.GRADIENT_SMALL, ConvergenceTolerances.defaults());
    assertEquals(FitStatus.STALLED, v.status());
    // the scaled gradient: 18 · ((a − 90)/18² + (a − 3)) at a ≈ 1, pulling inward
    double scaled = 18 * ((ON_BOUND - 90) / (18.0 * 18) + (ON_BOUND - 3));
    assertEquals(Math.abs(scaled), v.gradient(), 1e-9 * Math.abs(scaled));
    assertTrue(v.note().contains("a sits on its lower bound but the cost falls inside it"), v.note());
    assertTrue(v.note().contains(String.format(java.util.Locale.ROOT, "%.3g", scaled)), v.note());
  }

  @Test
  void verdictInside_namesTheLargestGradientWithoutABound() {
    AnalyticModel m = pulledInside(3);
    BayesianCost cost = new BayesianCost(m, SearchSpace.of(m.info(), null));
    double[] x = cost.space().toSearch(new double[] {10, B});
    Verdict v = Verdict.judge(cost, x, FitStatus.GRADIENT_SMALL, ConvergenceTolerances.defaults());
    assertEquals(FitStatus.STALLED, v.status());
    assertTrue(v.note().contains("a "), v.note());
    assertTrue(!v.note().contains("sits on"), v.note());
  }
}
