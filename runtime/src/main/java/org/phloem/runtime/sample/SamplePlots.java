package org.phloem.runtime.sample;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.phloem.runtime.report.Plots;

/**
 * Trace plots (every chain's draws of a parameter against the draw number) and pair plots (the draws of
 * two parameters against each other, for the most strongly correlated pairs, where a curved or
 * funnel-shaped cloud shows what the Gaussian approximation at the optimum misses). At most
 * {@value #MAX_TRACES} trace plots (the parameters with the lowest ESS first) and {@value #MAX_PAIRS}
 * pair plots; at most {@value #MAX_POINTS} points per scatter.
 */
public final class SamplePlots {
  static final int MAX_TRACES = 12;
  static final int MAX_PAIRS = 6;
  static final int MAX_POINTS = 2000;
  static {
    // rendering to images needs no display; say so before AWT is first touched
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static final int WIDTH = 900;
  private static final int HEIGHT = 400;

  private SamplePlots() {}

  /** The trace plots. */
  public static List<Plots.Png> traces(SampleRun run, List<SummaryRow> summary) throws IOException {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < summary.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> {
      double e = summary.get(i).essBulk();
      return Double.isNaN(e) ? Double.MAX_VALUE : e;
    }));
    List<Plots.Png> out = new ArrayList<>();
    for (int i : order.subList(0, Math.min(MAX_TRACES, order.size()))) {
      String name = run.names().get(i);
      XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Trace of " + name).xAxisTitle("draw").yAxisTitle(name)
          .build();
      chart.getStyler().setMarkerSize(0);
      double[][] d = run.slot(i);
      for (int c = 0; c < d.length; c++) {
        double[] k = new double[d[c].length];
        for (int j = 0; j < k.length; j++) {
          k[j] = j + 1;
        }
        XYSeries s = chart.addSeries("chain " + (c + 1), k, d[c]);
        s.setMarker(SeriesMarkers.NONE);
      }
      out.add(new Plots.Png("trace_" + safe(name) + ".png", BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
    }
    return out;
  }

  /** Pair plots of the most strongly correlated pairs of parameters. */
  public static List<Plots.Png> pairs(SampleRun run) throws IOException {
    double[][] r = run.correlation();
    int n = r.length;
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        if (Double.isFinite(r[i][j])) {
          pairs.add(new int[] {j, i});
        }
      }
    }
    pairs.sort(Comparator.comparingDouble(p -> -Math.abs(r[p[0]][p[1]])));
    List<Plots.Png> out = new ArrayList<>();
    for (int[] p : pairs.subList(0, Math.min(MAX_PAIRS, pairs.size()))) {
      String a = run.names().get(p[0]);
      String b = run.names().get(p[1]);
      XYChart chart = new XYChartBuilder().width(600).height(600)
          .title(String.format(java.util.Locale.ROOT, "%s against %s (r = %.2f)", b, a, r[p[0]][p[1]])).xAxisTitle(a).yAxisTitle(b)
          .build();
      chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      chart.getStyler().setMarkerSize(3);
      chart.getStyler().setLegendVisible(false);
      List<OutputSamples.Pick> draws = OutputSamples.thinned(run, MAX_POINTS);
      double[] xs = new double[draws.size()];
      double[] ys = new double[draws.size()];
      for (int k = 0; k < xs.length; k++) {
        xs[k] = draws.get(k).physical()[p[0]];
        ys[k] = draws.get(k).physical()[p[1]];
      }
      chart.addSeries("draws", xs, ys);
      out.add(new Plots.Png("pair_" + safe(a) + "_" + safe(b) + ".png", BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
    }
    return out;
  }

  private static String safe(String label) {
    return label.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("_+$", "");
  }
}
