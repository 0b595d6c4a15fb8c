package org.phloem.runtime.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Text from the glyph atlas lands inside its box, and is shortened to fit. */
class TextTest {
  private static final int WHITE = 0xffffff;

  /** The inked pixels' bounds: {minX, minY, maxX, maxY}, or null when nothing was drawn. */
  private static int[] ink(Raster r) {
    int[] b = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
    for (int j = 0; j < r.height(); j++) {
      for (int i = 0; i < r.width(); i++) {
        if (r.get(i, j) != WHITE) {
          b[0] = Math.min(b[0], i);
          b[1] = Math.min(b[1], j);
          b[2] = Math.max(b[2], i);
          b[3] = Math.max(b[3], j);
        }
      }
    }
    return b[2] < 0 ? null : b;
  }

  @Test
  void text_landsInsideItsBox() {
    for (Text.Font f : Text.Font.values()) {
      String s = "nee [g C m⁻² d⁻¹] ±2σ, 0.97 (p9)";
      Raster r = new Raster(500, 60, WHITE);
      int x = 20;
      int baseline = 35;
      Text.draw(r, f, s, x, baseline, 0x000000);
      int[] b = ink(r);
      assertTrue(b != null, "something is drawn");
      assertTrue(b[0] >= x - 1 && b[2] <= x + Text.width(f, s), f + ": inked x " + b[0] + ".." + b[2] + " inside " + x + ".." + (x + Text.width(f, s)));
      assertTrue(b[1] >= baseline - f.ascent() && b[3] <= baseline + f.descent(), f + ": inked y " + b[1] + ".." + b[3]);
      assertTrue(b[2] - b[0] > Text.width(f, s) * 0.8, "the text spans most of its width");
    }
  }

  @Test
  void upwardText_landsInsideItsTurnedBox() {
    Text.Font f = Text.Font.LABEL;
    String s = "sd / prior sd";
    Raster r = new Raster(60, 300, WHITE);
    int baseline = 30;
    int y = 250;
    Text.drawUp(r, f, s, baseline, y, 0x000000);
    int[] b = ink(r);
    assertTrue(b != null);
    assertTrue(b[0] >= baseline - f.ascent() && b[2] <= baseline + f.descent(), "across the baseline: " + b[0] + ".." + b[2]);
    assertTrue(b[1] >= y - Text.width(f, s) - 1 && b[3] <= y, "along the text: " + b[1] + ".." + b[3]);
    assertTrue(b[3] - b[1] > Text.width(f, s) * 0.8, "the text spans most of its length");
  }

  @Test
  void fit_shortensWithAnEllipsis_toTheWidthGiven() {
    String s = "a very long observation label that cannot fit in a legend of this width";
    String fitted = Text.fit(Text.Font.SMALL, s, 120);
    assertTrue(Text.width(Text.Font.SMALL, fitted) <= 120, fitted);
    assertTrue(fitted.endsWith("…") && s.startsWith(fitted.substring(0, fitted.length() - 1)), fitted);
    assertEquals("short", Text.fit(Text.Font.SMALL, "short", 120));
  }

  @Test
  void aCharacterTheAtlasLacks_isDrawnAsAQuestionMark_notACrash() {
    Raster a = new Raster(40, 30, WHITE);
    Raster b = new Raster(40, 30, WHITE);
    Text.draw(a, Text.Font.SMALL, "\u4e2d", 5, 20, 0);
    Text.draw(b, Text.Font.SMALL, "?", 5, 20, 0);
    for (int j = 0; j < 30; j++) {
      for (int i = 0; i < 40; i++) {
        assertEquals(b.get(i, j), a.get(i, j));
      }
    }
  }
}
