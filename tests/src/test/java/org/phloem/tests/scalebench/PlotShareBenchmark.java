package org.phloem.tests.scalebench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.phloem.tests.support.Repo;

/**
 * Issue 10, item 8: the plots' share of a fit's wall time, wall(fit) − wall(fit --no-plots) against
 * wall(fit) (target: under 10 %), on the demo's model and one more shipped model. Each {@code phloem fit}
 * runs as a user's does, in a fresh JVM with the launcher's options (JVM start, compile, check, fit,
 * report), with and without plots alternately (which goes first alternates too, so that a drift of the
 * machine's load does not favour one side). Each child also reports its process CPU time (all its
 * threads, JIT compilers included; {@link CpuReportingMain}), and the same share is given in CPU: on a
 * loaded machine the wall times mostly measure the other processes, the CPU share still the plots. Not
 * part of the default suite (tag {@code benchmark}); run with
 * <pre>
 * mvn -B -pl tests -am test -Dtest=PlotShareBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dphloem.excludedGroups=none
 * </pre>
 * Writes {@code tests/target/bench/plot-share.md}: every run's wall and CPU time, the medians, the
 * shares, and the load average before and after each model. {@code -Dplotshare.runs=N} pairs per model (default 5).
 */
@Tag("benchmark")
class PlotShareBenchmark {
  private static final int RUNS = Integer.getInteger("plotshare.runs", 5);
  private static final List<String> MODELS = List.of("dalec/oregon.phl", "nist/rat42.phl");

  @Test
  void plotsShareOfTheFitsWallTime() throws Exception {
    Path out = Files.createDirectories(Repo.root().resolve("tests/target/bench"));
    List<String> lines = new ArrayList<>();
    lines.add("# Plots' share of `phloem fit`'s wall time, " + Runtime.getRuntime().availableProcessors() + " cores, "
        + RUNS + " alternating pairs per model");
    lines.add("");
    lines.add("| model | with plots: wall (CPU), s | --no-plots: wall (CPU), s | medians: wall / CPU | plots' share: wall / CPU | load before → after |");
    lines.add("|---|---|---|---|---|---|");
    for (String model : MODELS) {
      String before = Clock.loadAverage();
      double[] plots = new double[RUNS];
      double[] none = new double[RUNS];
      double[] plotsCpu = new double[RUNS];
      double[] noneCpu = new double[RUNS];
      for (int r = 0; r < RUNS; r++) {
        boolean plotsFirst = r % 2 == 0;
        for (int side = 0; side < 2; side++) {
          boolean withPlots = (side == 0) == plotsFirst;
          double[] wallCpu = fit(model, out.resolve("plot-share").resolve(withPlots ? "plots" : "no-plots"), withPlots);
          (withPlots ? plots : none)[r] = wallCpu[0];
          (withPlots ? plotsCpu : noneCpu)[r] = wallCpu[1];
        }
      }
      double mp = median(plots);
      double mn = median(none);
      double cp = median(plotsCpu);
      double cn = median(noneCpu);
      lines.add(String.format(Locale.ROOT, "| %s | %s | %s | %.2f / %.2f (%.2f / %.2f) | **%.1f %%** / %.1f %% | %s → %s |", model,
          list(plots, plotsCpu), list(none, noneCpu), mp, mn, cp, cn, 100 * (mp - mn) / mp, 100 * (cp - cn) / cp, before, Clock.loadAverage()));
    }
    lines.add("");
    lines.add("share = (median with plots − median without) / median with plots, of the wall time (target < 10 %) and of the");
    lines.add("child JVM's process CPU (all threads); medians written as with plots / without (CPU in brackets).");
    Files.write(out.resolve("plot-share.md"), lines);
    lines.forEach(System.out::println);
  }

  /**
   * The wall time and the process CPU time of one {@code phloem fit MODEL} in a fresh JVM, seconds; fails
   * unless it converges (exit 0).
   */
  private static double[] fit(String model, Path folder, boolean plots) throws Exception {
    List<String> args = new ArrayList<>(List.of("fit", Repo.model(model).toString(), "--overwrite", "--out", folder.toString()));
    if (!plots) {
      args.add("--no-plots");
    }
    long t0 = System.nanoTime();
    ChildJvm.Run run = ChildJvm.run(CpuReportingMain.class, 1024, args, false);
    double wall = (System.nanoTime() - t0) / 1e9;
    assertEquals(0, run.exitCode(), String.join("\n", run.output()));
    var cpu = run.first("cpu");
    assertNotNull(cpu, "the child reports its CPU time");
    return new double[] {wall, Double.parseDouble(cpu.get("seconds"))};
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** "wall (cpu), ..." for each run. */
  private static String list(double[] wall, double[] cpu) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < wall.length; i++) {
      sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f (%.2f)", wall[i], cpu[i]));
    }
    return sb.toString();
  }
}
