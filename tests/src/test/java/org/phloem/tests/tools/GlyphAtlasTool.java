package org.phloem.tests.tools;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Regenerates the glyph atlas that the runtime's plots draw their text from
 * (runtime/src/main/resources/org/phloem/runtime/chart/dejavu-sans.glyphs; format and provenance in the
 * README beside it). A developer's tool, run by hand when the sizes or the characters change; it uses
 * Java2D once here so that a fit never has to:
 *
 * <pre>
 *   java tests/src/test/java/org/phloem/tests/tools/GlyphAtlasTool.java \
 *       /usr/share/fonts/truetype/dejavu runtime/src/main/resources/org/phloem/runtime/chart/dejavu-sans.glyphs
 * </pre>
 *
 * (the font folder is Debian's fonts-dejavu-core 2.37). Each glyph is rendered anti-aliased in grey
 * levels (no sub-pixel colour), with integer advances, cropped to its inked pixels.
 */
public final class GlyphAtlasTool {
  /** The faces and pixel sizes in the atlas: tick labels and legend, axis titles, chart titles. */
  private static final Object[][] FACES = {{"DejaVuSans.ttf", 12}, {"DejaVuSans-Bold.ttf", 13}, {"DejaVuSans-Bold.ttf", 15}};

  private GlyphAtlasTool() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: GlyphAtlasTool FONT_FOLDER OUT_FILE");
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeBytes("PHGLYPH1");
      out.writeInt(FACES.length);
      for (Object[] face : FACES) {
        Font base = Font.createFont(Font.TRUETYPE_FONT, new File(args[0], (String) face[0]));
        write(out, (String) face[0], base.deriveFont((float) (int) (Integer) face[1]), (Integer) face[1]);
      }
    }
    try (OutputStream file = Files.newOutputStream(Path.of(args[1]));
        DeflaterOutputStream z = new DeflaterOutputStream(file, new Deflater(Deflater.BEST_COMPRESSION))) {
      z.write(bytes.toByteArray());
    }
    System.out.println("wrote " + args[1]);
  }

  /** The characters drawn: printable ASCII, Latin-1, Greek, super- and subscript digits, common symbols. */
  static List<Integer> characters(Font font) {
    List<Integer> cps = new ArrayList<>();
    addRange(cps, 0x20, 0x7e);
    addRange(cps, 0xa0, 0xff);
    addRange(cps, 0x391, 0x3a9);
    addRange(cps, 0x3b1, 0x3c9);
    addRange(cps, 0x2070, 0x208e);
    for (int c : new int[] {0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2026, 0x2030, 0x2032, 0x2033, 0x2190, 0x2192,
        0x2202, 0x2206, 0x2211, 0x2212, 0x221a, 0x221e, 0x2248, 0x2260, 0x2264, 0x2265, 0x00d7, 0x22c5, 0x2009, 0x202f}) {
      cps.add(c);
    }
    cps.removeIf(c -> !font.canDisplay(c));
    return cps.stream().distinct().sorted().toList();
  }

  private static void addRange(List<Integer> cps, int from, int to) {
    for (int c = from; c <= to; c++) {
      cps.add(c);
    }
  }

  private static void write(DataOutputStream out, String name, Font font, int size) throws IOException {
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D pg = probe.createGraphics();
    hints(pg);
    FontMetrics fm = pg.getFontMetrics(font);
    List<Integer> cps = characters(font);
    out.writeUTF(name);
    out.writeInt(size);
    out.writeInt(fm.getAscent());
    out.writeInt(fm.getDescent());
    out.writeInt(fm.getHeight());
    out.writeInt(cps.size());
    int canvas = 4 * size;
    int baseline = 2 * size;
    int origin = size;
    for (int cp : cps) {
      BufferedImage img = new BufferedImage(canvas, canvas, BufferedImage.TYPE_BYTE_GRAY);
      Graphics2D g = img.createGraphics();
      hints(g);
      g.setFont(font);
      g.setColor(java.awt.Color.WHITE);
      String s = new String(Character.toChars(cp));
      g.drawString(s, origin, baseline);
      g.dispose();
      int x0 = canvas;
      int y0 = canvas;
      int x1 = -1;
      int y1 = -1;
      byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
      for (int y = 0; y < canvas; y++) {
        for (int x = 0; x < canvas; x++) {
          if (px[y * canvas + x] != 0) {
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x);
            y1 = Math.max(y1, y);
          }
        }
      }
      int w = x1 < 0 ? 0 : x1 - x0 + 1;
      int h = y1 < 0 ? 0 : y1 - y0 + 1;
      out.writeInt(cp);
      out.writeInt(fm.stringWidth(s));
      out.writeInt(x1 < 0 ? 0 : x0 - origin);
      out.writeInt(y1 < 0 ? 0 : y0 - baseline);
      out.writeInt(w);
      out.writeInt(h);
      for (int y = 0; y < h; y++) {
        out.write(px, (y0 + y) * canvas + x0, w);
      }
    }
    pg.dispose();
  }

  private static void hints(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
  }
}
