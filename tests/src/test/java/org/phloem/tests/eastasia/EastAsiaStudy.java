package org.phloem.tests.eastasia;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.posterior.Posterior;
import org.phloem.runtime.multistart.MultiStart;
import org.phloem.runtime.multistart.MultiStartOptions;
import org.phloem.runtime.multistart.MultiStartResult;
import org.phloem.runtime.multistart.StartOutcome;
import org.phloem.runtime.multistart.StartProgress;
import org.phloem.runtime.posterior.PosteriorAnalysis;
import org.phloem.runtime.report.FitReport;
import org.phloem.runtime.parallel.SiteSum;

/**
 * The East-Asian network study of models/eastasia/README.md, end to end: the joint fit of the twelve
 * towers from several starts, the Laplace posterior at the best optimum, validation on the held-out
 * months, leave-one-site-out predictions, and the network view (annual NEE, Re and GPP against
 * temperature and maximum LAI) with plots.
 *
 * <pre>
 * java -cp ... org.phloem.tests.eastasia.EastAsiaStudy [--starts N] [--no-leave-out] [--threads N] [--out DIR]
 * </pre>
 */
public final class EastAsiaStudy {
  /** The published East-Asian relation (Yu et al. 2013 synthesis of 50 towers, as cited in issue 14). */
  static final double PUBLISHED_SLOPE = -15.19;
  static final double PUBLISHED_INTERCEPT = -141.9;
  static final double PUBLISHED_R2 = 0.42;
  static final long SEED = 20261205L;
  static final String[] PFT_NAMES = {"trop. broadleaf evergreen", "trop. broadleaf deciduous", "temp. broadleaf evergreen",
      "temp. broadleaf deciduous", "evergreen conifer", "deciduous conifer", "evergreen shrub", "deciduous shrub", "C3 grass",
      "C4 grass", "tundra", "swamp", "crop"};

  /** One tower's misfits (RMSE, g C m⁻² d⁻¹) and observation counts. */
  record SiteFit(String site, String pft, int nCal, int nVal, double gppCalPrior, double gppCalPost, double gppValPrior,
      double gppValPost, double gppValLeftOut, double gppAllLeftOut, double neeCalPrior, double neeCalPost, double neeValPrior,
      double neeValPost, double neeValLeftOut, double neeAllLeftOut) {}

  /**
   * One tower in the network view: mean annual temperature [°C] of its drivers, the largest month of its
   * mean seasonal LAI, and annual NEE, Re, GPP [g C m⁻² yr⁻¹] from the mean seasonal cycle over its
   * observed months (data; the models sampled at the same months). NaN where a calendar month is never observed.
   */
  record SiteYear(String site, double temperature, double laiMax, double neeData, double neePrior, double neePost,
      double neeLeftOut, double reData, double rePrior, double rePost, double gppData, double gppPrior, double gppPost,
      double neePostWholeRecord) {}

  /** Everything the README reports. */
  record Results(List<String> sites, MultiStartResult starts, FitResult best, Posterior posterior, List<SiteFit> siteFits,
      List<SiteYear> network, List<double[]> leftOutOptima) {}

  private EastAsiaStudy() {}

