package org.phloem.runtime.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.phloem.runtime.DimInfo;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ObservationInfo;
import org.phloem.runtime.OutputInfo;
import org.phloem.runtime.posterior.OutputSd;
import org.phloem.runtime.posterior.Posterior;

/** The PNG plots of a fit report, as bytes (XChart, rendered headless). */
public final class Plots {

  static {
    // rendering to images needs no display; say so before AWT is first touched
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    // (PNGs are encoded by PngEncoder, not ImageIO: touching ImageIO would load its service registry)
  }

  private static final int WIDTH = 900;
  private static final int HEIGHT = 500;
  /** Columns of about one pixel across the plot area of a series plot, for lines and the band. */
  static final int LINE_COLUMNS = 800;
  /** Columns of about two pixels, for scattered observations (markers are 5 px across). */
  static final int SCATTER_COLUMNS = 400;

  /** Points of one plotted series, in the order added, with an sd for each. */
  private static final class Series {
    private double[] x = new double[16];
    private double[] y = new double[16];
    private double[] sd = new double[16];
    private int n;

    void add(double xi, double yi, double sdi) {
      if (n == x.length) {
        x = java.util.Arrays.copyOf(x, 2 * n);
        y = java.util.Arrays.copyOf(y, 2 * n);
        sd = java.util.Arrays.copyOf(sd, 2 * n);
      }
      x[n] = xi;
      y[n] = yi;
      sd[n] = sdi;
      n++;
    }

    int size() {
      return n;
    }

    double[] x() {
      return java.util.Arrays.copyOf(x, n);
    }

    double[] y() {
      return java.util.Arrays.copyOf(y, n);
    }

    double[] sd() {
      return java.util.Arrays.copyOf(sd, n);
    }

    /** The values of {@code a} at {@code indices}. */
    static double[] pick(double[] a, int[] indices) {
      double[] out = new double[indices.length];
      for (int i = 0; i < indices.length; i++) {
        out[i] = a[indices[i]];
      }
      return out;
    }
  }

  private Plots() {}

  /**
   * Starts preparing the chart library on a background thread by drawing, and throwing away, one
   * full-size chart of each kind with a few hundred points (enough calls for the JIT to compile the
   * drawing code; more only took the second core from the compiler threads while the fit ran). Most of the first plots'
   * cost in a fresh JVM is not drawing but loading Java2D and its fonts and JIT-compiling the rasterizer
   * (with the JIT limited to C1 the same plots cost less than half the CPU; drawn again in a warm JVM, a
   * small fraction: see tests/BENCHMARKS.md, "Plots"). A command that will draw plots calls this when
   * it starts, so that this work overlaps with compiling and fitting on another core instead of adding to
   * the wait at the end.
   */
  public static void prepareInBackground() {
    Thread t = new Thread(() -> {
      try {
        int n = 300;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] sd = new double[n];
        double[] bx = new double[2 * n];
        double[] by = new double[2 * n];
        for (int i = 0; i < n; i++) {
          x[i] = i;
          y[i] = Math.sin(i / 40.0) + 0.3 * Math.sin(i * 1.7);
          sd[i] = 0.2;
          bx[i] = i;
          by[i] = y[i] + 0.4;
          bx[2 * n - 1 - i] = i;
          by[2 * n - 1 - i] = y[i] - 0.4;
        }
        XYChart xy = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("warm-up").xAxisTitle("x").yAxisTitle("y").build();
        XYSeries s = xy.addSeries("observed", x, y, sd);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new Color(200, 60, 40, 160));
        XYSeries band = xy.addSeries("band", bx, by);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setFillColor(new Color(70, 130, 180, 70));
        band.setMarker(SeriesMarkers.NONE);
        xy.addSeries("line", x, y).setMarker(SeriesMarkers.NONE);
        xy.getStyler().setMarkerSize(5);
        png(xy);
        CategoryChart bars = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("warm-up").build();
        bars.addSeries("a", List.of("x", "y"), List.of(1.0, 0.5));
        png(bars);
        png(correlationChart(List.of("a", "b"), new double[][] {{1, 0.5}, {0.5, 1}}));
      } catch (IOException | RuntimeException e) {
        // only a warm-up: a real problem shows when the plots are drawn
      }
    }, "phloem-plot-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  /** A plot and the file name it should get. */
  public record Png(String fileName, byte[] bytes) {}

