package org.phloem.runtime.chart;

/**
 * Anti-aliased lines in pixel coordinates (x to the right, y down; pixel (i, j) spans [i, i+1) × [j, j+1)).
 * A pixel's coverage is how far its centre lies inside the stroke: 1 up to half a pixel inside the
 * edge, falling linearly to 0 half a pixel outside it (coverage by distance, which gives Wu-like edges
 * for any width). Only the pixels near the segment are visited: a column (or row, for steep segments)
 * at a time, over the few pixels the stroke can reach there.
 */
public final class Strokes {
  private Strokes() {}

  /** The segment from (x0, y0) to (x1, y1), {@code width} pixels wide with round ends. */
  public static void segment(Raster r, double x0, double y0, double x1, double y1, double width, int colour, double alpha) {
    if (!(Double.isFinite(x0) && Double.isFinite(y0) && Double.isFinite(x1) && Double.isFinite(y1))) {
      return;
    }
    double half = width / 2;
    double dx = x1 - x0;
    double dy = y1 - y0;
    boolean steep = Math.abs(dy) > Math.abs(dx);
    // walk along the major axis: u is the major coordinate, v the minor one
    double u0 = steep ? y0 : x0;
    double v0 = steep ? x0 : y0;
    double u1 = steep ? y1 : x1;
    double v1 = steep ? x1 : y1;
    if (u1 < u0) {
      double t = u0;
      u0 = u1;
      u1 = t;
      t = v0;
      v0 = v1;
      v1 = t;
    }
    double slope = u1 > u0 ? (v1 - v0) / (u1 - u0) : 0;
    double reach = half * Math.sqrt(1 + slope * slope) + Math.abs(slope) / 2 + 1.5;
    int limitU = steep ? r.height() : r.width();
    int limitV = steep ? r.width() : r.height();
    int from = (int) Math.max(0, Math.floor(u0 - half - 1));
    int to = (int) Math.min(limitU - 1, Math.ceil(u1 + half + 1));
    double lengthSq = (u1 - u0) * (u1 - u0) + (v1 - v0) * (v1 - v0);
    for (int u = from; u <= to; u++) {
      double cu = u + 0.5;
      double vc = v0 + slope * (Math.max(u0, Math.min(u1, cu)) - u0);
      int vFrom = (int) Math.max(0, Math.floor(vc - reach));
      int vTo = (int) Math.min(limitV - 1, Math.ceil(vc + reach));
      for (int v = vFrom; v <= vTo; v++) {
        double cv = v + 0.5;
        double d = distance(cu, cv, u0, v0, u1, v1, lengthSq);
        double coverage = Math.min(1, half + 0.5 - d);
        if (coverage > 0) {
          if (steep) {
            r.blend(v, u, colour, alpha * coverage);
          } else {
            r.blend(u, v, colour, alpha * coverage);
          }
        }
      }
    }
  }

  /** Distance from (px, py) to the segment (ax, ay)–(bx, by), whose squared length is {@code lengthSq}. */
  private static double distance(double px, double py, double ax, double ay, double bx, double by, double lengthSq) {
    double t = lengthSq > 0 ? ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / lengthSq : 0;
    t = Math.max(0, Math.min(1, t));
    double qx = ax + t * (bx - ax) - px;
    double qy = ay + t * (by - ay) - py;
    return Math.sqrt(qx * qx + qy * qy);
  }

  /** The polyline through the points in order; a non-finite point breaks it (no segment to or from it). */
  public static void polyline(Raster r, double[] x, double[] y, double width, int colour, double alpha) {
    for (int i = 1; i < x.length; i++) {
      segment(r, x[i - 1], y[i - 1], x[i], y[i], width, colour, alpha);
    }
  }

  /**
   * A polyline with x non-decreasing and more points than pixel columns, drawn summarized: in each
   * pixel column the span from the lowest to the highest point the line reaches there (its ends
   * interpolated at the column's edges), widened by half the width on each side. Where the line is
   * smooth this looks like {@link #polyline}; where it swings through many points per column it is the
   * envelope of the swing, at a cost that grows with the columns, not the points.
   */
  public static void columns(Raster r, double[] x, double[] y, double width, int colour, double alpha) {
    Columns c = Columns.of(r.width(), x, y, y);
    double half = width / 2;
    for (int i = c.first(); i <= c.last(); i++) {
      if (c.has(i)) {
        r.fillRect(i, c.top(i) - half, i + 1, c.bottom(i) + half, colour, alpha);
      }
    }
  }

  /**
   * The area between two polylines over the same x (non-decreasing; {@code top} above {@code bottom} on
   * the image, i.e. smaller y), filled per pixel column with anti-aliased ends.
   */
  public static void band(Raster r, double[] x, double[] top, double[] bottom, int colour, double alpha) {
    Columns c = Columns.of(r.width(), x, top, bottom);
    for (int i = c.first(); i <= c.last(); i++) {
      if (c.has(i)) {
        r.fillRect(i, c.top(i), i + 1, c.bottom(i), colour, alpha);
      }
    }
  }
}
