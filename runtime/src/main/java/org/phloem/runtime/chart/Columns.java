package org.phloem.runtime.chart;

import java.util.Arrays;

/**
 * Per pixel column, the highest point of one polyline and the lowest point of another over the same x
 * (in pixel coordinates, so "highest" is the smallest y): what a summarized line or band fills. Points
 * are taken in order with x non-decreasing; a non-finite point breaks both polylines. A column with a
 * vertex in it spans every vertex there and the lines' values at its edges; a column that a single
 * segment crosses spans the segment's value at the column's centre (so that a shallow line keeps its
 * sub-pixel position instead of growing by its slope).
 */
final class Columns {
  private final double[] top;
  private final double[] bottom;
  private final boolean[] vertex;
  private int first = Integer.MAX_VALUE;
  private int last = -1;

  private Columns(int width) {
    top = new double[width];
    bottom = new double[width];
    vertex = new boolean[width];
    Arrays.fill(top, Double.POSITIVE_INFINITY);
    Arrays.fill(bottom, Double.NEGATIVE_INFINITY);
  }

  static Columns of(int width, double[] x, double[] upper, double[] lower) {
    Columns c = new Columns(width);
    for (int k = 0; k < x.length; k++) {
      if (finite(x[k], upper[k], lower[k])) {
        int col = (int) Math.floor(x[k]);
        if (col >= 0 && col < width) {
          c.vertex[col] = true;
          c.take(col, upper[k], lower[k]);
        }
      }
    }
    for (int k = 1; k < x.length; k++) {
      if (!finite(x[k - 1], upper[k - 1], lower[k - 1]) || !finite(x[k], upper[k], lower[k]) || !(x[k] >= x[k - 1])) {
        continue;
      }
      double xa = x[k - 1];
      double xb = x[k];
      int from = (int) Math.max(0, Math.floor(xa));
      int to = (int) Math.min(width - 1, Math.floor(xb));
      for (int col = from; col <= to; col++) {
        if (c.vertex[col]) {
          // the line's values where it enters and leaves the column
          for (double at : new double[] {col, col + 1}) {
            if (at >= xa && at <= xb) {
              c.take(col, lerp(xa, upper[k - 1], xb, upper[k], at), lerp(xa, lower[k - 1], xb, lower[k], at));
            }
          }
        } else {
          double at = col + 0.5;
          c.take(col, lerp(xa, upper[k - 1], xb, upper[k], at), lerp(xa, lower[k - 1], xb, lower[k], at));
        }
      }
    }
    return c;
  }

  private static boolean finite(double a, double b, double d) {
    return Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(d);
  }

  private static double lerp(double xa, double ya, double xb, double yb, double at) {
    return xb > xa ? ya + (yb - ya) * (Math.max(xa, Math.min(xb, at)) - xa) / (xb - xa) : Math.min(ya, yb);
  }

  private void take(int col, double up, double low) {
    top[col] = Math.min(top[col], Math.min(up, low));
    bottom[col] = Math.max(bottom[col], Math.max(up, low));
    first = Math.min(first, col);
    last = Math.max(last, col);
  }

  int first() {
    return first;
  }

  int last() {
    return last;
  }

  boolean has(int col) {
    return bottom[col] >= top[col];
  }

  double top(int col) {
    return top[col];
  }

  double bottom(int col) {
    return bottom[col];
  }
}
