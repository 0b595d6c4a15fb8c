package org.phloem.tests.eastasia;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Scatter plots of the network view with their fitted lines (XChart, headless, as the runtime's report). */
final class NetworkPlots {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private NetworkPlots() {}

  /** Points of one kind (data, prior model, posterior model) and, when {@code line} is set, their line. */
  record Points(String name, double[] x, double[] y, NetworkStats.Line line, String variable, Color color) {}

  /** A straight line drawn across the plot without points (the published relation). */
  record Reference(String name, double slope, double intercept, Color color) {}

  /** Writes a PNG scatter of {@code sets} with their lines and the {@code references} to {@code file}. */
  static void scatter(Path file, String title, String xTitle, String yTitle, List<Points> sets, List<Reference> references)
      throws IOException {
    XYChart chart = new XYChartBuilder().width(800).height(560).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    chart.getStyler().setMarkerSize(8);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Points p : sets) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < p.x().length; i++) {
        if (!Double.isNaN(p.x()[i]) && !Double.isNaN(p.y()[i])) {
          xs.add(p.x()[i]);
          ys.add(p.y()[i]);
          lo = Math.min(lo, p.x()[i]);
          hi = Math.max(hi, p.x()[i]);
        }
      }
      XYSeries s = chart.addSeries(p.name(), xs, ys);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(p.color());
    }
    for (Points p : sets) {
      if (p.line() != null) {
        line(chart, p.name() + ": " + p.line().text(p.variable()), p.line().slope(), p.line().intercept(), lo, hi, p.color());
      }
    }
    for (Reference r : references) {
      line(chart, r.name(), r.slope(), r.intercept(), lo, hi, r.color());
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
  }

  private static void line(XYChart chart, String name, double slope, double intercept, double lo, double hi, Color color) {
    XYSeries s = chart.addSeries(name, new double[] {lo, hi}, new double[] {intercept + slope * lo, intercept + slope * hi});
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(color);
  }
}
