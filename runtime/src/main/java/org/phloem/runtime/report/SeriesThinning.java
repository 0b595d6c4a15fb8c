package org.phloem.runtime.report;

/**
 * Thins scattered observations to what a plot can show: the x range is cut into equal columns (a
 * pixel or two wide) and per column only the lowest and highest point are kept, so the envelope of the
 * cloud stays and points inside it that would overlap are dropped. A series with no more than two
 * points per column, or whose x is not non-decreasing, is kept whole. (Lines and bands need no
 * thinning: the chart draws them per pixel column, {@link org.phloem.runtime.chart.Strokes#columns}.)
 */
final class SeriesThinning {
  private SeriesThinning() {}

  /** Indices, increasing, of the lowest and highest point per column of (x, y). */
  static int[] extremes(double[] x, double[] y, int columns) {
    int n = x.length;
    if (n <= 2 * columns || !nonDecreasing(x)) {
      return all(n);
    }
    double x0 = x[0];
    double width = (x[n - 1] - x0) / columns;
    if (!(width > 0)) {
      return all(n);
    }
    boolean[] keep = new boolean[n];
    int start = 0;
    while (start < n) {
      int column = column(x[start], x0, width, columns);
      int end = start;
      int lo = start;
      int hi = start;
      while (end + 1 < n && column(x[end + 1], x0, width, columns) == column) {
        end++;
        if (y[end] < y[lo]) {
          lo = end;
        }
        if (y[end] > y[hi]) {
          hi = end;
        }
      }
      keep[lo] = true;
      keep[hi] = true;
      start = end + 1;
    }
    int count = 0;
    for (boolean k : keep) {
      count += k ? 1 : 0;
    }
    int[] out = new int[count];
    for (int i = 0, j = 0; i < n; i++) {
      if (keep[i]) {
        out[j++] = i;
      }
    }
    return out;
  }

  private static int column(double x, double x0, double width, int columns) {
    return Math.min(columns - 1, (int) ((x - x0) / width));
  }

  private static boolean nonDecreasing(double[] x) {
    for (int i = 1; i < x.length; i++) {
      if (!(x[i] >= x[i - 1])) {
        return false;
      }
    }
    return true;
  }

  private static int[] all(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
