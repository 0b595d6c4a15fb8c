package org.phloem.runtime.chart;

/** Markers of single points: an anti-aliased disc, and an error bar with short caps. */
public final class Marks {
  private Marks() {}

  /**
   * A filled disc of {@code radius} pixels centred on the pixel that holds (cx, cy), anti-aliased by the
   * coverage of each pixel around it (computed once per radius: a plot stamps thousands of them).
   */
  public static void disc(Raster r, double cx, double cy, double radius, int colour, double alpha) {
    if (!Double.isFinite(cx) || !Double.isFinite(cy) || Math.abs(cx) > 1e9 || Math.abs(cy) > 1e9) {
      return;
    }
    double[] mask = mask(radius);
    int size = (int) Math.round(Math.sqrt(mask.length));
    int half = size / 2;
    int x0 = (int) Math.floor(cx) - half;
    int y0 = (int) Math.floor(cy) - half;
    for (int j = 0; j < size; j++) {
      for (int i = 0; i < size; i++) {
        double coverage = mask[j * size + i];
        if (coverage > 0) {
          r.blend(x0 + i, y0 + j, colour, alpha * coverage);
        }
      }
    }
  }

  private static final java.util.Map<Double, double[]> MASKS = new java.util.concurrent.ConcurrentHashMap<>();

  /** The coverage of each pixel of a (2h+1)² square by a disc of {@code radius} at its centre pixel's centre. */
  private static double[] mask(double radius) {
    return MASKS.computeIfAbsent(radius, rad -> {
      int half = (int) Math.ceil(rad + 0.5);
      int size = 2 * half + 1;
      double[] m = new double[size * size];
      for (int j = 0; j < size; j++) {
        for (int i = 0; i < size; i++) {
          double d = Math.hypot(i - half, j - half);
          m[j * size + i] = Math.max(0, Math.min(1, rad + 0.5 - d));
        }
      }
      return m;
    });
  }

  /** A vertical bar at x = cx from y {@code top} to {@code bottom}, with caps {@code cap} pixels wide. */
  public static void errorBar(Raster r, double cx, double top, double bottom, double cap, int colour, double alpha) {
    if (!Double.isFinite(cx) || !Double.isFinite(top) || !Double.isFinite(bottom)) {
      return;
    }
    double lo = Math.min(top, bottom);
    double hi = Math.max(top, bottom);
    r.fillRect(cx - 0.5, lo + 0.5, cx + 0.5, hi - 0.5, colour, alpha); // the caps cover the ends
    r.fillRect(cx - cap / 2, lo - 0.5, cx + cap / 2, lo + 0.5, colour, alpha);
    r.fillRect(cx - cap / 2, hi - 0.5, cx + cap / 2, hi + 0.5, colour, alpha);
  }
}
