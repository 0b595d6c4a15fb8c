package org.phloem.runtime.report;

/**
 * Thins a series to what a plot can show, so that drawing a year of half-hourly data costs what
 * drawing a few hundred points does. The x range is cut into equal columns (a pixel or two wide);
 * a series with no more than two points per column is kept whole.
 *
 * <ul>
 *   <li>{@link #line}: per column the first, last, lowest and highest point (M4 aggregation, Jugel et
 *       al. 2014): the drawn polyline covers the same pixels as the full one.
 *   <li>{@link #extremes}: per column the lowest and highest point, for scattered observations: the
 *       envelope of the cloud stays, points inside it that would overlap are dropped.
 * </ul>
 * Both return the kept indices in increasing order; x must be non-decreasing, else everything is kept.
 */
final class SeriesThinning {
  private SeriesThinning() {}

  /** Indices of the M4 points of (x, y) over {@code columns} columns. */
  static int[] line(double[] x, double[] y, int columns) {
    return thin(x, y, columns, true);
  }

  /** Indices of the lowest and highest point per column of (x, y). */
  static int[] extremes(double[] x, double[] y, int columns) {
    return thin(x, y, columns, false);
  }

  private static int[] thin(double[] x, double[] y, int columns, boolean ends) {
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
      if (ends) {
        keep[start] = true;
        keep[end] = true;
      }
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
