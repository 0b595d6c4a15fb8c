package org.phloem.runtime.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * R̂ and ESS on chains whose answers are known: independent draws (ESS ≈ number of draws, R̂ ≈ 1),
 * AR(1) chains (ESS ≈ N(1 − ρ)/(1 + ρ)), chains stuck at different levels (R̂ far above 1), chains
 * that differ only in spread (caught by the folded R̂ only), and R's type-7 quantiles.
 */
class DiagnosticsTest {

  private static double[][] ar1(int chains, int n, double rho, long seed, double[] shifts, double[] scales) {
    Random r = new Random(seed);
    double[][] d = new double[chains][n];
    double innovation = Math.sqrt(1 - rho * rho);
    for (int c = 0; c < chains; c++) {
      double x = r.nextGaussian();
      for (int i = 0; i < n; i++) {
        x = rho * x + innovation * r.nextGaussian();
        d[c][i] = shifts[c] + scales[c] * x;
      }
    }
    return d;
  }

  private static final double[] NO_SHIFT = {0, 0, 0, 0};
  private static final double[] UNIT = {1, 1, 1, 1};

  @Test
  void independentDrawsHaveEssNearTheirNumberAndRhatNearOne() {
    double[][] d = ar1(4, 1000, 0, 1, NO_SHIFT, UNIT);
    double ess = Diagnostics.essBulk(d);
    assertEquals(4000, ess, 4000 * 0.12, "bulk ESS of independent draws");
    assertEquals(4000, Diagnostics.essTail(d), 4000 * 0.25, "tail ESS of independent draws");
    assertTrue(Diagnostics.rhat(d) < 1.005, "R-hat " + Diagnostics.rhat(d));
  }

  @Test
  void autocorrelatedDrawsHaveTheTheoreticalEss() {
    double rho = 0.9;
    double[][] d = ar1(4, 5000, rho, 2, NO_SHIFT, UNIT);
    double expected = 4 * 5000 * (1 - rho) / (1 + rho);
    assertEquals(expected, Diagnostics.essBulk(d), expected * 0.2, "bulk ESS of AR(1) with rho 0.9");
  }

  @Test
  void chainsAtDifferentLevelsGiveALargeRhat() {
    double[][] d = ar1(4, 500, 0.5, 3, new double[] {0, 0, 0, 2}, UNIT);
    assertTrue(Diagnostics.rhat(d) > 1.1, "R-hat " + Diagnostics.rhat(d));
  }

  @Test
  void chainsThatDifferOnlyInSpreadAreCaughtByTheFoldedRhat() {
    double[][] d = ar1(4, 2000, 0, 4, NO_SHIFT, new double[] {1, 1, 1, 3});
    double bulkOnly = Diagnostics.basicRhat(Diagnostics.zScale(Diagnostics.split(d)));
    assertTrue(bulkOnly < 1.01, "the location R-hat cannot see a spread difference: " + bulkOnly);
    assertTrue(Diagnostics.rhat(d) > 1.01, "the folded R-hat does: " + Diagnostics.rhat(d));
  }

  @Test
  void quantilesAreRsTypeSeven() {
    double[] v = {3, 1, 4, 1, 5, 9, 2, 6};
    // R: quantile(c(3,1,4,1,5,9,2,6), c(0.05, 0.5, 0.95)) = 1.00 3.50 7.95
    assertEquals(1.0, Diagnostics.quantile(v, 0.05), 1e-12);
    assertEquals(3.5, Diagnostics.quantile(v, 0.5), 1e-12);
    assertEquals(7.95, Diagnostics.quantile(v, 0.95), 1e-12);
  }

  @Test
  void eBfmiIsTwoForIndependentEnergiesAndSmallForARandomWalk() {
    Random r = new Random(5);
    double[] independent = new double[4000];
    double[] walk = new double[4000];
    double w = 0;
    for (int i = 0; i < independent.length; i++) {
      independent[i] = r.nextGaussian();
      w += 0.05 * r.nextGaussian();
      walk[i] = w;
    }
    // E[(e_n - e_{n-1})^2] = 2 var for independent energies
    assertEquals(2, Diagnostics.eBfmi(independent), 0.15);
    assertTrue(Diagnostics.eBfmi(walk) < 0.3);
  }
}
