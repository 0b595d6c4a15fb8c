package org.phloem.runtime.report;

import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.DimInfo;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ObservationInfo;
import org.phloem.runtime.OutputInfo;
import org.phloem.runtime.chart.BarChart;
import org.phloem.runtime.chart.HeatMap;
import org.phloem.runtime.chart.PngEncoder;
import org.phloem.runtime.chart.Raster;
import org.phloem.runtime.chart.XyChart;
import org.phloem.runtime.posterior.OutputSd;
import org.phloem.runtime.posterior.Posterior;

/**
 * The PNG plots of a fit report, as bytes, drawn by Phloem's own small renderer
 * ({@link org.phloem.runtime.chart}): Java2D and a chart library cost a fresh JVM a quarter of a short
 * fit's time in class loading and JIT compilation (tests/BENCHMARKS.md, "Plots").
 */
public final class Plots {

  private static final int WIDTH = 900;
  private static final int HEIGHT = 500;
  /** Columns of about two pixels, for scattered observations (markers are 5 px across). */
  static final int SCATTER_COLUMNS = 400;

  /** Observations: reddish discs, their error bars lighter. */
  static final int OBSERVED = 0xc83c28;
  /** The model's line, and its ±2σ band in a light blue. */
  static final int MODEL = 0x143c78;
  static final int BAND = 0x4682b4;
  /** Bars of the prior and the posterior sd. */
  static final int PRIOR = 0xb4b4b4;
  static final int POSTERIOR = 0x4682b4;
  /** The colour of a correlation of +1 (and of −1 below). */
  static final int POSITIVE = 0xb2182b;
  static final int NEGATIVE = 0x2166ac;

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
  public static List<Png> observationSeries(FitReport r) {
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
  public static Png observationSeries(FitReport r, int k) {
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
    String unit = model.unit().isEmpty() ? obs.label() : obs.label() + " [" + model.unit() + "]";
    XyChart chart = new XyChart(WIDTH, HEIGHT, obs.label() + ": observed and modelled", model.dims().get(0), unit);
    // Observations first, so the model and its band are drawn over them and stay visible. Where there
    // are more points than the plot has pixels, only what can be seen is drawn (SeriesThinning).
    if (o.size() > 0) {
      double[] ox = o.x();
      double[] oy = o.y();
      int[] shown = SeriesThinning.extremes(ox, oy, SCATTER_COLUMNS);
      String label = shown.length < o.size() ? "observed ±1σ (high, low per 2 px)" : "observed ±1σ";
      chart.points(Series.pick(ox, shown), Series.pick(oy, shown), Series.pick(o.sd(), shown), OBSERVED, 0.63, 2.5, OBSERVED, 0.47, label);
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
    // the band and the line are drawn per pixel column where the series is denser than the pixels
    chart.band(mx, lower, upper, BAND, 0.27, "modelled ±2σ (posterior)");
    chart.line(mx, my, MODEL, 2, m.size() > WIDTH ? "modelled (lowest to highest per pixel)" : "modelled");
    return new Png("observation_" + (k + 1) + "_" + safe(obs.label()) + ".png", png(chart.draw()));
  }

  /**
   * Posterior sd relative to prior sd for every slot with a prior that the fit did not hold on a bound
   * (1 = the data taught nothing); null when there is none.
   */
  public static Png parameterSds(FitReport r) {
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
    BarChart chart = new BarChart(WIDTH, HEIGHT, "Prior and posterior sd (relative to prior sd)", "parameter", "sd / prior sd", names)
        .series("prior", prior.stream().mapToDouble(Double::doubleValue).toArray(), PRIOR)
        .series("posterior", posterior.stream().mapToDouble(Double::doubleValue).toArray(), POSTERIOR);
    return new Png("parameter_sd.png", png(chart.draw()));
  }

  /** The posterior correlation matrix as a heat map from −1 (blue) to +1 (red). */
  public static Png correlation(FitReport r) {
    Posterior post = r.posterior();
    return new Png("correlation.png", png(correlationChart(post.names(), post.correlation()).draw()));
  }

  /**
   * The heat map of a correlation matrix over {@code names}, first row at the top. Values a rounding
   * error beyond ±1 (a diagonal of 0.9999999999999999 from cov/(sd·sd)) get the end colours: the heat
   * map clamps to its range (the chart library used before crashed on them).
   */
  static HeatMap correlationChart(List<String> names, double[][] correlation) {
    return new HeatMap("Posterior correlation", names, correlation, -1, 1, NEGATIVE, 0xffffff, POSITIVE);
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

  private static byte[] png(Raster image) {
    return PngEncoder.encode(image);
  }
}
