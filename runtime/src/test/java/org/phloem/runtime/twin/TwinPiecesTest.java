package org.phloem.runtime.twin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The synthetic values and the per-parameter score, against hand-computed values. */
class TwinPiecesTest {

  @Test
  void syntheticObservations_addScaledNoiseOnUsedElementsOnly() {
    double[] modelled = {1, Double.NaN, 3, 4};
    double[] sd = {0.5, 0.5, Double.NaN, 2};
    double[] out = SyntheticObservations.make(modelled, sd, new GaussianNoise(5));
    GaussianNoise same = new GaussianNoise(5);
    assertEquals(1 + 0.5 * same.next(), out[0], 0.0);
    assertTrue(Double.isNaN(out[1]), "modelled value missing: element not used");
    assertTrue(Double.isNaN(out[2]), "sd missing: element not used");
    assertEquals(4 + 2 * same.next(), out[3], 0.0, "unused elements draw nothing");
  }

  @Test
  void error_isInPosteriorSds_onLnPForLogSlots() {
    TwinRow linear = TwinRow.of("a", 1.0, 0, 1, 1.3, 0.2, false);
    assertEquals(1.5, linear.error(), 1e-12);
    assertTrue(linear.within(2));
    // log slot: |ln 0.03 − ln 0.02| / (0.004 / 0.03) = 0.405465 / 0.133333 = 3.04099
    TwinRow log = TwinRow.of("k", 0.02, 0.02, 0.01, 0.03, 0.004, true);
    assertEquals(Math.log(1.5) / (0.004 / 0.03), log.error(), 1e-12);
    assertEquals(3.04099, log.error(), 1e-5);
    assertFalse(log.within(2));
  }
}