  /**
   * What to draw as the model: when the observed expression is a declared output over the same dim
   * ({@code nee[d]} of {@code output nee[day]}), that output on every element, so the line runs through
   * the gaps between observations; otherwise the modelled values on the observed elements.
   */
  private static OutputSd wholeSeries(FitReport r, ObservationInfo obs, OutputInfo model) {
    ModelInfo info = r.info();
    String label = obs.label();
    int bracket = label.indexOf('[');
    String base = (bracket < 0 ? label : label.substring(0, bracket)).trim();
    OutputSd onObserved = null;
    for (OutputSd o : r.outputs()) {
      OutputInfo out = info.outputs().get(o.output());
      if (out.role() == OutputInfo.Role.OUTPUT && out.name().equals(base) && out.dims().equals(model.dims())) {
        return o;
      }
      if (o.output() == obs.modelOutput()) {
        onObserved = o;
      }
    }
    return onObserved;
  }

  /**
   * One plot per observe statement whose index space is one-dimensional: the observations with their
   * sds as error bars, the modelled values at the optimum, and a ±2σ posterior band around them. The x
   * axis is the dimension's labels where they are all numbers (years, days), else the element index.
   */
  public static List<Png> observationSeries(FitReport r) throws IOException {
    List<Png> out = new ArrayList<>();
    for (int k = 0; k < r.info().observations().size(); k++) {
      Png png = observationSeries(r, k);
      if (png != null) {
        out.add(png);
      }
    }
    return out;
  }

  /** The plot of observe statement {@code k} (see {@link #observationSeries(FitReport)}), or null when it has none. */
  public static Png observationSeries(FitReport r, int k) throws IOException {
    ModelInfo info = r.info();
    ObservationInfo obs = info.observations().get(k);
    OutputInfo model = info.outputs().get(obs.modelOutput());
    if (model.dims().size() != 1) {
      return null;
    }
    OutputSd modelled = wholeSeries(r, obs, model);
    if (modelled == null) {
      return null;
    }
    double[] x = axis(info.dim(model.dims().get(0)));
    Series m = new Series();
    for (int e = 0; e < x.length; e++) {
      if (!Double.isNaN(modelled.value()[e])) {
        double s = Double.isNaN(modelled.sd()[e]) ? 0 : modelled.sd()[e];
        m.add(x[e], modelled.value()[e], s);
      }
    }
    Series o = new Series();
    for (ResidualRow row : r.residuals()) {
      if (row.observation().equals(obs.label())) {
        o.add(x[row.index()], row.observed(), row.sd());
      }
    }
    if (m.size() == 0) {
      return null;
    }
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(obs.label() + ": observed and modelled")
        .xAxisTitle(model.dims().get(0)).yAxisTitle(model.unit().isEmpty() ? obs.label() : obs.label() + " [" + model.unit() + "]").build();
    // Observations first, so the model and its band are drawn over them and stay visible. Where there
    // are more points than the plot has pixels, only what can be seen is drawn (SeriesThinning).
    if (o.size() > 0) {
      double[] ox = o.x();
      double[] oy = o.y();
      int[] shown = SeriesThinning.extremes(ox, oy, SCATTER_COLUMNS);
      String label = shown.length < o.size() ? "observed ±1σ (highest and lowest per 2 px)" : "observed ±1σ";
      XYSeries observed = chart.addSeries(label, Series.pick(ox, shown), Series.pick(oy, shown), Series.pick(o.sd(), shown));
      observed.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      observed.setMarker(SeriesMarkers.CIRCLE);
      observed.setMarkerColor(new Color(200, 60, 40, 160));
    }
    double[] mx = m.x();
    double[] my = m.y();
    double[] msd = m.sd();
    double[] upper = new double[m.size()];
    double[] lower = new double[m.size()];
    for (int i = 0; i < m.size(); i++) {
      upper[i] = my[i] + 2 * msd[i];
      lower[i] = my[i] - 2 * msd[i];
    }
    if (SeriesThinning.dense(mx, LINE_COLUMNS)) {
      drawDenseModel(chart, mx, my, lower, upper, o);
    } else {
      drawModel(chart, mx, my, lower, upper);
    }
    chart.getStyler().setErrorBarsColor(new Color(200, 60, 40, 120));
    chart.getStyler().setMarkerSize(5);
    return new Png("observation_" + (k + 1) + "_" + safe(obs.label()) + ".png", png(chart));
  }

