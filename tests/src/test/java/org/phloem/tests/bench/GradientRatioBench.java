package org.phloem.tests.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;
import org.phloem.tests.bethy.BethySite;
import org.phloem.tests.sdbm.SdbmData;
import org.phloem.tests.support.Repo;

/**
 * Gradient / forward of every benchmarked model, side by side in one JVM, by the calling thread's CPU
 * time (a loaded machine's queue for a core does not count): for each model, warm-up pairs (forward, then
 * gradient) until the JIT has compiled both, then {@code --reps} rounds in which every model runs
 * {@code --batch} forwards and {@code --batch} gradients; the models' rounds are interleaved so that a
 * burst of load falls on all of them. Prints one {@code RESULT} line per model with the median ratio and
 * its interquartile range, the forward's median thread CPU per call, the plain tape's size and whether the
 * gradient was checkpointed.
 *
 * <pre>
 * mvn -q -B -pl tests -am test-compile
 * java -Xss16m -Dphloem.repo=$PWD -cp $CP org.phloem.tests.bench.GradientRatioBench --reps 15
 * </pre>
 * Options: {@code --warmup S} seconds of thread CPU per model (20), {@code --batch-ms M} of forward
 * runs per measurement (50), {@code --only "BETHY,sites"} models whose names start so, {@code --transport off} and
 * {@code --ccdas off} to leave out the two slowest (models/ccdas/fossil_gradient.phl, models/ccdas/ccdas.phl).
 */
public final class GradientRatioBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private GradientRatioBench() {}

  /** One model at its prior means (the sites model at a random point, as the JMH benchmarks take it). */
  private record Case(String name, CompiledModel model, double[] p, double[] g) {}

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = options(argv);
    int reps = Integer.parseInt(args.getOrDefault("reps", "15"));
    int warmupSeconds = Integer.parseInt(args.getOrDefault("warmup", "20"));
    double batchMillis = Double.parseDouble(args.getOrDefault("batch-ms", "50"));
    List<String> only = List.of(args.getOrDefault("only", "").split(","));
    List<Case> cases = new ArrayList<>();
    add(cases, "DALEC+obs", BenchModels.dalecWithObservations(), false);
    add(cases, "BETHY site", BethySite.load("hyytiala.phl"), false);
    Path sdbmData = Repo.dataRoot(Repo.model("sdbm/sdbm.phl")); // the shipped data/sdbm/, what SdbmData writes
    add(cases, "SDBM+transport", Pipeline.compile(Repo.model("sdbm/sdbm.phl"), true).bind(sdbmData), false);
    add(cases, "sites n=50", BenchModels.sites(50), true);
    add(cases, "sites n=200", BenchModels.sites(200), true);
    Path transport = Repo.model("ccdas/fossil_gradient.phl");
    if (Files.exists(transport) && !args.getOrDefault("transport", "on").equals("off")) {
      add(cases, "2-D transport", Pipeline.compile(transport, true).bind(Repo.dataRoot(transport)), false);
    }
    Path ccdas = Repo.model("ccdas/ccdas.phl");
    if (Files.exists(ccdas) && !args.getOrDefault("ccdas", "on").equals("off")) {
      add(cases, "CCDAS experiment", Pipeline.compile(ccdas, true).bind(Repo.dataRoot(ccdas)), false);
    }
    if (!only.equals(List.of(""))) {
      cases.removeIf(k -> only.stream().noneMatch(o -> k.name().startsWith(o)));
    }
    int[] batch = new int[cases.size()];
    for (int c = 0; c < cases.size(); c++) {
      batch[c] = warmUp(cases.get(c), warmupSeconds, batchMillis);
    }
    double[][] ratios = new double[cases.size()][reps];
    double[][] forwardMicros = new double[cases.size()][reps];
    for (int r = 0; r < reps; r++) {
      for (int c = 0; c < cases.size(); c++) {
        Case k = cases.get(c);
        int n = batch[c];
        long f = cpu(() -> {
          for (int i = 0; i < n; i++) {
            k.model().cost(k.p());
          }
        });
        long g = cpu(() -> {
          for (int i = 0; i < n; i++) {
            k.model().gradient(k.p(), k.g());
          }
        });
        ratios[c][r] = (double) g / f;
        forwardMicros[c][r] = f / 1e3 / n;
      }
    }
    for (int c = 0; c < cases.size(); c++) {
      Case k = cases.get(c);
      double[] s = ratios[c].clone();
      Arrays.sort(s);
      GeneratedModel gm = (GeneratedModel) k.model();
      double[] fw = forwardMicros[c].clone();
      Arrays.sort(fw);
      System.out.printf(Locale.ROOT, "RESULT model=\"%s\" ratio_median=%.3f q1=%.3f q3=%.3f min=%.3f max=%.3f reps=%d batch=%d"
          + " forward_us_median=%.1f plain_tape_mb=%.3f checkpointed=%s load=%s%n", k.name(), s[s.length / 2], s[s.length / 4],
          s[(3 * s.length) / 4], s[0], s[s.length - 1], reps, batch[c], fw[fw.length / 2], gm.plainTapeBytes() / 1e6, gm.checkpointing(),
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** The {@code --name value} pairs of a command line, by name without the dashes. */
  static Map<String, String> options(String[] argv) {
    Map<String, String> args = new LinkedHashMap<>();
    for (int k = 0; k + 1 < argv.length; k += 2) {
      args.put(argv[k].replaceFirst("^--", ""), argv[k + 1]);
    }
    return args;
  }

  private static void add(List<Case> cases, String name, CompiledModel m, boolean randomPoint) {
    double[] p = randomPoint ? BenchModels.testPoint(m, 3) : m.info().priorMeans();
    cases.add(new Case(name, m, p, new double[p.length]));
  }

  /** Runs pairs for {@code seconds} of thread CPU; returns the batch size that takes about {@code millis} of forward. */
  private static int warmUp(Case k, int seconds, double millis) {
    long start = THREADS.getCurrentThreadCpuTime();
    long forward = 0;
    int pairs = 0;
    while (THREADS.getCurrentThreadCpuTime() - start < seconds * 1_000_000_000L) {
      long f0 = THREADS.getCurrentThreadCpuTime();
      k.model().cost(k.p());
      forward += THREADS.getCurrentThreadCpuTime() - f0;
      k.model().gradient(k.p(), k.g());
      pairs++;
    }
    double perForward = (double) forward / pairs;
    return (int) Math.max(1, Math.round(millis * 1e6 / perForward));
  }

  /** The calling thread's CPU time {@code work} takes, ns. */
  static long cpu(Runnable work) {
    long t0 = THREADS.getCurrentThreadCpuTime();
    work.run();
    return THREADS.getCurrentThreadCpuTime() - t0;
  }
}