  /**
   * Runs the study: the joint fit from {@code starts} starts (start 0 the prior means, the others drawn from
   * the prior by {@link MultiStart} with {@link #SEED}), the posterior at the best optimum, and, when asked,
   * the twelve leave-one-out fits (each from the prior means).
   */
  static Results run(EastAsiaNetwork n, int starts, boolean leaveOut, int threads) {
    ModelInfo info = n.info();
    SiteSum all = n.sum(n.sites, threads);
    MultiStartResult multi = MultiStart.run(all, FitOptions.defaults(), MultiStartOptions.of(starts, SEED).withThreads(1),
        StartProgress.NONE);
    FitResult best = multi.best().orElseThrow(() -> new IllegalStateException("no start could be fitted")).result();
    // conditional on the slots the fit holds on a bound (fs on 0), as phloem fit reports it: a slot on its
    // bound gets no sd and no uncertainty reduction
    Posterior posterior = PosteriorAnalysis.at(all, best.parameters(), FitReport.held(best));
    List<double[]> leftOut = new ArrayList<>();
    for (String s : n.sites) {
      leftOut.add(leaveOut ? Fitter.fit(n.sum(n.allBut(s), threads), FitOptions.defaults()).parameters() : null);
    }
    double[] prior = info.priorMeans();
    double[] post = best.parameters();
    List<SiteFit> rows = new ArrayList<>();
    List<SiteYear> network = new ArrayList<>();
    for (int i = 0; i < n.sites.size(); i++) {
      String s = n.sites.get(i);
      CompiledModel m = n.site(s);
      double[] gppCal = n.input("gpp_obs", s);
      double[] neeCal = n.input("nee_obs", s);
      double[] gppVal = n.input("gpp_val", s);
      double[] neeVal = n.input("nee_val", s);
      double[] gppAll = NetworkStats.merge(gppCal, gppVal);
      double[] neeAll = NetworkStats.merge(neeCal, neeVal);
      double[] gpp0 = EastAsiaNetwork.output(m, prior, "gpp");
      double[] nee0 = EastAsiaNetwork.output(m, prior, "nee");
      double[] ter0 = EastAsiaNetwork.output(m, prior, "ter");
      double[] lai = EastAsiaNetwork.output(m, prior, "lai");
      double[] gpp1 = EastAsiaNetwork.output(m, post, "gpp");
      double[] nee1 = EastAsiaNetwork.output(m, post, "nee");
      double[] ter1 = EastAsiaNetwork.output(m, post, "ter");
      double[] gppL = leftOut.get(i) == null ? nan(gpp0.length) : EastAsiaNetwork.output(m, leftOut.get(i), "gpp");
      double[] neeL = leftOut.get(i) == null ? nan(nee0.length) : EastAsiaNetwork.output(m, leftOut.get(i), "nee");
      rows.add(new SiteFit(s, pftText(n.input("cover", s)), NetworkStats.count(neeCal), NetworkStats.count(neeVal),
          NetworkStats.rmse(gpp0, gppCal), NetworkStats.rmse(gpp1, gppCal), NetworkStats.rmse(gpp0, gppVal),
          NetworkStats.rmse(gpp1, gppVal), NetworkStats.rmse(gppL, gppVal), NetworkStats.rmse(gppL, gppAll),
          NetworkStats.rmse(nee0, neeCal), NetworkStats.rmse(nee1, neeCal), NetworkStats.rmse(nee0, neeVal),
          NetworkStats.rmse(nee1, neeVal), NetworkStats.rmse(neeL, neeVal), NetworkStats.rmse(neeL, neeAll)));
      double[] reAll = new double[gppAll.length];
      for (int t = 0; t < reAll.length; t++) {
        reAll[t] = gppAll[t] + neeAll[t]; // NEE = Re - GPP
      }
      network.add(new SiteYear(s, meanTemperature(n, s), NetworkStats.seasonalMax(lai),
          NetworkStats.annualFromSeasonalCycle(neeAll, neeAll), NetworkStats.annualFromSeasonalCycle(nee0, neeAll),
          NetworkStats.annualFromSeasonalCycle(nee1, neeAll), NetworkStats.annualFromSeasonalCycle(neeL, neeAll),
          NetworkStats.annualFromSeasonalCycle(reAll, reAll), NetworkStats.annualFromSeasonalCycle(ter0, reAll),
          NetworkStats.annualFromSeasonalCycle(ter1, reAll), NetworkStats.annualFromSeasonalCycle(gppAll, gppAll),
          NetworkStats.annualFromSeasonalCycle(gpp0, gppAll), NetworkStats.annualFromSeasonalCycle(gpp1, gppAll),
          NetworkStats.mean(nee1) * 12 * NetworkStats.DAYS_PER_MONTH));
    }
    return new Results(n.sites, multi, best, posterior, rows, network, leftOut);
  }

  /**
   * A point drawn around the prior (the tests' random points): each slot with a prior moved by z prior
   * sds, z standard normal cut at ±2 (on ln p for log-scale slots), kept 1 % of the range inside the bounds.
   */
  public static double[] randomStart(ModelInfo info, Random random) {
    double[] p = info.priorMeans();
    double[] sd = info.priorSds();
    double[] lo = info.lowerBounds();
    double[] hi = info.upperBounds();
    boolean[] log = info.logScale();
    for (int i = 0; i < p.length; i++) {
      if (!Double.isFinite(sd[i])) {
        continue;
      }
      double z = Math.max(-2, Math.min(2, random.nextGaussian()));
      double v = log[i] ? p[i] * Math.exp(z * sd[i] / p[i]) : p[i] + z * sd[i];
      double margin = Double.isFinite(hi[i] - lo[i]) ? 0.01 * (hi[i] - lo[i]) : 0;
      p[i] = Math.max(lo[i] + margin, Math.min(hi[i] - margin, v));
    }
    return p;
  }

