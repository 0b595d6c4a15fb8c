package org.phloem.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.chart.Raster;

/**
 * The correlation heat map with diagonals that are 1 only to rounding: what least-squares and Laplace
 * covariances give (cov/(sd·sd)), and what crashed the chart library's colour lookup before (rat42,
 * hahn1, kirby2, ...).
 */
class CorrelationHeatMapTest {

  /** Whether any cell (not the colour bar, right of the cells) has colour c. */
  private static boolean inCells(Raster img, int c, int cells) {
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < cells; x++) {
        if (img.get(x, y) == c) {
          return true;
        }
      }
    }
    return false;
  }

  /** The right edge of the cells: the colour bar starts 30 px right of them. */
  private static int cellsEnd(Raster img) {
    return img.width() - 100;
  }

  @Test
  void diagonalJustBelowOne_rendersWithThePlusOneColour() {
    double below = Math.nextDown(1.0);
    assertEquals(0.9999999999999999, below, 0);
    double[][] corr = {{below, 0.3, -0.2}, {0.3, below, 0.1}, {-0.2, 0.1, below}};
    var map = Plots.correlationChart(List.of("b1", "b2", "b3"), corr);
    Raster img = map.draw();
    assertTrue(img.width() >= 500);
    assertEquals(Plots.POSITIVE, map.colour(below), "0.9999999999999999 has the colour of +1");
    assertTrue(inCells(img, Plots.POSITIVE, cellsEnd(img)), "the diagonal is drawn in the colour of +1");
    assertTrue(!inCells(img, Plots.NEGATIVE, cellsEnd(img)), "no cell is near -1");
  }

  @Test
  void valuesBeyondPlusMinusOneByRounding_render() {
    double[][] corr = {{Math.nextUp(1.0), Math.nextUp(-1.0)}, {-Math.nextDown(1.0), 1}};
    var map = Plots.correlationChart(List.of("a", "b"), corr);
    Raster img = map.draw();
    assertEquals(Plots.POSITIVE, map.colour(Math.nextUp(1.0)), "1.0000000000000002 is drawn as +1");
    assertEquals(Plots.NEGATIVE, map.colour(-Math.nextDown(1.0)), "-0.9999999999999999 is drawn as -1");
    assertTrue(inCells(img, Plots.POSITIVE, cellsEnd(img)));
    assertTrue(inCells(img, Plots.NEGATIVE, cellsEnd(img)));
  }

  @Test
  void aMissingCorrelation_isAGreyCell_notACrash() {
    double[][] corr = {{1, Double.NaN}, {Double.NaN, 1}};
    var map = Plots.correlationChart(List.of("a", "b"), corr);
    Raster img = map.draw();
    assertTrue(inCells(img, org.phloem.runtime.chart.HeatMap.MISSING_COLOUR, cellsEnd(img)));
  }
}
