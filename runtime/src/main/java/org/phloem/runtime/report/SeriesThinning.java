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
 * A series far denser than the columns is drawn as its {@link #envelope} instead: a line through
 * hundreds of points per column zigzags across the whole plot height in every column, and stroking
 * that (hundreds of full-height anti-aliased segments) costs Java2D ten times what filling the same
 * pixels as one polygon does.
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

  /** Per column of a dense series: the column's mean x and the lowest and highest value in it. */
  record Envelope(double[] x, double[] lo, double[] hi) {
    int size() {
      return x.length;
    }
  }

  /**
   * Whether (x, y) has more than two points per column on average, with x non-decreasing: the series
   * that {@link #envelope} draws.
   */
  static boolean dense(double[] x, int columns) {
    return x.length > 2 * columns && nonDecreasing(x) && x[x.length - 1] > x[0];
  }

  /**
   * The per-column lowest of {@code lo} and highest of {@code hi} of a {@link #dense} series over
   * {@code columns} columns (empty columns left out).
   */
  static Envelope envelope(double[] x, double[] lo, double[] hi, int columns) {
    int n = x.length;
    double x0 = x[0];
    double width = (x[n - 1] - x0) / columns;
    double[] ex = new double[columns];
    double[] elo = new double[columns];
    double[] ehi = new double[columns];
    int count = 0;
    int start = 0;
    while (start < n) {
      int column = column(x[start], x0, width, columns);
      double sumX = 0;
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      int end = start;
      while (end < n && column(x[end], x0, width, columns) == column) {
        sumX += x[end];
        min = Math.min(min, lo[end]);
        max = Math.max(max, hi[end]);
        end++;
      }
      ex[count] = sumX / (end - start);
      elo[count] = min;
      ehi[count] = max;
      count++;
      start = end;
    }
    return new Envelope(java.util.Arrays.copyOf(ex, count), java.util.Arrays.copyOf(elo, count), java.util.Arrays.copyOf(ehi, count));
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
