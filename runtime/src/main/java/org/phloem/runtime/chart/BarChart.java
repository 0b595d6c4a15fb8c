package org.phloem.runtime.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Grouped bars: one group per category along x, one bar per series in each group, from zero to the
 * value. Category labels stand under their group, turned to run upwards when they do not fit side by
 * side. Non-finite values get no bar, and the legend says how many.
 */
public final class BarChart {
  private static final int MARGIN = 10;
  /** The longest a turned category label may be, in pixels (longer ones end in "…"). */
  private static final int MAX_LABEL = 140;

  private final int width;
  private final int height;
  private final String title;
  private final String xTitle;
  private final String yTitle;
  private final List<String> categories;
  private final List<Series> series = new ArrayList<>();

  private record Series(String label, double[] values, int colour) {}

  public BarChart(int width, int height, String title, String xTitle, String yTitle, List<String> categories) {
    this.width = width;
    this.height = height;
    this.title = title;
    this.xTitle = xTitle;
    this.yTitle = yTitle;
    this.categories = List.copyOf(categories);
  }

  /** A series: one value per category. */
  public BarChart series(String label, double[] values, int colour) {
    if (values.length != categories.size()) {
      throw new IllegalArgumentException(values.length + " values for " + categories.size() + " categories");
    }
    series.add(new Series(label, values, colour));
    return this;
  }

  public Raster draw() {
    Raster r = new Raster(width, height, 0xffffff);
    Span ys = new Span();
    ys.add(0);
    Legend key = new Legend();
    int missing = 0;
    for (Series s : series) {
      key.add(new Legend.Entry(Legend.Swatch.BOX, s.colour(), 1, s.label()));
      for (double v : s.values()) {
        ys.add(v);
        missing += Double.isFinite(v) ? 0 : 1;
      }
    }
    if (missing > 0) {
      key.note(missing + " non-finite value" + (missing == 1 ? "" : "s") + " not drawn");
    }
    double[] yRange = ys.padded(0.05);
    if (yRange[0] < 0 && allNonNegative()) {
      yRange[0] = 0;
    }
    Text.Font tf = Text.Font.TITLE;
    Text.Font lf = Text.Font.LABEL;
    Text.Font sf = Text.Font.SMALL;
    int right = width - MARGIN - key.width() - 12;
    int top = MARGIN + tf.ascent() + tf.descent() + 10;
    int n = Math.max(1, categories.size());
    int widest = 0;
    for (String c : categories) {
      widest = Math.max(widest, Text.width(sf, c));
    }
    // a first guess of the plot's width decides whether labels fit side by side
    int guessLeft = MARGIN + lf.ascent() + lf.descent() + 60;
    boolean turned = widest > (right - guessLeft) / n - 6;
    int labelHeight = turned ? Math.min(widest, MAX_LABEL) : sf.ascent() + sf.descent();
    int bottom = height - MARGIN - (lf.ascent() + lf.descent()) - 8 - labelHeight - PlotArea.GAP;
    Ticks yt = PlotArea.yTicks(yRange, bottom - top);
    int left = MARGIN + lf.ascent() + lf.descent() + 8 + PlotArea.widest(yt) + PlotArea.GAP + 2;
    PlotArea area = new PlotArea(left, top, right, bottom, new double[] {0, n}, yRange);
    area.ground(r, null, yt);
    double group = 0.8;
    double bar = group / Math.max(1, series.size());
    for (int s = 0; s < series.size(); s++) {
      Series ser = series.get(s);
      for (int c = 0; c < categories.size(); c++) {
        double v = ser.values()[c];
        if (Double.isFinite(v)) {
          double x0 = c + (1 - group) / 2 + s * bar;
          double yTop = area.py(Math.max(v, 0));
          double yBottom = area.py(Math.min(v, 0));
          r.fillRect(Math.round(area.px(x0)) + 1, Math.round(yTop), Math.round(area.px(x0 + bar)) - 1, Math.round(yBottom), ser.colour(), 1);
        }
      }
    }
    area.axes(r, null, yt);
    for (int c = 0; c < categories.size(); c++) {
      int x = (int) Math.round(area.px(c + 0.5));
      if (turned) {
        String s = Text.fit(sf, categories.get(c), MAX_LABEL);
        Text.drawUp(r, sf, s, x + (sf.ascent() - sf.descent()) / 2, bottom + PlotArea.GAP + Text.width(sf, s), PlotArea.TEXT);
      } else {
        Text.drawCentred(r, sf, categories.get(c), x, bottom + PlotArea.GAP + sf.ascent(), PlotArea.TEXT);
      }
    }
    PlotArea.title(r, title, (left + right) / 2, MARGIN);
    area.titles(r, xTitle, height - MARGIN - lf.descent(), yTitle, MARGIN + lf.ascent());
    key.draw(r, right + 12, Math.max(top, (top + bottom) / 2 - key.height() / 2));
    return r;
  }

  private boolean allNonNegative() {
    for (Series s : series) {
      for (double v : s.values()) {
        if (v < 0) {
          return false;
        }
      }
    }
    return true;
  }
}
