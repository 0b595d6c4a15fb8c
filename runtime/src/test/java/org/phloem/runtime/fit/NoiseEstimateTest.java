package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link CostNoise} measures the noise it is given and finds none in a smooth cost. */
class NoiseEstimateTest {

  /** A smooth quadratic plus a deterministic pseudo-random error of sd sigma (a function of x's bits). */
  private static Objective noisy(double sigma) {
    return new Objective() {
      @Override
      public int dimension() {
        return 2;
      }

      @Override
      public double value(double[] x) {
        long h = Double.doubleToLongBits(x[0]) * 0x9E3779B97F4A7C15L ^ Double.doubleToLongBits(x[1]) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        // uniform on (-√3, √3): sd 1
        double u = ((h >>> 11) * 0x1.0p-53 - 0.5) * 2 * Math.sqrt(3);
        return 1e4 + 3 * x[0] * x[0] + x[0] * x[1] + 2 * x[1] * x[1] + sigma * u;
      }

      @Override
      public double valueAndGradient(double[] x, double[] g) {
        g[0] = 6 * x[0] + x[1];
        g[1] = x[0] + 4 * x[1];
        return value(x);
      }
    };
  }

  @Test
  void costNoise_findsTheSdItWasGiven_withinAFactorOfThree() {
    for (double sigma : new double[] {1e-9, 1e-6, 1e-3}) {
      double[] x = {0.3, -0.2};
      Objective f = noisy(sigma);
      double sd = CostNoise.sd(f, x, f.value(x));
      assertTrue(sd > sigma / 3 && sd < 3 * sigma, "sigma " + sigma + " measured " + sd);
    }
  }

  @Test
  void costNoise_ofASmoothCost_isAtMostItsOwnRounding() {
    double[] x = {0.3, -0.2};
    Objective f = noisy(0);
    double sd = CostNoise.sd(f, x, f.value(x));
    assertTrue(sd < 1e-11, "1e4 rounds to 1.8e-12: measured " + sd);
  }
}
