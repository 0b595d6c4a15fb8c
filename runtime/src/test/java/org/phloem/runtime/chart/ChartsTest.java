package org.phloem.runtime.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole charts: data lands where the axes say, and awkward data (NaN, infinities, empty, constant) is drawn or said, never a crash. */
class ChartsTest {
  private static final int RED = 0xff0000;

  @Test
  void aPoint_landsAtThePixelTheAxesMapItTo() {
    XyChart chart = new XyChart(600, 400, "t", "x", "y").noLegend()
        .points(new double[] {0, 10, 3.3}, new double[] {-5, 20, 7.7}, null, RED, 1, 2.5, RED, 0, "p");
    Raster r = chart.draw();
    PlotArea a = chart.area();
    for (double[] p : new double[][] {{0, -5}, {10, 20}, {3.3, 7.7}}) {
      int i = (int) Math.floor(a.px(p[0]));
      int j = (int) Math.floor(a.py(p[1]));
      assertTrue(i > a.left() && i < a.right() && j > a.top() && j < a.bottom(), "inside the plot area");
      assertEquals(RED, r.get(i, j), "the disc of (" + p[0] + ", " + p[1] + ") at pixel " + i + "," + j);
      assertEquals(RED, r.get(i + 1, j + 1));
      assertTrue(r.get(i + 6, j) != RED && r.get(i, j - 6) != RED, "and only around it");
    }
    // the mapping is the axis's: x = 0 and x = 10 are 10 units apart in pixels as in the plot's width
    double perUnit = (a.px(10) - a.px(0)) / 10;
    assertEquals(a.px(3.3), a.px(0) + 3.3 * perUnit, 1e-9);
    assertTrue(a.py(20) < a.py(-5), "y grows upwards");
  }

  @Test
  void aLineWithMorePointsThanColumns_isDrawnFromEndToEnd() {
    int n = 20_000;
    double[] x = new double[n];
    double[] y = new double[n];
    for (int k = 0; k < n; k++) {
      x[k] = k;
      y[k] = Math.sin(k / 300.0) + (k % 2 == 0 ? 0.3 : -0.3);
    }
    XyChart chart = new XyChart(700, 400, "dense", "x", "y").line(x, y, RED, 2, "model");
    Raster r = chart.draw();
    PlotArea a = chart.area();
    int from = (int) Math.ceil(a.px(0));
    int to = (int) Math.floor(a.px(n - 1));
    // every column holds at least the ±0.3 swing between neighbouring points: no gaps, no thin spots
    double swing = a.py(0) - a.py(0.6);
    for (int i = from; i < to; i++) {
      int count = 0;
      for (int j = a.top(); j < a.bottom(); j++) {
        count += r.get(i, j) == RED ? 1 : 0;
      }
      assertTrue(count >= swing - 1, "column " + i + " holds the swing of " + swing + " px: " + count + " px");
    }
  }

  @Test
  void nonFiniteValues_areLeftOut_andTheLegendSaysHowMany() {
    double[] x = {1, 2, 3, 4, 5, Double.NaN};
    double[] y = {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 2, 4};
    double[] sd = {0.1, 0.1, Double.NaN, 0.1, Double.NEGATIVE_INFINITY, 0.1};
    XyChart chart = new XyChart(600, 400, "t", "x", "y").points(x, y, sd, RED, 1, 2.5, RED, 0.5, "observed ±1σ")
        .band(x, y, y, 0x0000ff, 0.3, "band").line(x, y, 0x00ff00, 2, "modelled");
    chart.draw();
    assertTrue(chart.notes().contains("3 non-finite values of observed not drawn"), chart.notes().toString());
    assertTrue(chart.notes().contains("3 non-finite values of modelled not drawn"), chart.notes().toString());
  }

  @Test
  void emptyAndConstantSeries_draw_andAnEmptyChartSaysSo() {
    XyChart empty = new XyChart(600, 400, "nothing", "x", "y").line(new double[0], new double[0], RED, 2, "m");
    Raster r = empty.draw();
    assertEquals(600, r.width());
    XyChart allNaN = new XyChart(600, 400, "nothing", "x", "y").line(new double[] {1, 2}, new double[] {Double.NaN, Double.NaN}, RED, 2, "m");
    allNaN.draw();
    assertTrue(allNaN.notes().contains("m: no finite values"), allNaN.notes().toString());
    XyChart constant = new XyChart(600, 400, "flat", "x", "y").line(new double[] {0, 1, 2}, new double[] {5, 5, 5}, RED, 2, "m");
    Raster c = constant.draw();
    PlotArea a = constant.area();
    assertTrue(a.py(5) > a.top() && a.py(5) < a.bottom(), "a constant is drawn inside the plot");
    assertEquals(RED, c.get((int) a.px(1), (int) Math.floor(a.py(5))));
    XyChart single = new XyChart(600, 400, "one", "x", "y").points(new double[] {3}, new double[] {0}, new double[] {0}, RED, 1, 2.5, RED, 1, "o");
    single.draw();
  }

  @Test
  void bars_standOnZero_andNonFiniteBarsAreSaid() {
    List<String> names = new ArrayList<>();
    double[] v = new double[30];
    for (int i = 0; i < 30; i++) {
      names.add("a_rather_long_parameter_name_" + i);
      v[i] = i % 7 == 0 ? Double.NaN : i / 10.0;
    }
    Raster r = new BarChart(900, 500, "bars", "parameter", "value", names).series("v", v, RED).draw();
    assertEquals(900, r.width());
    Raster few = new BarChart(900, 500, "bars", "p", "v", List.of("a", "b")).series("v", new double[] {1, -1}, RED).draw();
    assertEquals(500, few.height());
  }

  @Test
  void aLargeHeatMap_drawsWithoutValuesInItsCells() {
    int n = 60;
    List<String> names = new ArrayList<>();
    double[][] c = new double[n][n];
    for (int i = 0; i < n; i++) {
      names.add("slot_" + i);
      for (int j = 0; j < n; j++) {
        c[i][j] = i == j ? Math.nextDown(1.0) : Math.sin(i * j);
      }
    }
    HeatMap map = new HeatMap("big", names, c, -1, 1, 0x0000ff, 0xffffff, RED);
    Raster r = map.draw();
    assertTrue(r.width() >= 500 && r.height() >= 450);
    assertEquals(RED, map.colour(Math.nextDown(1.0)));
    assertEquals(0x0000ff, map.colour(-1.0000000000000002));
    assertEquals(0xffffff, map.colour(0));
  }
}
