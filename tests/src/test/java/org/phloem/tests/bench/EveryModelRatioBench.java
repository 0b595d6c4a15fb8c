package org.phloem.tests.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;
import org.phloem.tests.ad.ModelFiles;
import org.phloem.tests.scalebench.BethyLiteBlock;
import org.phloem.tests.support.Repo;
import org.phloem.tests.transport.FluxInversionData;

/**
 * Gradient / forward of every shipped model (each {@code .phl} under {@code models/} that declares a
 * model, {@link ModelFiles#all}), not only the benchmarked ones: a survey to find the models whose adjoint
 * is out of line, quick enough to run after every change to the AD stage (about 2-3 minutes of CPU for all
 * 43 models; the slowest, the 2-D transport runs of {@code models/ccdas/}, take most of it).
 *
 * <p>Each model at its prior means, bound to the repository's data (the two whose benchmark data a test makes:
 * {@code bethy_lite.phl} to one block of the synthetic climate, larger than the shipped sample,
 * {@code flux_inversion.phl} to the transport tests' fixture). Every model is warmed up (pairs of forward
 * and gradient for {@code --warmup} seconds of thread CPU, and on until the JIT is quiet), then {@code --reps}
 * rounds, the models
 * interleaved so that a burst of load falls on all of them: per round and model, a batch of forwards and
 * the same number of gradients (the batch about {@code --batch-ms} of forward), timed by the calling
 * thread's CPU. Per model: the median ratio and its interquartile range; whether the gradient runs the
 * checkpointed sweeps (the tape estimate {@code plainTapeBytes} above the tape budget); the estimate; the
 * tape the gradient actually held (peak); and, when checkpointed, the plain gradient's ratio and tape as
 * well, so a checkpointing decision that costs speed shows. Prints a Markdown table.
 *
 * <pre>
 * mvn -q -B -pl tests -am test-compile dependency:build-classpath -Dmdep.outputFile=$PWD/cp.txt -Dmdep.includeScope=test
 * CP=tests/target/test-classes:$(cat cp.txt)
 * java -Xss16m -Dphloem.repo=$PWD -cp $CP org.phloem.tests.bench.EveryModelRatioBench
 * </pre>
 * Options: {@code --reps R} rounds (5; models whose forward takes more than half a second run at most 3),
 * {@code --warmup S} seconds of thread CPU per model (1), {@code --batch-ms M} (10), {@code --only
 * "eastasia,dalec/"} models whose path contains one of these, {@code --skip "ccdas/"} to leave models out.
 */
public final class EveryModelRatioBench {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
  /** A forward slower than this (ms CPU) is warmed up by two pairs and measured in at most 3 rounds. */
  private static final double SLOW_FORWARD_MS = 500;
  /** The target (issue 17 item 2). */
  private static final double TARGET = 2.5;

  private EveryModelRatioBench() {}

  /** One bound model and what was measured on it. */
  private static final class Case {
    final String path;
    final GeneratedModel model;
    final double[] p;
    final double[] g;
    int batch = 1;
    boolean slow;
    double forwardMillis;
    boolean checkpointed;
    double estimateBytes;
    long peakBytes;
    long plainPeakBytes;
    final List<Double> ratios = new ArrayList<>();
    final List<Double> plainRatios = new ArrayList<>();

    Case(String path, CompiledModel model) {
      this.path = path;
      this.model = (GeneratedModel) model;
      this.p = model.info().priorMeans();
      this.g = new double[p.length];
    }
  }

  public static void main(String[] argv) throws Exception {
    Map<String, String> args = GradientRatioBench.options(argv);
    int reps = Integer.parseInt(args.getOrDefault("reps", "5"));
    double warmupSeconds = Double.parseDouble(args.getOrDefault("warmup", "1"));
    double batchMillis = Double.parseDouble(args.getOrDefault("batch-ms", "10"));
    List<String> only = words(args.getOrDefault("only", ""));
    List<String> skip = words(args.getOrDefault("skip", ""));
    Instant start = Instant.now();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    List<Case> cases = new ArrayList<>();
    Map<String, String> notMeasured = new LinkedHashMap<>();
    for (String path : ModelFiles.all()) {
      if ((!only.isEmpty() && only.stream().noneMatch(path::contains)) || skip.stream().anyMatch(path::contains)) {
        continue;
      }
      try {
        CompiledModel m = bind(path);
        if (m == null) {
          notMeasured.put(path, "no parameters (a forward run only; nothing to differentiate)");
          continue;
        }
        cases.add(new Case(path, m));
      } catch (Exception | Error e) {
        notMeasured.put(path, "not bound: " + e.getMessage());
      }
    }
    for (Case k : cases) {
      warmUp(k, warmupSeconds, batchMillis);
      tapes(k);
    }
    for (int r = 0; r < reps; r++) {
      for (Case k : cases) {
        if (k.slow && r >= 3) {
          continue;
        }
        long f = GradientRatioBench.cpu(() -> {
          for (int i = 0; i < k.batch; i++) {
            k.model.cost(k.p);
          }
        });
        long g = GradientRatioBench.cpu(() -> gradients(k));
        k.ratios.add((double) g / f);
        if (k.checkpointed) {
          k.model.setCheckpointing(false);
          long plain = GradientRatioBench.cpu(() -> gradients(k));
          k.model.setCheckpointing(true);
          k.plainRatios.add((double) plain / f);
        }
      }
    }
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    System.out.print(table(cases, notMeasured));
    double processCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    System.out.printf(Locale.ROOT, "%n%s to %s UTC, load average %.1f before, %.1f after; %d rounds (%s); %.0f s of process CPU%n",
        start.truncatedTo(ChronoUnit.SECONDS), Instant.now().truncatedTo(ChronoUnit.SECONDS), loadBefore, loadAfter, reps,
        String.join(" ", argv), processCpu);
  }

