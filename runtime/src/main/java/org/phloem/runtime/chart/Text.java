package org.phloem.runtime.chart;

/**
 * Text drawn from the {@link GlyphAtlas}: measured, drawn left to right or rotated to run upwards (a y
 * axis title), and shortened with an ellipsis to fit a width. Positions are the pen's start on the
 * baseline; {@link Font#ascent} and {@link Font#descent} give the box around it.
 */
public final class Text {
  private Text() {}

  /** The faces of the atlas, by what the charts use them for. */
  public enum Font {
    /** 12 px regular: tick labels, legend entries, values in cells. */
    SMALL(0),
    /** 13 px bold: axis titles. */
    LABEL(1),
    /** 15 px bold: chart titles. */
    TITLE(2);

    private final int index;

    Font(int index) {
      this.index = index;
    }

    GlyphAtlas.Face face() {
      return GlyphAtlas.face(index);
    }

    /** Pixels above the baseline that the face's tallest letters reach. */
    public int ascent() {
      return face().ascent();
    }

    /** Pixels below the baseline. */
    public int descent() {
      return face().descent();
    }
  }

  /** The advance of {@code s} in pixels. */
  public static int width(Font font, String s) {
    GlyphAtlas.Face face = font.face();
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += face.glyph(cp).advance();
      i += Character.charCount(cp);
    }
    return w;
  }

  /** {@code s}, or as much of it as fits {@code maxWidth} pixels followed by "…". */
  public static String fit(Font font, String s, int maxWidth) {
    if (width(font, s) <= maxWidth) {
      return s;
    }
    int end = s.length();
    while (end > 0 && width(font, s.substring(0, end) + "…") > maxWidth) {
      end = Character.isLowSurrogate(s.charAt(end - 1)) && end > 1 ? end - 2 : end - 1;
    }
    return s.substring(0, end) + "…";
  }

  /** Draws {@code s} from (x, baseline), left to right. */
  public static void draw(Raster r, Font font, String s, int x, int baseline, int colour) {
    glyphs(r, font, s, x, baseline, colour, false);
  }

  /** Draws {@code s} centred on x, on {@code baseline}. */
  public static void drawCentred(Raster r, Font font, String s, int x, int baseline, int colour) {
    draw(r, font, s, x - width(font, s) / 2, baseline, colour);
  }

  /**
   * Draws {@code s} turned a quarter left, running upwards from (baseline, y): the baseline is the
   * vertical line at x = {@code baseline}, the letters stand to its left.
   */
  public static void drawUp(Raster r, Font font, String s, int baseline, int y, int colour) {
    glyphs(r, font, s, y, baseline, colour, true);
  }

  /**
   * The glyphs of {@code s} with the pen starting at {@code pen} along the text and the baseline at
   * {@code baseline} across it: upright (pen is x, moving right) or turned (pen is y, moving up).
   */
  private static void glyphs(Raster r, Font font, String s, int pen, int baseline, int colour, boolean up) {
    GlyphAtlas.Face face = font.face();
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      GlyphAtlas.Glyph g = face.glyph(cp);
      for (int gy = 0; gy < g.height(); gy++) {
        for (int gx = 0; gx < g.width(); gx++) {
          int a = g.alpha()[gy * g.width() + gx] & 0xff;
          if (a == 0) {
            continue;
          }
          if (up) {
            // along the text (gx) is up the image, below the baseline (gy) is to the right
            r.blend(baseline + g.top() + gy, pen - g.left() - gx - 1, colour, a / 255.0);
          } else {
            r.blend(pen + g.left() + gx, baseline + g.top() + gy, colour, a / 255.0);
          }
        }
      }
      pen += up ? -g.advance() : g.advance();
      i += Character.charCount(cp);
    }
  }
}
