package org.phloem.runtime.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * The legend box: one row per entry, a swatch drawn the way the series is (a disc, a line, a filled
 * box) and its label; below the rows, notes in grey (what was left out of the plot and why).
 */
final class Legend {
  /** How an entry's swatch looks. */
  enum Swatch { DISC, LINE, BOX }

  record Entry(Swatch swatch, int colour, double alpha, String label) {}

  private static final int ROW = 22;
  private static final int SWATCH = 26;
  private static final int PAD = 10;
  /** The widest a legend may grow; longer labels are shortened with "…". */
  static final int MAX_WIDTH = 300;

  private final List<Entry> entries = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  void add(Entry e) {
    entries.add(e);
  }

  void note(String text) {
    notes.add(text);
  }

  List<String> notes() {
    return List.copyOf(notes);
  }

  boolean isEmpty() {
    return entries.isEmpty() && notes.isEmpty();
  }

  int width() {
    int w = 0;
    for (Entry e : entries) {
      w = Math.max(w, SWATCH + 8 + Text.width(Text.Font.SMALL, e.label()));
    }
    for (String n : notes) {
      w = Math.max(w, Text.width(Text.Font.SMALL, n));
    }
    return Math.min(MAX_WIDTH, w + 2 * PAD);
  }

  int height() {
    return ROW * (entries.size() + notes.size()) + 2 * PAD - 4;
  }

  /** The box with its top-left corner at (x, y). */
  void draw(Raster r, int x, int y) {
    int w = width();
    int h = height();
    r.fillRect(x, y, x + w, y + h, 0xffffff, 1);
    r.outline(x + 1, y + 1, x + w - 1, y + h - 1, PlotArea.FRAME);
    Text.Font f = Text.Font.SMALL;
    int row = y + PAD;
    for (Entry e : entries) {
      double mid = row + ROW / 2.0 - 2;
      int sx = x + PAD;
      switch (e.swatch()) {
        case DISC -> Marks.disc(r, sx + SWATCH / 2.0, mid, 3, e.colour(), e.alpha());
        case LINE -> r.fillRect(sx, mid - 1, sx + SWATCH, mid + 1, e.colour(), e.alpha());
        case BOX -> r.fillRect(sx + 3, mid - 8, sx + SWATCH - 3, mid + 8, e.colour(), e.alpha());
      }
      String label = Text.fit(f, e.label(), w - 2 * PAD - SWATCH - 8);
      Text.draw(r, f, label, sx + SWATCH + 8, (int) Math.round(mid + (f.ascent() - f.descent()) / 2.0), PlotArea.TEXT);
      row += ROW;
    }
    for (String n : notes) {
      double mid = row + ROW / 2.0 - 2;
      Text.draw(r, f, Text.fit(f, n, w - 2 * PAD), x + PAD, (int) Math.round(mid + (f.ascent() - f.descent()) / 2.0), 0x707070);
      row += ROW;
    }
  }
}
