package org.phloem.tests.ccdas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The transport Jacobian data/ccdas/transport_response.nc (models/ccdas/response.phl run by
 * {@link CcdasResponse}): two of its pulses recomputed agree with the file; every pulse is close to well
 * mixed by its last lag, which is what holding that lag's response for the older months
 * (models/ccdas/jacobian.phl) assumes; and a northern pulse is seen first and most in the north.
 */
class CcdasResponseTest {
  static final int LAGS = CcdasResponse.LAGS;
  static final int[] DAYS = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  /** PgC per ppm of the whole atmosphere (the transport's; TRANSPORT.md). */
  static final double PGC_PER_PPM = 2.124;
  static double[] stored;
  static int stations;

  @BeforeAll
  static void load() throws Exception {
    CcdasModel experiment = CcdasModel.load("ccdas_short.phl", false);
    stored = experiment.input("response");
    stations = experiment.data().dimSizes().get("station");
  }

  static double stored(int s, int lag, int b, int c) {
    return stored[((s * LAGS + lag) * 18 + b) * 12 + c];
  }

  @Test
  void twoPulsesRecomputed_agreeWithTheFile() throws Exception {
    CcdasModel response = CcdasModel.load("response.phl", false);
    int months = response.data().dimSizes().get("month");
    for (int[] bc : new int[][] {{6, 0}, {13, 6}}) {
      double[] p = new double[response.model().info().parameterCount()];
      p[bc[0] * 12 + bc[1]] = 1;
      double[] co2 = response.output(p, "co2_station");
      for (int s = 0; s < stations; s++) {
        for (int lag = 0; lag < LAGS; lag++) {
          assertEquals(co2[s * months + bc[1] + lag], stored(s, lag, bc[0], bc[1]), 1e-12, "station " + s + " lag " + lag);
        }
      }
    }
  }

  @Test
  void byItsLastLag_everyPulseIsWithin3PercentOfWellMixed() {
    double worst = 0;
    for (int b = 3; b <= 16; b++) {
      for (int c = 0; c < 12; c++) {
        double mixed = DAYS[c] / 365.0 / PGC_PER_PPM;
        for (int s = 0; s < stations; s++) {
          worst = Math.max(worst, Math.abs(stored(s, LAGS - 1, b, c) / mixed - 1));
        }
      }
    }
    System.out.printf("largest departure from well mixed at lag %d: %.2f %%%n", LAGS - 1, 100 * worst);
    assertTrue(worst < 0.03, "departure " + worst);
  }

  @Test
  void aNorthernPulse_isSeenFirstAndMostInTheNorth() {
    // Stations 0 (South Pole) and 40 (Alert); band 14 = 50N-60N, a July pulse: at lag 0 Alert sees more.
    assertTrue(stored(40, 0, 14, 6) > 5 * stored(0, 0, 14, 6), "Alert " + stored(40, 0, 14, 6) + ", South Pole " + stored(0, 0, 14, 6));
  }
}