  /** The posterior band as one polygon (along the upper edge, back along the lower one) and the model as a line. */
  private static void drawModel(XYChart chart, double[] mx, double[] my, double[] lower, double[] upper) {
    int[] top = SeriesThinning.line(mx, upper, LINE_COLUMNS);
    int[] bottom = SeriesThinning.line(mx, lower, LINE_COLUMNS);
    double[] bx = new double[top.length + bottom.length];
    double[] by = new double[bx.length];
    for (int i = 0; i < top.length; i++) {
      bx[i] = mx[top[i]];
      by[i] = upper[top[i]];
    }
    for (int i = 0; i < bottom.length; i++) {
      int j = bottom[bottom.length - 1 - i];
      bx[top.length + i] = mx[j];
      by[top.length + i] = lower[j];
    }
    band(chart, bx, by);
    int[] path = SeriesThinning.line(mx, my, LINE_COLUMNS);
    XYSeries line = chart.addSeries("modelled", Series.pick(mx, path), Series.pick(my, path));
    line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    line.setLineColor(MODEL);
    line.setLineWidth(2f);
    line.setMarker(SeriesMarkers.NONE);
  }

  /**
   * A model series with many points per pixel column ({@link SeriesThinning#dense}): the band and the
   * model both as per-column envelopes, filled; the model's envelope widened by a pixel on each side, so
   * that where it is smooth it looks like the 2-px line of {@link #drawModel}.
   */
  private static void drawDenseModel(XYChart chart, double[] mx, double[] my, double[] lower, double[] upper, Series observed) {
    SeriesThinning.Envelope band = SeriesThinning.envelope(mx, lower, upper, LINE_COLUMNS);
    SeriesThinning.Envelope model = SeriesThinning.envelope(mx, my, my, LINE_COLUMNS);
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < band.size(); i++) {
      min = Math.min(min, band.lo()[i]);
      max = Math.max(max, band.hi()[i]);
    }
    double[] oy = observed.y();
    double[] osd = observed.sd();
    for (int i = 0; i < oy.length; i++) {
      min = Math.min(min, oy[i] - osd[i]);
      max = Math.max(max, oy[i] + osd[i]);
    }
    // one pixel in y: the plot area is about HEIGHT − 100 px tall
    double pixel = (max - min) / (HEIGHT - 100);
    band(chart, outlineX(band.x()), outlineY(band.lo(), band.hi(), 0));
    XYSeries line = chart.addSeries("modelled (lowest to highest per pixel column)", outlineX(model.x()),
        outlineY(model.lo(), model.hi(), pixel));
    line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    line.setFillColor(MODEL);
    line.setLineColor(MODEL);
    line.setLineWidth(0.5f);
    line.setMarker(SeriesMarkers.NONE);
  }

  /** The x of a polygon along an envelope and back. */
  private static double[] outlineX(double[] x) {
    int n = x.length;
    double[] px = new double[2 * n];
    for (int i = 0; i < n; i++) {
      px[i] = x[i];
      px[2 * n - 1 - i] = x[i];
    }
    return px;
  }

  /** The y of a polygon along the upper edge (hi + pad) and back along the lower one (lo − pad). */
  private static double[] outlineY(double[] lo, double[] hi, double pad) {
    int n = lo.length;
    double[] py = new double[2 * n];
    for (int i = 0; i < n; i++) {
      py[i] = hi[i] + pad;
      py[2 * n - 1 - i] = lo[i] - pad;
    }
    return py;
  }

  private static void band(XYChart chart, double[] bx, double[] by) {
    XYSeries band = chart.addSeries("modelled ±2σ (posterior)", bx, by);
    band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    band.setFillColor(new Color(70, 130, 180, 70));
    band.setLineColor(new Color(70, 130, 180, 0));
    band.setMarker(SeriesMarkers.NONE);
  }

  private static final Color MODEL = new Color(20, 60, 120);

  /**
   * Posterior sd relative to prior sd for every slot with a prior that the fit did not hold on a bound
   * (1 = the data taught nothing); null when there is none.
   */
  public static Png parameterSds(FitReport r) throws IOException {
    Posterior post = r.posterior();
    List<String> names = new ArrayList<>();
    List<Double> prior = new ArrayList<>();
    List<Double> posterior = new ArrayList<>();
    for (int i = 0; i < post.names().size(); i++) {
      if (Double.isFinite(post.priorSd()[i]) && !post.held()[i]) {
        names.add(post.names().get(i));
        prior.add(1.0);
        posterior.add(post.sd()[i] / post.priorSd()[i]);
      }
    }
    if (names.isEmpty()) {
      return null;
    }
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Prior and posterior sd (relative to prior sd)")
        .xAxisTitle("parameter").yAxisTitle("sd / prior sd").build();
    chart.getStyler().setXAxisLabelRotation(names.size() > 8 ? 60 : 0);
    chart.addSeries("prior", names, prior).setFillColor(new Color(180, 180, 180));
    chart.addSeries("posterior", names, posterior).setFillColor(new Color(70, 130, 180));
    return new Png("parameter_sd.png", png(chart));
  }

  /** The posterior correlation matrix as a heat map from −1 (blue) to +1 (red). */
  public static Png correlation(FitReport r) throws IOException {
    Posterior post = r.posterior();
    return new Png("correlation.png", png(correlationChart(post.names(), post.correlation())));
  }

  /** The heat map of a correlation matrix over {@code names}, first row at the top. */
  static HeatMapChart correlationChart(List<String> names, double[][] correlation) {
    int n = names.size();
    HeatMapChart chart = new HeatMapChartBuilder().width(Math.max(500, 40 * n + 250)).height(Math.max(450, 40 * n + 150))
        .title("Posterior correlation").build();
    chart.getStyler().setMin(-1);
    chart.getStyler().setMax(1);
    chart.getStyler().setRangeColors(new Color[] {NEGATIVE, Color.WHITE, POSITIVE});
    chart.getStyler().setShowValue(n <= 12);
    chart.getStyler().setHeatMapValueDecimalPattern("0.00");
    List<Number[]> cells = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        // rows from the top: the first parameter's row is drawn highest
        cells.add(new Number[] {j, n - 1 - i, colourSafe(correlation[i][j])});
      }
    }
    List<String> reversed = new ArrayList<>(names);
    java.util.Collections.reverse(reversed);
    chart.addSeries("correlation", names, reversed, cells);
    return chart;
  }

  /** The colour of a correlation of +1 (and of −1 below). */
  static final Color POSITIVE = new Color(178, 24, 43);
  static final Color NEGATIVE = new Color(33, 102, 172);

  /**
   * A correlation as the heat map may be given it. XChart (3.8.8) maps a value v below its maximum to
   * the colour index (v − min)/(max − min)·(colours − 1) and reads the colour after that index; for
   * v = 0.9999999999999999 the fraction rounds to exactly 1 and the read runs past the end of the
   * colour array. Values within 1e-12 of ±1 (or beyond, by rounding) are therefore drawn as exactly ±1,
   * which XChart handles as the end colours; nothing visible changes.
   */
  static double colourSafe(double r) {
    if (r >= 1 - 1e-12) {
      return 1;
    }
    if (r <= -1 + 1e-12) {
      return -1;
    }
    return r;
  }

  private static double[] axis(DimInfo dim) {
    double[] x = new double[dim.size()];
    for (int i = 0; i < x.length; i++) {
      try {
        x[i] = Double.parseDouble(dim.labels().get(i));
      } catch (NumberFormatException e) {
        for (int j = 0; j < x.length; j++) {
          x[j] = j;
        }
        return x;
      }
    }
    return x;
  }

  private static String safe(String label) {
    return label.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("_+$", "");
  }

  /** The chart drawn into an RGB image and encoded as PNG (see {@link PngEncoder} for why not ImageIO). */
  private static byte[] png(Chart<?, ?> chart) throws IOException {
    return PngEncoder.encode(BitmapEncoder.getBufferedImage(chart));
  }
}
