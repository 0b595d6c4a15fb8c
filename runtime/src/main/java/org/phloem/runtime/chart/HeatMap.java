package org.phloem.runtime.chart;

import java.util.List;
import java.util.Locale;

/**
 * A square matrix as coloured cells (first row at the top), each value mapped linearly from
 * {@code min} (the first colour) through the middle colour to {@code max} (the last) and clamped to
 * that range, so a value a rounding error beyond it (a correlation of 1.0000000000000002) gets the end
 * colour. A non-finite value is a grey cell marked "NA". Row labels on the left, column labels under
 * the cells, values written in the cells when they are few enough to read, a colour bar on the right.
 */
public final class HeatMap {
  private static final int MARGIN = 10;
  /** Grey of a cell without a value. */
  public static final int MISSING_COLOUR = 0xbdbdbd;

  private final String title;
  private final List<String> names;
  private final double[][] values;
  private final double min;
  private final double max;
  private final int[] colours;

  /** The matrix {@code values} (rows and columns both {@code names}) over [min, max], three colours low–middle–high. */
  public HeatMap(String title, List<String> names, double[][] values, double min, double max, int low, int middle, int high) {
    this.title = title;
    this.names = List.copyOf(names);
    this.values = values;
    this.min = min;
    this.max = max;
    this.colours = new int[] {low, middle, high};
  }

  /** The colour of {@code v}: clamped to the range, between the three colours; grey when not finite. */
  public int colour(double v) {
    if (!Double.isFinite(v)) {
      return MISSING_COLOUR;
    }
    double t = Math.max(0, Math.min(1, (v - min) / (max - min)));
    return t <= 0.5 ? Raster.mix(colours[0], colours[1], 2 * t) : Raster.mix(colours[1], colours[2], 2 * t - 1);
  }

  public Raster draw() {
    int n = names.size();
    Text.Font tf = Text.Font.TITLE;
    Text.Font sf = Text.Font.SMALL;
    int widest = 0;
    for (String s : names) {
      widest = Math.max(widest, Text.width(sf, s));
    }
    widest = Math.min(widest, 140);
    // a few parameters get large cells (the matrix about 360 px across), many get smaller ones down to 12 px
    int cell = n <= 12 ? Math.max(46, Math.min(120, 360 / Math.max(1, n))) : Math.max(12, Math.min(40, 700 / Math.max(1, n)));
    boolean turned = widest > cell - 4;
    int labelHeight = turned ? widest : sf.ascent() + sf.descent();
    int left = MARGIN + widest + PlotArea.GAP + 4;
    int top = MARGIN + tf.ascent() + tf.descent() + 12;
    int grid = cell * n;
    int barLeft = left + grid + 30;
    int barWidth = 20;
    int width = Math.max(500, barLeft + barWidth + 10 + Text.width(sf, "-0.5") + 2 * MARGIN);
    int height = Math.max(450, top + grid + PlotArea.GAP + labelHeight + 2 * MARGIN);
    Raster r = new Raster(width, height, 0xffffff);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = values[i][j];
        int x = left + j * cell;
        int y = top + i * cell;
        int c = colour(v);
        r.fillRect(x, y, x + cell, y + cell, c, 1);
        if (n <= 12) {
          String s = Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "NA";
          // white text on the dark ends of the scale, dark text elsewhere
          int ink = brightness(c) < 140 ? 0xffffff : PlotArea.TEXT;
          Text.drawCentred(r, sf, s, x + cell / 2, y + cell / 2 + (sf.ascent() - sf.descent()) / 2, ink);
        }
      }
    }
    r.outline(left, top, left + grid, top + grid, PlotArea.FRAME);
    for (int i = 0; i < n; i++) {
      String s = Text.fit(sf, names.get(i), widest);
      int mid = top + i * cell + cell / 2;
      Text.draw(r, sf, s, left - PlotArea.GAP - Text.width(sf, s), mid + (sf.ascent() - sf.descent()) / 2, PlotArea.TEXT);
      int x = left + i * cell + cell / 2;
      if (turned) {
        Text.drawUp(r, sf, s, x + (sf.ascent() - sf.descent()) / 2, top + grid + PlotArea.GAP + Text.width(sf, s), PlotArea.TEXT);
      } else {
        Text.drawCentred(r, sf, s, x, top + grid + PlotArea.GAP + sf.ascent(), PlotArea.TEXT);
      }
    }
    colourBar(r, barLeft, top, barWidth, Math.max(grid, 200));
    PlotArea.title(r, title, left + grid / 2, MARGIN);
    return r;
  }

  /** The scale from min (bottom) to max (top), with five labelled ticks. */
  private void colourBar(Raster r, int x, int top, int w, int h) {
    for (int y = 0; y < h; y++) {
      double v = max - (max - min) * (y + 0.5) / h;
      r.fillRect(x, top + y, x + w, top + y + 1, colour(v), 1);
    }
    r.outline(x, top, x + w, top + h, PlotArea.FRAME);
    Text.Font sf = Text.Font.SMALL;
    for (int k = 0; k <= 4; k++) {
      double v = min + (max - min) * k / 4;
      int y = (int) Math.round(top + h - h * k / 4.0);
      r.fillRect(x + w + 1, y, x + w + 5, y + 1, PlotArea.FRAME, 1);
      String s = Ticks.over(min, max, 4).values().length == 5 ? trim(v) : String.format(Locale.ROOT, "%.2g", v);
      Text.draw(r, sf, s, x + w + 8, y + (sf.ascent() - sf.descent()) / 2, PlotArea.TEXT);
    }
  }

  private static String trim(double v) {
    String s = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    return s;
  }

  private static int brightness(int rgb) {
    return (299 * ((rgb >> 16) & 0xff) + 587 * ((rgb >> 8) & 0xff) + 114 * (rgb & 0xff)) / 1000;
  }
}
