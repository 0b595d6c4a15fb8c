package org.phloem.runtime.chart;

/**
 * The rectangle of a chart where data is drawn, with the mapping from data to pixels and the axes
 * around it: a light grid at the ticks, a frame, tick labels and the axis titles.
 */
public final class PlotArea {
  static final int TEXT = 0x222222;
  static final int GRID = 0xe4e4e4;
  static final int FRAME = 0x8c8c8c;
  /** Pixels between a tick label and the frame. */
  static final int GAP = 6;

  private final int left;
  private final int top;
  private final int right;
  private final int bottom;
  private final double x0;
  private final double x1;
  private final double y0;
  private final double y1;

  /** The area [left, right) × [top, bottom) in pixels showing x in [x0, x1] and y in [y0, y1] (up). */
  public PlotArea(int left, int top, int right, int bottom, double[] x, double[] y) {
    this.left = left;
    this.top = top;
    this.right = right;
    this.bottom = bottom;
    this.x0 = x[0];
    this.x1 = x[1];
    this.y0 = y[0];
    this.y1 = y[1];
  }

  /** The pixel x of data x (not rounded; outside the area for values outside the range). */
  public double px(double x) {
    return left + (x - x0) / (x1 - x0) * (right - left);
  }

  /** The pixel y of data y. */
  public double py(double y) {
    return bottom - (y - y0) / (y1 - y0) * (bottom - top);
  }

  public int left() {
    return left;
  }

  public int top() {
    return top;
  }

  public int right() {
    return right;
  }

  public int bottom() {
    return bottom;
  }

  /** {@code values} mapped by {@link #px}. */
  double[] px(double[] values) {
    double[] p = new double[values.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = px(values[i]);
    }
    return p;
  }

  /** {@code values} mapped by {@link #py}. */
  double[] py(double[] values) {
    double[] p = new double[values.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = py(values[i]);
    }
    return p;
  }

  /** The ticks of the y axis for this area's height (one every 45 pixels or so). */
  static Ticks yTicks(double[] y, int height) {
    return Ticks.over(y[0], y[1], Math.max(2, height / 45));
  }

  /** The ticks of the x axis for this area's width (labels at least 80 pixels apart or so). */
  static Ticks xTicks(double[] x, int width) {
    return Ticks.over(x[0], x[1], Math.max(2, width / 90));
  }

  /** The widest label of {@code ticks}. */
  static int widest(Ticks ticks) {
    int w = 0;
    for (String s : ticks.labels()) {
      w = Math.max(w, Text.width(Text.Font.SMALL, s));
    }
    return w;
  }

  /** The white ground and the grid lines at the ticks (drawn before the data). */
  void ground(Raster r, Ticks xt, Ticks yt) {
    r.fillRect(left, top, right, bottom, 0xffffff, 1);
    if (xt != null) {
      for (double v : xt.values()) {
        int x = (int) Math.floor(px(v));
        r.fillRect(x, top, x + 1, bottom, GRID, 1);
      }
    }
    for (double v : yt.values()) {
      int y = (int) Math.floor(py(v));
      r.fillRect(left, y, right, y + 1, GRID, 1);
    }
  }

  /**
   * The frame, tick marks and labels (drawn after the data, so they stay visible). {@code xt} may be
   * null when the x axis has category labels drawn by the chart itself.
   */
  void axes(Raster r, Ticks xt, Ticks yt) {
    r.outline(left, top, right, bottom, FRAME);
    Text.Font f = Text.Font.SMALL;
    for (int i = 0; i < yt.values().length; i++) {
      int y = (int) Math.floor(py(yt.values()[i]));
      r.fillRect(left - 5, y, left - 1, y + 1, FRAME, 1);
      String s = yt.labels()[i];
      Text.draw(r, f, s, left - GAP - 2 - Text.width(f, s), y + (f.ascent() - f.descent()) / 2 + 1, TEXT);
    }
    if (xt != null) {
      for (int i = 0; i < xt.values().length; i++) {
        int x = (int) Math.floor(px(xt.values()[i]));
        r.fillRect(x, bottom + 1, x + 1, bottom + 5, FRAME, 1);
        Text.drawCentred(r, f, xt.labels()[i], x, bottom + GAP + 2 + f.ascent(), TEXT);
      }
    }
  }

  /** The x title centred under the area at {@code baseline}, the y title running up left of {@code yBaseline}. */
  void titles(Raster r, String xTitle, int baseline, String yTitle, int yBaseline) {
    Text.Font f = Text.Font.LABEL;
    if (xTitle != null && !xTitle.isEmpty()) {
      String s = Text.fit(f, xTitle, right - left);
      Text.drawCentred(r, f, s, (left + right) / 2, baseline, TEXT);
    }
    if (yTitle != null && !yTitle.isEmpty()) {
      String s = Text.fit(f, yTitle, bottom - top);
      Text.drawUp(r, f, s, yBaseline, (top + bottom) / 2 + Text.width(f, s) / 2, TEXT);
    }
  }

  /**
   * A chart's title on its first line: centred on {@code centre} (the plot's middle) but kept inside the
   * image, and shortened with "…" when it is wider than the image.
   */
  static void title(Raster r, String title, int centre, int margin) {
    Text.Font f = Text.Font.TITLE;
    String s = Text.fit(f, title, r.width() - 2 * margin);
    int w = Text.width(f, s);
    int x = Math.max(margin, Math.min(r.width() - margin - w, centre - w / 2));
    Text.draw(r, f, s, x, margin + f.ascent(), TEXT);
  }
}
