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
  }

  private static final int WIDTH = 900;
  private static final int HEIGHT = 500;

  private Plots() {}

  /** A plot and the file name it should get. */
  public record Png(String fileName, byte[] bytes) {}

  /**
   * One plot per observe statement whose index space is one-dimensional: the observations with their
   * sds as error bars, the modelled values at the optimum, and a ±2σ posterior band around them. The x
   * axis is the dimension's labels where they are all numbers (years, days), else the element index.
   */
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

  public static List<Png> observationSeries(FitReport r) throws IOException {
    ModelInfo info = r.info();
    List<Png> out = new ArrayList<>();
    for (int k = 0; k < info.observations().size(); k++) {
      ObservationInfo obs = info.observations().get(k);
      OutputInfo model = info.outputs().get(obs.modelOutput());
      if (model.dims().size() != 1) {
        continue;
      }
      OutputSd modelled = wholeSeries(r, obs, model);
      if (modelled == null) {
        continue;
      }
      double[] x = axis(info.dim(model.dims().get(0)));
      List<Double> mx = new ArrayList<>();
      List<Double> my = new ArrayList<>();
      List<Double> lo = new ArrayList<>();
      List<Double> hi = new ArrayList<>();
      for (int e = 0; e < x.length; e++) {
        if (!Double.isNaN(modelled.value()[e])) {
          mx.add(x[e]);
          my.add(modelled.value()[e]);
          double s = Double.isNaN(modelled.sd()[e]) ? 0 : modelled.sd()[e];
          lo.add(modelled.value()[e] - 2 * s);
          hi.add(modelled.value()[e] + 2 * s);
        }
      }
      List<Double> ox = new ArrayList<>();
      List<Double> oy = new ArrayList<>();
      List<Double> oe = new ArrayList<>();
      for (ResidualRow row : r.residuals()) {
        if (row.observation().equals(obs.label())) {
          ox.add(x[row.index()]);
          oy.add(row.observed());
          oe.add(row.sd());
        }
      }
      if (mx.isEmpty()) {
        continue;
      }
      XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(obs.label() + ": observed and modelled")
          .xAxisTitle(model.dims().get(0)).yAxisTitle(model.unit().isEmpty() ? obs.label() : obs.label() + " [" + model.unit() + "]").build();
      // Observations first, so the model and its band are drawn over them and stay visible.
      if (!ox.isEmpty()) {
        XYSeries observed = chart.addSeries("observed ±1σ", ox, oy, oe);
        observed.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        observed.setMarker(SeriesMarkers.CIRCLE);
        observed.setMarkerColor(new Color(200, 60, 40, 160));
      }
      // the band as one polygon: along the upper edge, back along the lower one
      List<Double> bx = new ArrayList<>(mx);
      List<Double> by = new ArrayList<>(hi);
      for (int i = mx.size() - 1; i >= 0; i--) {
        bx.add(mx.get(i));
        by.add(lo.get(i));
      }
      XYSeries band = chart.addSeries("modelled ±2σ (posterior)", bx, by);
      band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
      band.setFillColor(new Color(70, 130, 180, 70));
      band.setLineColor(new Color(70, 130, 180, 0));
      band.setMarker(SeriesMarkers.NONE);
      XYSeries line = chart.addSeries("modelled", mx, my);
      line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      line.setLineColor(new Color(20, 60, 120));
      line.setLineWidth(2f);
      line.setMarker(SeriesMarkers.NONE);
      chart.getStyler().setErrorBarsColor(new Color(200, 60, 40, 120));
      chart.getStyler().setMarkerSize(5);
      out.add(new Png("observation_" + (k + 1) + "_" + safe(obs.label()) + ".png", png(chart)));
    }
    return out;
  }

  /** Posterior sd relative to prior sd for every slot with a prior (1 = the data taught nothing); null when no slot has a prior. */
  public static Png parameterSds(FitReport r) throws IOException {
    Posterior post = r.posterior();
    List<String> names = new ArrayList<>();
    List<Double> prior = new ArrayList<>();
    List<Double> posterior = new ArrayList<>();
    for (int i = 0; i < post.names().size(); i++) {
      if (Double.isFinite(post.priorSd()[i])) {
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

  private static byte[] png(Chart<?, ?> chart) throws IOException {
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }
}
