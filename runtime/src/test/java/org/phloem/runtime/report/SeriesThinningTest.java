package org.phloem.runtime.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesThinningTest {

  private static double[] index(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
    }
    return x;
  }

  @Test
  void aSeriesWithFewPointsPerColumn_isKeptWhole() {
    double[] x = index(700);
    double[] y = new Random(1).doubles(700).toArray();
    assertEquals(700, SeriesThinning.extremes(x, y, 400).length);
  }

  @Test
  void aYearOfHalfHours_keepsPerColumnItsLowestAndHighest() {
    int n = 17520;
    double[] x = index(n);
    double[] y = new double[n];
    Random random = new Random(2);
    for (int i = 0; i < n; i++) {
      y[i] = Math.sin(2 * Math.PI * i / 48) + random.nextGaussian();
    }
    int columns = 400;
    int[] kept = SeriesThinning.extremes(x, y, columns);
    assertTrue(kept.length <= 2 * columns && kept.length >= columns, "at most two per column: " + kept.length);
    for (int i = 1; i < kept.length; i++) {
      assertTrue(kept[i] > kept[i - 1], "increasing indices");
    }
    // in every column, the kept points span exactly the full points' range: the cloud's envelope stays
    double width = (x[n - 1] - x[0]) / columns;
    double[] lo = new double[columns];
    double[] hi = new double[columns];
    double[] keptLo = new double[columns];
    double[] keptHi = new double[columns];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(keptLo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    java.util.Arrays.fill(keptHi, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      int c = Math.min(columns - 1, (int) (x[i] / width));
      lo[c] = Math.min(lo[c], y[i]);
      hi[c] = Math.max(hi[c], y[i]);
    }
    for (int k : kept) {
      int c = Math.min(columns - 1, (int) (x[k] / width));
      keptLo[c] = Math.min(keptLo[c], y[k]);
      keptHi[c] = Math.max(keptHi[c], y[k]);
    }
    assertArrayEquals(lo, keptLo, 0);
    assertArrayEquals(hi, keptHi, 0);
  }

  @Test
  void unsortedX_isKeptWhole() {
    int n = 5000;
    double[] x = index(n);
    x[10] = 4000.5;
    assertEquals(n, SeriesThinning.extremes(x, new double[n], 100).length);
  }
}