  /** The model bound to the data it runs on here; null when it has no parameters (nothing to differentiate). */
  private static CompiledModel bind(String path) throws Exception {
    Compilation c = Pipeline.compile(Repo.model(path), true);
    if (c.loaded().layout().params().isEmpty()) {
      return null;
    }
    switch (path) {
      case "bethy_lite/bethy_lite.phl":
        return BethyLiteBlock.bind(15, 2);
      case "transport/flux_inversion.phl":
        return FluxInversionData.bind(Files.createTempDirectory("every-flux"));
      default:
        return c.bind(Repo.dataRoot(Repo.model(path)));
    }
  }

  private static void gradients(Case k) {
    for (int i = 0; i < k.batch; i++) {
      k.model.gradient(k.p, k.g);
    }
  }

  /**
   * Pairs for {@code seconds} of thread CPU (two for a slow model), then on until the JIT has compiled
   * nothing while this thread ran a quarter of a second of CPU (at most four times {@code seconds} more): on a
   * loaded machine the compiler threads lag behind, and a ratio measured before they finish measures the interpreter. Sets
   * the batch to about {@code millis} of forward.
   */
  private static void warmUp(Case k, double seconds, double millis) {
    long start = THREADS.getCurrentThreadCpuTime();
    long forward = 0;
    int pairs = 0;
    long jitTime = JIT.getTotalCompilationTime();
    long quietSince = 0;
    while (true) {
      long f0 = THREADS.getCurrentThreadCpuTime();
      k.model.cost(k.p);
      long f = THREADS.getCurrentThreadCpuTime() - f0;
      forward += f;
      k.slow = f / 1e6 > SLOW_FORWARD_MS;
      k.model.gradient(k.p, k.g);
      pairs++;
      long used = THREADS.getCurrentThreadCpuTime() - start;
      long jit = JIT.getTotalCompilationTime();
      if (jit != jitTime) {
        jitTime = jit;
        quietSince = used;
      }
      boolean quiet = used - quietSince > 250_000_000L;
      if (pairs >= 2 && (k.slow || (used > seconds * 1e9 && (quiet || used > 5 * seconds * 1e9)))) {
        break;
      }
    }
    k.forwardMillis = forward / 1e6 / pairs;
    k.batch = (int) Math.max(1, Math.round(millis / k.forwardMillis));
  }

  /** The estimate, the checkpointing decision, and the tape the gradient held (and the plain one's, when checkpointed). */
  private static void tapes(Case k) {
    k.checkpointed = k.model.checkpointing();
    k.estimateBytes = k.model.plainTapeBytes();
    k.peakBytes = peak(k);
    if (k.checkpointed) {
      k.model.setCheckpointing(false);
      k.plainPeakBytes = peak(k);
      k.model.setCheckpointing(true);
    }
  }

  private static long peak(Case k) {
    k.model.tape().resetPeak();
    k.model.gradient(k.p, k.g);
    return k.model.tape().peakBytes();
  }

  private static String table(List<Case> cases, Map<String, String> notMeasured) {
    StringBuilder out = new StringBuilder();
    out.append("| model | parameters | forward, ms CPU | gradient / forward, median (IQR) | ≤ 2.5? | checkpointed | tape estimate, MB"
        + " | tape held, MB | plain gradient / forward (tape, MB), when checkpointed |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Case k : cases) {
      double[] q = quartiles(k.ratios);
      String plain = "";
      if (k.checkpointed) {
        double[] pq = quartiles(k.plainRatios);
        plain = String.format(Locale.ROOT, "%.2f (%.2f–%.2f), %.2f MB", pq[1], pq[0], pq[2], k.plainPeakBytes / 1e6);
      }
      out.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2f (%.2f–%.2f) | %s | %s | %.2f | %.2f | %s |%n", k.path, k.p.length,
          millis(k.forwardMillis), q[1], q[0], q[2], q[1] <= TARGET ? "yes" : "**no**", k.checkpointed ? "yes" : "no",
          k.estimateBytes / 1e6, k.peakBytes / 1e6, plain));
    }
    for (Map.Entry<String, String> e : notMeasured.entrySet()) {
      out.append(String.format(Locale.ROOT, "| %s | | | %s | | | | | |%n", e.getKey(), e.getValue()));
    }
    return out.toString();
  }

  private static String millis(double ms) {
    return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : ms >= 1 ? String.format(Locale.ROOT, "%.2f", ms)
        : String.format(Locale.ROOT, "%.4f", ms);
  }

  /** First quartile, median, third quartile (of the sorted values, by index as {@link GradientRatioBench} takes them). */
  private static double[] quartiles(List<Double> values) {
    double[] s = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    return new double[] {s[s.length / 4], s[s.length / 2], s[(3 * s.length) / 4]};
  }

  private static List<String> words(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(w -> !w.isEmpty()).toList();
  }
}
