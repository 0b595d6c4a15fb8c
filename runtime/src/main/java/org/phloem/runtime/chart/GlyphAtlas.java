package org.phloem.runtime.chart;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.InflaterInputStream;

/**
 * The glyphs of DejaVu Sans, pre-rendered (anti-aliased grey levels) at the few sizes the charts use,
 * read once from the resource {@code dejavu-sans.glyphs} (its format, provenance and licence are in the
 * README beside it; tests/.../tools/GlyphAtlasTool regenerates it). The charts draw text from here so
 * that a fit never loads Java2D's font machinery.
 */
final class GlyphAtlas {
  /** One glyph: its advance, its bitmap's offset from the pen (y down from the baseline) and its coverage bytes. */
  record Glyph(int advance, int left, int top, int width, int height, byte[] alpha) {}

  /** One face at one size. */
  record Face(int size, int ascent, int descent, int lineHeight, Map<Integer, Glyph> glyphs) {
    /** The glyph of {@code codePoint}, or of '?' when the atlas has none. */
    Glyph glyph(int codePoint) {
      Glyph g = glyphs.get(codePoint);
      return g != null ? g : glyphs.get((int) '?');
    }
  }

  private static final Face[] FACES = load();

  private GlyphAtlas() {}

  /** The faces in the order the atlas holds them: 12 px regular, 13 px bold, 15 px bold. */
  static Face face(int index) {
    return FACES[index];
  }

  private static Face[] load() {
    try (InputStream raw = GlyphAtlas.class.getResourceAsStream("dejavu-sans.glyphs")) {
      if (raw == null) {
        throw new IllegalStateException("the glyph atlas dejavu-sans.glyphs is missing from the class path");
      }
      DataInputStream in = new DataInputStream(new InflaterInputStream(raw));
      byte[] magic = new byte[8];
      in.readFully(magic);
      if (!new String(magic, java.nio.charset.StandardCharsets.US_ASCII).equals("PHGLYPH1")) {
        throw new IllegalStateException("dejavu-sans.glyphs is not a glyph atlas of version 1");
      }
      Face[] faces = new Face[in.readInt()];
      for (int f = 0; f < faces.length; f++) {
        in.readUTF(); // the font file's name, for people reading the atlas
        int size = in.readInt();
        int ascent = in.readInt();
        int descent = in.readInt();
        int lineHeight = in.readInt();
        int count = in.readInt();
        Map<Integer, Glyph> glyphs = new HashMap<>(2 * count);
        for (int g = 0; g < count; g++) {
          int cp = in.readInt();
          int advance = in.readInt();
          int left = in.readInt();
          int top = in.readInt();
          int w = in.readInt();
          int h = in.readInt();
          byte[] alpha = new byte[w * h];
          in.readFully(alpha);
          glyphs.put(cp, new Glyph(advance, left, top, w, h, alpha));
        }
        faces[f] = new Face(size, ascent, descent, lineHeight, glyphs);
      }
      return faces;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the glyph atlas dejavu-sans.glyphs", e);
    }
  }
}
