package org.phloem.runtime.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * A chart of series over a numeric x axis: filled bands, lines and points with error bars, drawn in
 * the order added, with a title, axis titles, nice ticks and a legend on the right. Non-finite values
 * are left out and the legend says how many; a chart with nothing finite to draw says so in its middle.
 * A line with more points than the plot has pixel columns is drawn summarized per column
 * ({@link Strokes#columns}).
 */
public final class XyChart {
  private static final int MARGIN = 10;

  private final int width;
  private final int height;
  private final String title;
  private final String xTitle;
  private final String yTitle;
  private final List<Layer> layers = new ArrayList<>();
  private boolean legend = true;
  /** The layout and the legend's notes of the last {@link #draw}, for tests. */
  private PlotArea area;
  private List<String> notes = List.of();

  private sealed interface Layer permits Band, Line, Points {
    String label();
  }

  private record Band(double[] x, double[] lo, double[] hi, int colour, double alpha, String label) implements Layer {}

  private record Line(double[] x, double[] y, int colour, double lineWidth, String label) implements Layer {}

  private record Points(double[] x, double[] y, double[] sd, int colour, double alpha, double radius, int barColour, double barAlpha,
      String label) implements Layer {}

  public XyChart(int width, int height, String title, String xTitle, String yTitle) {
    this.width = width;
    this.height = height;
    this.title = title;
    this.xTitle = xTitle;
    this.yTitle = yTitle;
  }

  /** Leaves the legend's entries out (notes on values left out are still shown). */
  public XyChart noLegend() {
    legend = false;
    return this;
  }

  /** The area between {@code lo} and {@code hi} over x (x non-decreasing), filled. */
  public XyChart band(double[] x, double[] lo, double[] hi, int colour, double alpha, String label) {
    layers.add(new Band(x, lo, hi, colour, alpha, label));
    return this;
  }

  /** A line through (x, y) in order, {@code lineWidth} pixels wide. */
  public XyChart line(double[] x, double[] y, int colour, double lineWidth, String label) {
    layers.add(new Line(x, y, colour, lineWidth, label));
    return this;
  }

  /**
   * Discs of {@code radius} at (x, y), with an error bar ±sd where {@code sd} is given (null: none) in
   * {@code barColour} at {@code barAlpha}.
   */
  public XyChart points(double[] x, double[] y, double[] sd, int colour, double alpha, double radius, int barColour, double barAlpha,
      String label) {
    layers.add(new Points(x, y, sd, colour, alpha, radius, barColour, barAlpha, label));
    return this;
  }

  /** The chart drawn into a new raster. */
  public Raster draw() {
    Raster r = new Raster(width, height, 0xffffff);
    Span xs = new Span();
    Span ys = new Span();
    Legend key = new Legend();
    for (Layer layer : layers) {
      int left = extend(layer, xs, ys);
      int total = layer instanceof Band b ? b.x().length : layer instanceof Line l ? l.x().length : ((Points) layer).x().length;
      if (legend) {
        key.add(entry(layer));
      }
      if (total > 0 && left == total) {
        key.note(layer.label() + ": no finite values");
      } else if (left > 0) {
        key.note(left + " non-finite value" + (left == 1 ? "" : "s") + " of " + shortLabel(layer.label()) + " not drawn");
      }
    }
    double[] xRange = xs.padded(0.03);
    double[] yRange = ys.padded(0.05);
    Text.Font tf = Text.Font.TITLE;
    Text.Font lf = Text.Font.LABEL;
    Text.Font sf = Text.Font.SMALL;
    int top = MARGIN + tf.ascent() + tf.descent() + 10;
    int bottom = height - MARGIN - (lf.ascent() + lf.descent()) - 8 - (sf.ascent() + sf.descent()) - PlotArea.GAP;
    Ticks yt = PlotArea.yTicks(yRange, bottom - top);
    int left = MARGIN + lf.ascent() + lf.descent() + 8 + PlotArea.widest(yt) + PlotArea.GAP + 2;
    int right = width - MARGIN - (!key.isEmpty() ? key.width() + 12 : 10);
    PlotArea area = new PlotArea(left, top, right, bottom, xRange, yRange);
    this.area = area;
    this.notes = key.notes();
    Ticks xt = PlotArea.xTicks(xRange, right - left);
    area.ground(r, xt, yt);
    for (Layer layer : layers) {
      drawLayer(r, area, layer);
    }
    area.axes(r, xt, yt);
    PlotArea.title(r, title, (left + right) / 2, MARGIN);
    area.titles(r, xTitle, height - MARGIN - lf.descent(), yTitle, MARGIN + lf.ascent());
    if (!xs.any() || !ys.any()) {
      Text.drawCentred(r, lf, "no finite values to plot", (left + right) / 2, (top + bottom) / 2, 0x707070);
    }
    if (!key.isEmpty()) {
      key.draw(r, right + 12, Math.max(top, (top + bottom) / 2 - key.height() / 2));
    }
    return r;
  }

  /** Where the last {@link #draw} put the data. */
  PlotArea area() {
    return area;
  }

  /** The notes the last {@link #draw} wrote under the legend (values left out, and why). */
  List<String> notes() {
    return notes;
  }

  private static String shortLabel(String label) {
    int space = label.indexOf(' ');
    return space < 0 ? label : label.substring(0, space);
  }

  private static Legend.Entry entry(Layer layer) {
    if (layer instanceof Band b) {
      return new Legend.Entry(Legend.Swatch.BOX, b.colour(), b.alpha(), b.label());
    }
    if (layer instanceof Line l) {
      return new Legend.Entry(Legend.Swatch.LINE, l.colour(), 1, l.label());
    }
    Points p = (Points) layer;
    return new Legend.Entry(Legend.Swatch.DISC, p.colour(), p.alpha(), p.label());
  }

  /** Takes the layer's finite values into the spans; returns how many of its points are left out. */
  private static int extend(Layer layer, Span xs, Span ys) {
    int left = 0;
    if (layer instanceof Band b) {
      for (int i = 0; i < b.x().length; i++) {
        if (Double.isFinite(b.x()[i]) && Double.isFinite(b.lo()[i]) && Double.isFinite(b.hi()[i])) {
          xs.add(b.x()[i]);
          ys.add(b.lo()[i]);
          ys.add(b.hi()[i]);
        } else {
          left++;
        }
      }
    } else if (layer instanceof Line l) {
      for (int i = 0; i < l.x().length; i++) {
        if (Double.isFinite(l.x()[i]) && Double.isFinite(l.y()[i])) {
          xs.add(l.x()[i]);
          ys.add(l.y()[i]);
        } else {
          left++;
        }
      }
    } else {
      Points p = (Points) layer;
      for (int i = 0; i < p.x().length; i++) {
        if (Double.isFinite(p.x()[i]) && Double.isFinite(p.y()[i])) {
          xs.add(p.x()[i]);
          ys.add(p.y()[i]);
          if (p.sd() != null && Double.isFinite(p.sd()[i])) {
            ys.add(p.y()[i] - p.sd()[i]);
            ys.add(p.y()[i] + p.sd()[i]);
          }
        } else {
          left++;
        }
      }
    }
    return left;
  }

  private static void drawLayer(Raster r, PlotArea a, Layer layer) {
    if (layer instanceof Band b) {
      Strokes.band(r, a.px(b.x()), a.py(b.hi()), a.py(b.lo()), b.colour(), b.alpha());
    } else if (layer instanceof Line l) {
      double[] px = a.px(l.x());
      double[] py = a.py(l.y());
      if (l.x().length > a.right() - a.left() && nonDecreasing(px)) {
        Strokes.columns(r, px, py, l.lineWidth(), l.colour(), 1);
      } else {
        Strokes.polyline(r, px, py, l.lineWidth(), l.colour(), 1);
      }
    } else {
      Points p = (Points) layer;
      if (p.sd() != null) {
        for (int i = 0; i < p.x().length; i++) {
          double sd = p.sd()[i];
          if (Double.isFinite(sd) && sd > 0) {
            Marks.errorBar(r, a.px(p.x()[i]), a.py(p.y()[i] + sd), a.py(p.y()[i] - sd), 6, p.barColour(), p.barAlpha());
          }
        }
      }
      for (int i = 0; i < p.x().length; i++) {
        if (Double.isFinite(p.x()[i]) && Double.isFinite(p.y()[i])) {
          Marks.disc(r, a.px(p.x()[i]), a.py(p.y()[i]), p.radius(), p.colour(), p.alpha());
        }
      }
    }
  }

  private static boolean nonDecreasing(double[] x) {
    double last = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      if (Double.isFinite(v)) {
        if (v < last) {
          return false;
        }
        last = v;
      }
    }
    return true;
  }
}
