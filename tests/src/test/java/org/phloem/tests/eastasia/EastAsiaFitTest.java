package org.phloem.tests.eastasia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.fit.Bound;
import org.phloem.runtime.posterior.Posterior;
import org.phloem.runtime.posterior.PosteriorAnalysis;
import org.phloem.runtime.report.FitReport;

/**
 * The short variant of the README's study (default suite): the joint fit of the twelve towers from the
 * prior means alone (no other starts, no leave-one-out; those are EastAsiaStudyLongTest) reproduces the
 * README's start "prior means" and the posterior values of the per-PFT parameters; the data's own
 * network line, which no fit touches, is pinned against annual sums computed outside Phloem.
 * Tolerances: 0.1 % of the cost and 1 % of each value, far above what platform rounding moves and far
 * below what a change of the model or of the fit would.
 */
class EastAsiaFitTest {
  private static EastAsiaNetwork network;
  private static FitResult fit;

  @BeforeAll
  static void fitFromThePrior() throws Exception {
    network = EastAsiaNetwork.load("network.phl");
    fit = Fitter.fit(network.sum(network.sites, 2), FitOptions.defaults());
  }

  @Test
  void jointFit_reproducesTheReadme() {
    assertTrue(fit.status().isConverged(), fit.summary());
    // README, "Starts", row "prior means"
    assertEquals(472.375, fit.cost(), 0.5, "cost J");
    assertEquals(439.197, fit.observationCost(), 0.5, "observation part");
    ModelInfo info = network.info();
    String[] names = {"vm[2]", "vm[3]", "vm[4]", "vm[8]", "vm[11]", "beta[2]", "beta[3]", "beta[4]", "beta[8]", "beta[11]"};
    double[] values = {29.98, 37.23, 47.18, 57.12, 33.72, 0.6023, 0.9618, 0.5660, 0.7069, 0.6126};
    for (int k = 0; k < names.length; k++) {
      int slot = info.slotNames().indexOf(names[k]);
      assertEquals(values[k], fit.parameters()[slot], 0.01 * values[k], names[k]);
    }
    // README, "Bounds and odd values": fs ends on its lower bound 0, held there (no sd, no reduction), and
    // the posterior table is conditional on it; the conditional sds of two soil parameters it changes most
    Bound[] held = fit.bounds().toArray(new Bound[0]);
    for (int i = 0; i < held.length; i++) {
      assertEquals(info.slotNames().get(i).equals("fs") ? Bound.LOWER : Bound.NONE, held[i], info.slotNames().get(i));
    }
    Posterior posterior = PosteriorAnalysis.at(network.sum(network.sites, 2), fit.parameters(), FitReport.held(fit));
    assertEquals(1.40, posterior.sd()[info.slotNames().indexOf("q10s")], 0.01 * 1.40, "q10s sd");
    assertEquals(0.103, posterior.sd()[info.slotNames().indexOf("q10f")], 0.01 * 0.103, "q10f sd");
    assertEquals(0, posterior.sd()[info.slotNames().indexOf("fs")], "fs held: no sd");
  }

  /**
   * Annual NEE of the data from the mean seasonal cycle of the calibration and validation months, as an
   * awk one-liner over the two CSV files computes it (README, "Network view"): CN-Dan −97.7, CN-Qia −563.1.
   */
  @Test
  void dataAnnualNee_matchesASumOutsidePhloem_andTheDataLineIsTheReadmes() {
    for (String[] s : new String[][] {{"CN-Dan", "-97.7"}, {"CN-Qia", "-563.1"}}) {
      double[] nee = NetworkStats.merge(network.input("nee_obs", s[0]), network.input("nee_val", s[0]));
      assertEquals(Double.parseDouble(s[1]), NetworkStats.annualFromSeasonalCycle(nee, nee), 0.05, s[0]);
    }
    double[] t = new double[network.sites.size()];
    double[] nee = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      String s = network.sites.get(i);
      double[] all = NetworkStats.merge(network.input("nee_obs", s), network.input("nee_val", s));
      t[i] = EastAsiaStudy.meanTemperature(network, s);
      nee[i] = NetworkStats.annualFromSeasonalCycle(all, all);
    }
    NetworkStats.Line data = NetworkStats.ols(t, nee);
    assertEquals(8, data.n(), "towers with every calendar month observed");
    assertEquals(-16.08, data.slope(), 0.01);
    assertEquals(-79.8, data.intercept(), 0.1);
    assertEquals(0.41, data.r2(), 0.005);
  }
}
