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
    double[] x = index(1095);
    double[] y = new Random(1).doubles(1095).toArray();
    assertEquals(1095, SeriesThinning.line(x, y, 800).length);
    assertEquals(1095, SeriesThinning.extremes(x, y, 800).length);
  }

  @Test
  void aYearOfHalfHours_keepsPerColumnItsFirstLastLowestAndHighest() {
    int n = 17520;
    double[] x = index(n);
    double[] y = new double[n];
    Random random = new Random(2);
    for (int i = 0; i < n; i++) {
      y[i] = Math.sin(2 * Math.PI * i / 48) + random.nextGaussian();
    }
    int columns = 800;
    int[] kept = SeriesThinning.line(x, y, columns);
    assertTrue(kept.length <= 4 * columns && kept.length >= 2 * columns, "at most four per column: " + kept.length);
    for (int i = 1; i < kept.length; i++) {
      assertTrue(kept[i] > kept[i - 1], "increasing indices");
    }
    // in every column, the kept points span exactly the full points' range: the same pixels are drawn
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
    assertEquals(0, kept[0], "the first point");
    assertEquals(n - 1, kept[kept.length - 1], "the last point");
  }

  @Test
  void extremes_keepTwoPerColumn() {
    int n = 10000;
    double[] y = new Random(3).doubles(n).toArray();
    int[] kept = SeriesThinning.extremes(index(n), y, 400);
    assertTrue(kept.length <= 800 && kept.length >= 400, "" + kept.length);
  }

  @Test
  void unsortedX_isKeptWhole() {
    int n = 5000;
    double[] x = index(n);
    x[10] = 4000.5;
    assertEquals(n, SeriesThinning.line(x, new double[n], 100).length);
  }

  @Test
  void aDenseSeries_isDrawnAsItsPerColumnEnvelope_ofTheLowestLowAndHighestHigh() {
    int n = 100_000;
    double[] x = index(n);
    double[] lo = new double[n];
    double[] hi = new double[n];
    Random random = new Random(3);
    for (int i = 0; i < n; i++) {
      lo[i] = random.nextGaussian();
      hi[i] = lo[i] + random.nextDouble();
    }
    int columns = 800;
    assertTrue(SeriesThinning.dense(x, columns));
    assertTrue(!SeriesThinning.dense(index(1095), columns), "1095 points over 800 columns are drawn whole");
    SeriesThinning.Envelope e = SeriesThinning.envelope(x, lo, hi, columns);
    assertEquals(columns, e.size());
    // brute force over the same columns
    double width = (x[n - 1] - x[0]) / columns;
    double[] min = new double[columns];
    double[] max = new double[columns];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      int c = Math.min(columns - 1, (int) (x[i] / width));
      min[c] = Math.min(min[c], lo[i]);
      max[c] = Math.max(max[c], hi[i]);
    }
    assertArrayEquals(min, e.lo());
    assertArrayEquals(max, e.hi());
    for (int c = 1; c < columns; c++) {
      assertTrue(e.x()[c] > e.x()[c - 1], "column x increasing");
    }
  }
}
