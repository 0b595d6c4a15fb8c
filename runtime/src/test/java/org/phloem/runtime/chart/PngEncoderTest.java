package org.phloem.runtime.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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
    Raster image = new Raster(width, height, 0xffffff);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        // runs of one colour (a chart's backgrounds) and noise (its anti-aliased edges)
        int rgb = random.nextInt(4) == 0 ? random.nextInt(1 << 24) : (x > 0 ? image.get(x - 1, y) : 0xffffff);
        image.blend(x, y, rgb, 1);
      }
    }
    assertSamePixels(image, decode(PngEncoder.encode(image)));
  }

  @Test
  void aRealChart_decodesToTheSamePixels() throws Exception {
    Raster chart = new HeatMap("c", java.util.List.of("a", "b", "c"), new double[][] {{1, 0.3, -0.9}, {0.3, 1, 0.1}, {-0.9, 0.1, 1}}, -1, 1,
        0x2166ac, 0xffffff, 0xb2182b).draw();
    assertSamePixels(chart, decode(PngEncoder.encode(chart)));
  }

  private static BufferedImage decode(byte[] png) throws Exception {
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
    assertNotNull(decoded, "ImageIO recognises the file as PNG");
    return decoded;
  }

  private static void assertSamePixels(Raster expected, BufferedImage actual) {
    assertEquals(expected.width(), actual.getWidth());
    assertEquals(expected.height(), actual.getHeight());
    for (int y = 0; y < expected.height(); y++) {
      for (int x = 0; x < expected.width(); x++) {
        assertEquals(expected.get(x, y), actual.getRGB(x, y) & 0xffffff, "pixel " + x + ", " + y);
      }
    }
  }
}
