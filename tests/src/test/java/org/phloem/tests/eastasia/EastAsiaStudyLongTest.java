package org.phloem.tests.eastasia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The full study of models/eastasia/README.md (4 starts, 12 leave-one-out fits; ~15 min on a loaded
 * 2-core machine): its tables are reproduced. Tolerances as EastAsiaFitTest: 1 % of values (0.01 for
 * RMSEs and r², 0.2 for slopes), 0.1 % of costs.
 */
@Tag("long")
class EastAsiaStudyLongTest {
  private static EastAsiaNetwork network;
  private static EastAsiaStudy.Results results;

  @BeforeAll
  static void runTheStudy() throws Exception {
    network = EastAsiaNetwork.load("network.phl");
    results = EastAsiaStudy.run(network, 4, true, 2);
  }

  @Test
  void starts_reproduceTheReadme() {
    // README, "Starts": every start converges; three share the best minimum, one ends 2.2 higher
    assertEquals(4, results.starts().convergedCount(), "converged starts");
    assertEquals(2, results.starts().optima().size(), "distinct optima");
    assertEquals(472.375, results.starts().optima().get(0).cost(), 0.5, "best minimum");
    assertEquals(474.607, results.starts().optima().get(1).cost(), 0.5, "second minimum");
    assertEquals(-10.80, EastAsiaStudy.neeLine(network, results.starts().optima().get(0).parameters(), results).slope(), 0.2);
    assertEquals(-9.78, EastAsiaStudy.neeLine(network, results.starts().optima().get(1).parameters(), results).slope(), 0.2);
  }

  @Test
  void rmse_reproducesTheReadme() {
    // README, "RMSE per tower": validation months, prior -> posterior -> left out
    assertEquals(1.13, row("CN-Qia").gppValPost(), 0.01);
    assertEquals(1.66, row("CN-Qia").gppValLeftOut(), 0.01);
    assertEquals(2.50, row("CN-Qia").neeValLeftOut(), 0.01);
    assertEquals(3.10, row("JP-MBF").neeValLeftOut(), 0.01);
    assertEquals(1.10, row("CN-Du2").gppValPost(), 0.01);
    assertEquals(2.15, row("CN-Cha").gppValLeftOut(), 0.01);
    assertEquals(0.13, row("CN-Dan").neeValLeftOut(), 0.01);
    // "GPP is predicted better than the prior at 8 towers ...; NEE worse than the prior at 7 of 12"
    long gppBetter = results.siteFits().stream().filter(r -> r.gppValLeftOut() < r.gppValPrior() - 0.005).count();
    long neeWorse = results.siteFits().stream().filter(r -> r.neeValLeftOut() > r.neeValPrior() + 0.005).count();
    assertEquals(8, gppBetter, "towers whose left-out GPP beats the prior");
    assertEquals(7, neeWorse, "towers whose left-out NEE is worse than the prior");
  }

  @Test
  void networkLines_reproduceTheReadme() {
    // README, "Lines across the towers"
    double[] t = EastAsiaStudy.column(results, EastAsiaStudy.SiteYear::temperature);
    NetworkStats.Line data = NetworkStats.ols(t, EastAsiaStudy.column(results, EastAsiaStudy.SiteYear::neeData));
    assertEquals(-16.08, data.slope(), 0.01);
    assertEquals(7.8, data.slopeSe(), 0.1);
    NetworkStats.Line prior = NetworkStats.ols(t, EastAsiaStudy.column(results, EastAsiaStudy.SiteYear::neePrior));
    assertEquals(4.02, prior.slope(), 0.2);
    assertEquals(0.75, prior.r2(), 0.01);
    NetworkStats.Line post = NetworkStats.ols(t, EastAsiaStudy.column(results, EastAsiaStudy.SiteYear::neePost));
    assertEquals(-10.80, post.slope(), 0.2);
    assertEquals(0.74, post.r2(), 0.01);
    NetworkStats.Line leftOut = NetworkStats.ols(t, EastAsiaStudy.column(results, EastAsiaStudy.SiteYear::neeLeftOut));
    assertEquals(5.38, leftOut.slope(), 0.2);
    assertEquals(0.04, leftOut.r2(), 0.01);
    NetworkStats.Line whole = NetworkStats.ols(t, EastAsiaStudy.column(results, EastAsiaStudy.SiteYear::neePostWholeRecord));
    assertEquals(12, whole.n());
    assertEquals(-13.52, whole.slope(), 0.2);
    NetworkStats.Line gppLai = NetworkStats.ols(EastAsiaStudy.column(results, EastAsiaStudy.SiteYear::laiMax),
        EastAsiaStudy.column(results, EastAsiaStudy.SiteYear::gppData));
    assertEquals(284.43, gppLai.slope(), 0.5);
    assertEquals(0.82, gppLai.r2(), 0.01);
    assertTrue(data.r2() > 0.40 && data.r2() < 0.42, "data r² " + data.r2());
  }

  private static EastAsiaStudy.SiteFit row(String site) {
    return results.siteFits().stream().filter(r -> r.site().equals(site)).findFirst().orElseThrow();
  }
}
