package org.phloem.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;

/**
 * The correlation heat map with diagonals that are 1 only to rounding: what least-squares and Laplace
 * covariances give (cov/(sd·sd)), and what crashed XChart's colour lookup (rat42, hahn1, kirby2, ...).
 */
class CorrelationHeatMapTest {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /** The rendered heat map without its legend (the colour bar holds every colour of the range). */
  private static BufferedImage render(List<String> names, double[][] corr) {
    var chart = Plots.correlationChart(names, corr);
    chart.getStyler().setLegendVisible(false);
    return BitmapEncoder.getBufferedImage(chart);
  }

  private static boolean contains(BufferedImage img, java.awt.Color c) {
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void diagonalJustBelowOne_rendersWithThePlusOneColour() {
    double below = Math.nextDown(1.0);
    assertEquals(0.9999999999999999, below, 0);
    double[][] corr = {{below, 0.3, -0.2}, {0.3, below, 0.1}, {-0.2, 0.1, below}};
    BufferedImage img = render(List.of("b1", "b2", "b3"), corr);
    assertTrue(img.getWidth() >= 500);
    assertTrue(contains(img, Plots.POSITIVE), "the diagonal is drawn in the colour of +1");
    assertTrue(!contains(img, Plots.NEGATIVE), "no cell is near -1");
  }

  @Test
  void valuesBeyondPlusMinusOneByRounding_render() {
    double[][] corr = {{Math.nextUp(1.0), Math.nextUp(-1.0)}, {-Math.nextDown(1.0), 1}};
    BufferedImage img = render(List.of("a", "b"), corr);
    assertTrue(contains(img, Plots.POSITIVE));
    assertTrue(contains(img, Plots.NEGATIVE), "-0.9999999999999999 is drawn as -1");
  }

  @Test
  void colourSafe_snapsOnlyRoundingNeighboursOfPlusMinusOne() {
    assertEquals(1, Plots.colourSafe(0.9999999999999999), 0);
    assertEquals(1, Plots.colourSafe(1.0000000000000002), 0);
    assertEquals(-1, Plots.colourSafe(-0.9999999999999999), 0);
    assertEquals(0.999999, Plots.colourSafe(0.999999), 0);
    assertEquals(-0.5, Plots.colourSafe(-0.5), 0);
    assertTrue(Double.isNaN(Plots.colourSafe(Double.NaN)));
  }
}
