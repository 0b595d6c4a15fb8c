package org.phloem.runtime.twin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

class GaussianNoiseTest {

  private static double[] draws(long seed, int n) {
    GaussianNoise noise = new GaussianNoise(seed);
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = noise.next();
    }
    return z;
  }

  @Test
  void sameSeed_sameSequence_otherSeed_otherSequence() {
    assertArrayEquals(draws(42, 100), draws(42, 100), 0.0);
    assertFalse(Arrays.equals(draws(42, 100), draws(43, 100)));
  }

  @Test
  void draws_areStandardNormal_byKolmogorovSmirnov() {
    // commons-math3's KS test against N(0,1): a wrong transform (a uniform, a missing sqrt(-2 ln u))
    // gives p-values far below 1e-6 at this size.
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new NormalDistribution(null, 0, 1), draws(7, 20_000));
    assertTrue(p > 1e-3, "p = " + p);
  }
}
