package org.phloem.runtime.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** Lines drawn by {@link Strokes}: the pixels on them are covered, the pixels away from them untouched. */
class StrokesTest {
  private static final int WHITE = 0xffffff;

  /** Distance from the centre of pixel (i, j) to the segment (ax, ay)–(bx, by). */
  private static double distance(int i, int j, double ax, double ay, double bx, double by) {
    double px = i + 0.5;
    double py = j + 0.5;
    double dx = bx - ax;
    double dy = by - ay;
    double len = dx * dx + dy * dy;
    double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
    return Math.hypot(ax + t * dx - px, ay + t * dy - py);
  }

  @Property(tries = 60)
  void aSegment_coversThePixelsOnIt_andNothingFarFromIt(@ForAll @DoubleRange(min = 2, max = 98) double ax,
      @ForAll @DoubleRange(min = 2, max = 58) double ay, @ForAll @DoubleRange(min = 2, max = 98) double bx,
      @ForAll @DoubleRange(min = 2, max = 58) double by, @ForAll @DoubleRange(min = 1, max = 4) double width) {
    Raster r = new Raster(100, 60, WHITE);
    Strokes.segment(r, ax, ay, bx, by, width, 0x000000, 1);
    for (int j = 0; j < r.height(); j++) {
      for (int i = 0; i < r.width(); i++) {
        double d = distance(i, j, ax, ay, bx, by);
        if (d <= width / 2 - 0.5) {
          assertEquals(0x000000, r.get(i, j), "pixel " + i + "," + j + " is inside the stroke (distance " + d + ")");
        } else if (d >= width / 2 + 0.5) {
          assertEquals(WHITE, r.get(i, j), "pixel " + i + "," + j + " is outside the stroke (distance " + d + ")");
        }
      }
    }
  }

  @Test
  void aHorizontalLine_isOnePixelRowWhenOnePixelWideOnAPixelCentre() {
    Raster r = new Raster(50, 20, WHITE);
    Strokes.segment(r, 5.5, 10.5, 44.5, 10.5, 1, 0x000000, 1);
    for (int i = 6; i <= 44; i++) {
      assertEquals(0x000000, r.get(i, 10), "on the line at x = " + i);
      assertEquals(WHITE, r.get(i, 8));
      assertEquals(WHITE, r.get(i, 12));
    }
  }

  @Test
  void aDenseZigzag_summarizedPerColumn_fillsItsEnvelopeAndNothingElse() {
    // 10,000 points swinging between y = 20 and y = 70 across 100 pixel columns
    int n = 10_000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int k = 0; k < n; k++) {
      x[k] = 100.0 * k / n;
      y[k] = k % 2 == 0 ? 20 : 70;
    }
    Raster r = new Raster(100, 90, WHITE);
    Strokes.columns(r, x, y, 2, 0x000000, 1);
    for (int i = 0; i < 100; i++) {
      for (int j = 20; j < 70; j++) {
        assertEquals(0x000000, r.get(i, j), "inside the swing at " + i + "," + j);
      }
      for (int j = 0; j < 18; j++) {
        assertEquals(WHITE, r.get(i, j), "above the swing at " + i + "," + j);
      }
      for (int j = 72; j < 90; j++) {
        assertEquals(WHITE, r.get(i, j), "below the swing at " + i + "," + j);
      }
    }
  }

  @Test
  void aBand_fillsBetweenItsEdges() {
    double[] x = {0, 50, 100};
    double[] top = {10, 20, 10};
    double[] bottom = {40, 50, 40};
    Raster r = new Raster(100, 60, WHITE);
    Strokes.band(r, x, top, bottom, 0x000000, 1);
    for (int i = 0; i < 100; i++) {
      double t = i + 0.5 < 50 ? 10 + (i + 0.5) / 5 : 20 - (i + 0.5 - 50) / 5;
      for (int j = 0; j < 60; j++) {
        if (j > t + 1.5 && j < t + 28.5) {
          assertEquals(0x000000, r.get(i, j), "inside the band at " + i + "," + j);
        } else if (j < t - 1.5 || j > t + 31.5) {
          assertEquals(WHITE, r.get(i, j), "outside the band at " + i + "," + j);
        }
      }
    }
  }

  @Test
  void nonFinitePoints_breakTheLine_withoutDrawingAnythingForThem() {
    Raster r = new Raster(60, 30, WHITE);
    double[] x = {5, 15, Double.NaN, 35, 45};
    double[] y = {10, 10, 10, 10, Double.POSITIVE_INFINITY};
    Strokes.polyline(r, x, y, 1, 0x000000, 1);
    Strokes.columns(r, x, y, 1, 0x000000, 1);
    assertTrue(r.get(10, 10) != WHITE, "the segment between the two finite points");
    assertEquals(WHITE, r.get(25, 10), "no segment to or from the NaN point");
    assertEquals(WHITE, r.get(40, 10), "no segment to the infinite point");
  }
}