  /** The mean of (tmin + tmax)/2 over the site's 2001-2016 drivers. */
  static double meanTemperature(EastAsiaNetwork n, String site) {
    double[] lo = n.input("tmin", site);
    double[] hi = n.input("tmax", site);
    double sum = 0;
    for (int t = 0; t < lo.length; t++) {
      sum += 0.5 * (lo[t] + hi[t]);
    }
    return sum / lo.length;
  }

  /** "temp. broadleaf deciduous" or "0.5 temp. broadleaf deciduous + 0.5 evergreen conifer". */
  static String pftText(double[] cover) {
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < cover.length; k++) {
      if (cover[k] == 1) {
        return PFT_NAMES[k];
      } else if (cover[k] > 0) {
        parts.add(String.format(Locale.ROOT, "%.1f %s", cover[k], PFT_NAMES[k]));
      }
    }
    return String.join(" + ", parts);
  }

  private static double[] nan(int n) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, Double.NaN);
    return a;
  }

  // ---------------------------------------------------------------- the report

  /** The README's tables, as Markdown. */
  static String markdown(EastAsiaNetwork n, Results r) {
    StringBuilder out = new StringBuilder();
    ModelInfo info = n.info();
    List<String> names = info.slotNames();
    out.append("### Starts\n\n| start | status | J | observations | prior | max |Δp|/σ_post from the best | NEE–T slope (posterior) | slots more than 1 σ_post from the best |\n|---|---|---:|---:|---:|---:|---:|---|\n");
    for (StartOutcome s : r.starts().outcomes()) {
      if (s.result() == null) {
        out.append("| " + s.index() + " | " + s.error() + " | | | | | |\n");
        continue;
      }
      double worst = 0;
      List<String> far = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        if (r.posterior().held()[i]) {
          continue; // on its bound at the best optimum: no posterior sd to measure distances in
        }
        double d = Math.abs(s.result().parameters()[i] - r.best().parameters()[i]) / r.posterior().sd()[i];
        worst = Math.max(worst, d);
        if (d > 1) {
          far.add(String.format(Locale.ROOT, "%s %.3g", names.get(i), s.result().parameters()[i]));
        }
      }
      NetworkStats.Line line = neeLine(n, s.result().parameters(), r);
      out.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f | %.2g | %.2f | %s |%n", s.index() == 0 ? "prior means" : "drawn " + s.index(),
          s.statusName(), s.result().cost(), s.result().observationCost(), s.result().priorCost(), worst, line.slope(), String.join(", ", far)));
    }
    out.append(String.format(Locale.ROOT, "%n%d of %d starts converged; %d distinct optim%s among them.%n", r.starts().convergedCount(),
        r.starts().outcomes().size(), r.starts().optima().size(), r.starts().optima().size() == 1 ? "um" : "a"));
    out.append("\n### Posterior per PFT and shared parameters\n\n| parameter | prior | prior sd | posterior | posterior sd | reduction |\n|---|---:|---:|---:|---:|---:|\n");
    Posterior p = r.posterior();
    double[] prior = info.priorMeans();
    double[] priorSd = info.priorSds();
    for (int i = 0; i < names.size(); i++) {
      if (p.held()[i]) {
        out.append(String.format(Locale.ROOT, "| %s | %.4g | %.3g | %.4g, held on its %s bound | – | – |%n", label(names.get(i)), prior[i],
            priorSd[i], p.optimum()[i], r.best().bounds().get(i).label()));
      } else if (p.uncertaintyReduction()[i] > 1e-6) {
        out.append(String.format(Locale.ROOT, "| %s | %.4g | %.3g | %.4g | %.3g | %.0f %% |%n", label(names.get(i)), prior[i], priorSd[i],
            p.optimum()[i], p.sd()[i], 100 * p.uncertaintyReduction()[i]));
      }
    }
    out.append("\n### RMSE per tower (g C m⁻² d⁻¹)\n\n| tower | PFT | months cal/val | GPP cal prior → post | GPP val prior → post → left-out | NEE cal prior → post | NEE val prior → post → left-out |\n|---|---|---:|---:|---:|---:|---:|\n");
    for (SiteFit s : r.siteFits()) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %d/%d | %.2f → %.2f | %.2f → %.2f → %.2f | %.2f → %.2f | %.2f → %.2f → %.2f |%n",
          s.site(), s.pft(), s.nCal(), s.nVal(), s.gppCalPrior(), s.gppCalPost(), s.gppValPrior(), s.gppValPost(), s.gppValLeftOut(),
          s.neeCalPrior(), s.neeCalPost(), s.neeValPrior(), s.neeValPost(), s.neeValLeftOut()));
    }
    out.append("\n### Network view (g C m⁻² yr⁻¹; T in °C)\n\n| tower | T | LAI max | NEE data | NEE prior | NEE post | NEE left-out | NEE post 2001–16 | Re data | Re post | GPP data | GPP post |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (SiteYear y : r.network()) {
      out.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n", y.site(),
          y.temperature(), y.laiMax(), y.neeData(), y.neePrior(), y.neePost(), y.neeLeftOut(), y.neePostWholeRecord(), y.reData(), y.rePost(),
          y.gppData(), y.gppPost()));
    }
    out.append("\n### Lines across the towers\n\n| relation | data | prior model | posterior model | left-out model |\n|---|---|---|---|---|\n");
    double[] t = column(r, SiteYear::temperature);
    out.append(row("NEE = a + b·T", t, column(r, SiteYear::neeData), column(r, SiteYear::neePrior), column(r, SiteYear::neePost),
        column(r, SiteYear::neeLeftOut)));
    out.append(row("ln Re = a + b·T", t, ln(column(r, SiteYear::reData)), ln(column(r, SiteYear::rePrior)), ln(column(r, SiteYear::rePost)), null));
    out.append(row("GPP = a + b·T", t, column(r, SiteYear::gppData), column(r, SiteYear::gppPrior), column(r, SiteYear::gppPost), null));
    double[] lai = column(r, SiteYear::laiMax);
    out.append(row("GPP = a + b·LAImax", lai, column(r, SiteYear::gppData), column(r, SiteYear::gppPrior), column(r, SiteYear::gppPost), null));
    double[] none = new double[t.length];
    java.util.Arrays.fill(none, Double.NaN);
    out.append(row("NEE 2001–2016 = a + b·T (all towers, model only)", t, none, none, column(r, SiteYear::neePostWholeRecord), null));
    out.append(String.format(Locale.ROOT, "| published (50 towers) | %.1f %s %.2f·T (r² %.2f) | | | |%n", PUBLISHED_INTERCEPT, "−",
        -PUBLISHED_SLOPE, PUBLISHED_R2));
    return out.toString();
  }

  private static String label(String slot) {
    int open = slot.indexOf('[');
    if (open < 0) {
      return slot;
    }
    int k = Integer.parseInt(slot.substring(open + 1, slot.length() - 1));
    return slot + " (" + PFT_NAMES[k] + ")";
  }

  private static String row(String what, double[] x, double[] data, double[] prior, double[] post, double[] leftOut) {
    String v = what.endsWith("LAImax") ? "LAImax" : "T";
    return String.format("| %s | %s | %s | %s | %s |%n", what, NetworkStats.ols(x, data).text(v), NetworkStats.ols(x, prior).text(v),
        NetworkStats.ols(x, post).text(v), leftOut == null ? "" : NetworkStats.ols(x, leftOut).text(v));
  }

  /** The posterior model's NEE–T line at {@code p}, sampled at the data's months (towers with a whole seasonal cycle). */
  static NetworkStats.Line neeLine(EastAsiaNetwork n, double[] p, Results r) {
    double[] t = new double[n.sites.size()];
    double[] nee = new double[n.sites.size()];
    for (int i = 0; i < t.length; i++) {
      String s = n.sites.get(i);
      double[] neeAll = NetworkStats.merge(n.input("nee_obs", s), n.input("nee_val", s));
      t[i] = meanTemperature(n, s);
      nee[i] = NetworkStats.annualFromSeasonalCycle(EastAsiaNetwork.output(n.site(s), p, "nee"), neeAll);
    }
    return NetworkStats.ols(t, nee);
  }

  static double[] column(Results r, java.util.function.ToDoubleFunction<SiteYear> f) {
    return r.network().stream().mapToDouble(f).toArray();
  }

  private static double[] ln(double[] a) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] > 0 ? Math.log(a[i]) : Double.NaN;
    }
    return out;
  }

  /** The four network plots. */
  static void plots(Results r, Path folder) throws IOException {
    double[] t = column(r, SiteYear::temperature);
    Color data = new Color(30, 30, 30);
    Color prior = new Color(120, 120, 220);
    Color post = new Color(210, 60, 40);
    List<NetworkPlots.Points> nee = List.of(
        points("data", t, column(r, SiteYear::neeData), data),
        points("prior model", t, column(r, SiteYear::neePrior), prior),
        points("posterior model", t, column(r, SiteYear::neePost), post));
    NetworkPlots.scatter(folder.resolve("nee_vs_temperature.png"), "Annual NEE vs mean annual temperature, East-Asian towers",
        "mean annual temperature [°C]", "NEE [g C m⁻² yr⁻¹]", nee, List.of(new NetworkPlots.Reference(
            "published, 50 towers: −141.9 − 15.19·T (r² 0.42)", PUBLISHED_SLOPE, PUBLISHED_INTERCEPT, new Color(40, 160, 60))));
    NetworkPlots.scatter(folder.resolve("re_vs_temperature.png"), "Annual ecosystem respiration against temperature", "mean annual temperature [°C]",
        "Re [g C m⁻² yr⁻¹]", List.of(points("data", t, column(r, SiteYear::reData), data), points("prior model", t,
            column(r, SiteYear::rePrior), prior), points("posterior model", t, column(r, SiteYear::rePost), post)), List.of());
    NetworkPlots.scatter(folder.resolve("gpp_vs_temperature.png"), "Annual GPP against temperature", "mean annual temperature [°C]",
        "GPP [g C m⁻² yr⁻¹]", List.of(points("data", t, column(r, SiteYear::gppData), data), points("prior model", t,
            column(r, SiteYear::gppPrior), prior), points("posterior model", t, column(r, SiteYear::gppPost), post)), List.of());
    double[] lai = column(r, SiteYear::laiMax);
    NetworkPlots.scatter(folder.resolve("gpp_vs_laimax.png"), "Annual GPP against maximum LAI", "maximum monthly LAI of the mean seasonal cycle [m² m⁻²]",
        "GPP [g C m⁻² yr⁻¹]", List.of(points("data", lai, column(r, SiteYear::gppData), "LAImax", data), points("prior model", lai,
            column(r, SiteYear::gppPrior), "LAImax", prior), points("posterior model", lai, column(r, SiteYear::gppPost), "LAImax", post)), List.of());
  }

  private static NetworkPlots.Points points(String name, double[] x, double[] y, Color c) {
    return points(name, x, y, "T", c);
  }

  private static NetworkPlots.Points points(String name, double[] x, double[] y, String variable, Color c) {
    return new NetworkPlots.Points(name, x, y, NetworkStats.ols(x, y), variable, c);
  }

  public static void main(String[] args) throws Exception {
    int starts = 4;
    int threads = 2;
    boolean leaveOut = true;
    Path out = Path.of("phloem-out/eastasia");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--starts" -> starts = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--no-leave-out" -> leaveOut = false;
        case "--out" -> out = Path.of(args[++i]);
        default -> {
          System.err.println("usage: EastAsiaStudy [--starts N] [--threads N] [--no-leave-out] [--out DIR]");
          System.exit(2);
        }
      }
    }
    long t0 = System.nanoTime();
    EastAsiaNetwork n = EastAsiaNetwork.load("network.phl");
    Results r = run(n, starts, leaveOut, threads);
    String text = markdown(n, r);
    System.out.print(text);
    Files.createDirectories(out);
    Files.writeString(out.resolve("report.md"), text);
    plots(r, out);
    System.out.printf(Locale.ROOT, "%nwrote %s (report.md and 4 plots) in %.0f s%n", out, (System.nanoTime() - t0) / 1e9);
  }
}
