package org.phloem.tests.eastasia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The network statistics on hand-made series with known answers. */
class NetworkStatsTest {
  private static final double NAN = Double.NaN;

  @Test
  void ols_recoversAnExactLine_andItsR2FromAKnownScatter() {
    NetworkStats.Line exact = NetworkStats.ols(new double[] {0, 1, 2, NAN}, new double[] {1, 3, 5, 100});
    assertEquals(2, exact.slope(), 1e-12);
    assertEquals(1, exact.intercept(), 1e-12);
    assertEquals(1, exact.r2(), 1e-12);
    assertEquals(3, exact.n());
    // x = 0, 1, 2, 3; y = 0, 2, 1, 3: slope 0.8, intercept 0.3, r² = 0.64 (sxy 4, sxx 5, syy 5)
    NetworkStats.Line scatter = NetworkStats.ols(new double[] {0, 1, 2, 3}, new double[] {0, 2, 1, 3});
    assertEquals(0.8, scatter.slope(), 1e-12);
    assertEquals(0.3, scatter.intercept(), 1e-12);
    assertEquals(0.64, scatter.r2(), 1e-12);
    // residuals 0 - 0.3, 2 - 1.1, 1 - 1.9, 3 - 2.7: RSS 1.8; se = sqrt(RSS/(n - 2)/sxx) = sqrt(0.9/5)
    assertEquals(Math.sqrt(0.18), scatter.slopeSe(), 1e-12);
  }

  @Test
  void annual_fromTheSeasonalCycleOfTheSampledMonths() {
    double[] series = new double[36];
    double[] sampled = new double[36];
    Arrays.fill(sampled, NAN);
    for (int t = 0; t < 36; t++) {
      series[t] = t % 12 + 100 * (t / 12); // calendar month m of year y: m + 100 y
    }
    for (int m = 0; m < 12; m++) {
      sampled[m + 12 * (m % 2 == 0 ? 0 : 2)] = 1; // even months seen in year 0, odd ones in year 2
    }
    double expected = 0;
    for (int m = 0; m < 12; m++) {
      expected += (m + (m % 2 == 0 ? 0 : 200)) * NetworkStats.DAYS_PER_MONTH;
    }
    assertEquals(expected, NetworkStats.annualFromSeasonalCycle(series, sampled), 1e-9);
    sampled[11 + 24] = NAN; // December never sampled
    assertTrue(Double.isNaN(NetworkStats.annualFromSeasonalCycle(series, sampled)));
  }

  @Test
  void rmse_overTheObservedElementsOnly() {
    assertEquals(Math.sqrt((1 + 9) / 2.0), NetworkStats.rmse(new double[] {1, 5, 7}, new double[] {0, NAN, 4}), 1e-12);
    assertTrue(Double.isNaN(NetworkStats.rmse(new double[] {1}, new double[] {NAN})));
  }
}
