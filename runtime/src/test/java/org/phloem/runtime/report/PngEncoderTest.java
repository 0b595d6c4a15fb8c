package org.phloem.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The PNG files of {@link PngEncoder}, read back by ImageIO's decoder: every pixel as drawn. */
class PngEncoderTest {

  @Property(tries = 40)
  void anyImage_decodesToTheSamePixels(@ForAll @IntRange(min = 1, max = 70) int width, @ForAll @IntRange(min = 1, max = 40) int height,
      @ForAll long seed) throws Exception {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        // runs of one colour (a chart's backgrounds) and noise (its anti-aliased edges)
        int rgb = random.nextInt(4) == 0 ? random.nextInt(1 << 24) : (x > 0 ? image.getRGB(x - 1, y) & 0xffffff : 0xffffff);
        image.setRGB(x, y, rgb);
      }
    }
    assertSamePixels(image, decode(PngEncoder.encode(image)));
  }

  @Test
  void aRealChart_decodesToTheSamePixels() throws Exception {
    BufferedImage chart = org.knowm.xchart.BitmapEncoder.getBufferedImage(
        Plots.correlationChart(List.of("a", "b", "c"), new double[][] {{1, 0.3, -0.9}, {0.3, 1, 0.1}, {-0.9, 0.1, 1}}));
    assertSamePixels(chart, decode(PngEncoder.encode(chart)));
  }

  private static BufferedImage decode(byte[] png) throws Exception {
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
    assertNotNull(decoded, "ImageIO recognises the file as PNG");
    return decoded;
  }

  private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
    assertEquals(expected.getWidth(), actual.getWidth());
    assertEquals(expected.getHeight(), actual.getHeight());
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        assertEquals(expected.getRGB(x, y), actual.getRGB(x, y), "pixel " + x + ", " + y);
      }
    }
  }
}
