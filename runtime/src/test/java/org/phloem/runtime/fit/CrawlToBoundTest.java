package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A parameter the data push onto its bound, reached through the search space's logistic transform as
 * in the CCDAS experiment (ccost, prior 1.25 ± 0.0625 in [1, 3]; a partner b tied to it along a stiff
 * direction): the trust-region phase must end on the bound by itself, not crawl toward it. The
 * optimum is ccost = 1 held on its bound and b minimizing ½(300b − 120)² + ½((b − 0.3)/0.05)² + ½b² (the
 * stiff residual, the level, b's prior): b = 36120/90401; J adds ccost's prior, ½(0.25/0.0625)² = 8.
 */
class CrawlToBoundTest {

  static AnalyticModel crawl() {
    return AnalyticModel.builder("crawl")
        .param("ccost", 1.25, 0.0625, 1, 3, false)
        .param("b", 0, 1, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false)
        .observations(new double[] {-1080, 0.3}, new double[] {1, 0.05})
        .formula(p -> new Dual2[] {p[1].minus(p[0].times(4)).times(300), p[1]});
  }

  @Test
  void newtonFromNearTheBound_putsItOnTheBoundAtOnce() {
    // 0.08 prior sd above the bound, with b on the stiff line: the cost falls toward the bound, whose
    // x-coordinate is infinitely far; before the trust region tried such slots on the bound, Newton took
    // 10 iterations here to come within 1e-3 sd and snap
    FitResult r = Fitter.fit(crawl(), FitOptions.defaults().withMethod(FitOptions.Method.NEWTON).withStart(new double[] {1.005, 0.42}));
    assertEquals(FitStatus.CONVERGED, r.status(), r.summary());
    assertEquals(Bound.LOWER, r.verdict().bounds().get(0), r.summary());
    assertEquals(1.0, r.parameters()[0], 1e-9);
    double b = 36120.0 / 90401;
    assertEquals(b, r.parameters()[1], 1e-9);
    double j = 8 + 0.5 * Math.pow(300 * b - 120, 2) + 0.5 * Math.pow((b - 0.3) / 0.05, 2) + 0.5 * b * b;
    assertEquals(j, r.cost(), 1e-9);
    long newton = r.iterations().stream().filter(i -> i.method().equals("newton") && i.iteration() > 0).count();
    assertTrue(newton <= 3, newton + " trust-region iterations:\n" + r.summary());
  }
}
