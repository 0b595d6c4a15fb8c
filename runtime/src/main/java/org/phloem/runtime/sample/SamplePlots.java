package org.phloem.runtime.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.phloem.runtime.chart.PngEncoder;
import org.phloem.runtime.chart.XyChart;
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
  /** The chains' colours, in turn: distinct hues that stay apart where the traces overlap. */
  private static final int[] CHAINS = {0x5b9bd5, 0xed7d31, 0xa5a5a5, 0xffc000, 0x4472c4, 0x70ad47, 0x255e91, 0x9e480e};

  private static final int WIDTH = 900;
  private static final int HEIGHT = 400;

  private SamplePlots() {}

  /** The trace plots. */
  public static List<Plots.Png> traces(SampleRun run, List<SummaryRow> summary) {
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
      XyChart chart = new XyChart(WIDTH, HEIGHT, "Trace of " + name, "draw", name);
      double[][] d = run.slot(i);
      for (int c = 0; c < d.length; c++) {
        double[] k = new double[d[c].length];
        for (int j = 0; j < k.length; j++) {
          k[j] = j + 1;
        }
        // more draws than pixel columns: each chain is drawn as its lowest to highest draw per column
        chart.line(k, d[c], CHAINS[c % CHAINS.length], 1, "chain " + (c + 1));
      }
      out.add(new Plots.Png("trace_" + safe(name) + ".png", PngEncoder.encode(chart.draw())));
    }
    return out;
  }

  /** Pair plots of the most strongly correlated pairs of parameters. */
  public static List<Plots.Png> pairs(SampleRun run) {
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
      XyChart chart = new XyChart(600, 600, String.format(java.util.Locale.ROOT, "%s against %s (r = %.2f)", b, a, r[p[0]][p[1]]), a, b)
          .noLegend();
      List<OutputSamples.Pick> draws = OutputSamples.thinned(run, MAX_POINTS);
      double[] xs = new double[draws.size()];
      double[] ys = new double[draws.size()];
      for (int k = 0; k < xs.length; k++) {
        xs[k] = draws.get(k).physical()[p[0]];
        ys[k] = draws.get(k).physical()[p[1]];
      }
      chart.points(xs, ys, null, CHAINS[0], 1, 1.5, CHAINS[0], 0, "draws");
      out.add(new Plots.Png("pair_" + safe(a) + "_" + safe(b) + ".png", PngEncoder.encode(chart.draw())));
    }
    return out;
  }

  private static String safe(String label) {
    return label.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("_+$", "");
  }
}
