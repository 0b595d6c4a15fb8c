package org.phloem.tests.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.phloem.runtime.CompiledModel;
import org.phloem.tests.support.Repo;

/**
 * One JVM launch of the launch-to-launch spread measurement ({@link LaunchSpreadBenchmark}): compiles
 * and binds a model of the repository, then runs iterations of three calls each timed alone by this
 * thread's CPU time: the model's gradient, its forward run (cost), and two controls that run no
 * generated code, DALEC's forward run written by hand in plain Java ({@link HandDalec}): over the
 * Metolius drivers once (≈ 175 KB of arrays) and over three copies of them one after the other (the
 * large control, ≈ 525 KB, about the DALEC gradient's working set of ≈ 570 KB). The first iterations,
 * for a given amount of CPU time, are the warm-up; the next {@code calls} are measured. Prints one
 * {@code RESULT} line with the medians and 10th percentiles.
 *
 * <p>Two controls because the machine's slow state (this VM's core shared with whatever runs beside
 * it on the host) slows code with a larger working set more: the gradients (DALEC ≈ 570 KB, the BETHY
 * site more) more than the small control. Dividing by a control with a comparable working set tells
 * whether that is all the machine.
 *
 * <p>Each call is timed alone, not in batches: a call takes far less than a scheduler time slice, so on
 * a loaded machine most calls run undisturbed, and a time slice given to another process inflates a
 * few calls instead of every batch it falls in. Waiting for a core is not CPU time either; what load
 * still adds (caches refilled after another process ran, a timer interrupt) shows as slow calls, and
 * the 10th percentile beside the median tells them apart from slow code.
 *
 * <p>The calls run in a random order in every iteration. In a fixed order an iteration takes
 * about the same time every time, and a periodic disturbance (the scheduler tick, another process's
 * time slice) then falls on the same call for thousands of iterations: measured on DALEC, every third
 * gradient call was slowed by about 20 µs for long stretches while the control was spared, so the control
 * could not account for what the machine did. In a random order every call is equally exposed.
 *
 * <p>Everything is loaded before the warm-up, which runs the same iterations as the measurement. When
 * the control was loaded after the warm-up (it compiles DALEC once more for its prior means: a second
 * subclass of {@code GeneratedModel}), HotSpot discarded its compiled {@code GeneratedModel.gradient},
 * {@code cost} and uncertainty check at that moment (every launch's compilation log) and compiled them
 * again only once the measurement had begun, so the first measured calls ran them interpreted or at C1.
 *
 * <pre>
 * java -Xss16m -cp CLASSPATH [-Dlaunchprobe.trace=FILE.csv] org.phloem.tests.bench.LaunchProbe dalec/oregon.phl [warmupCpuSeconds] [calls]
 * </pre>
 * With {@code launchprobe.trace} every measured call's time is written to a CSV file (call, JVM uptime
 * in ms when its iteration began, the three times in µs, and where the gradient stood in the iteration),
 * to be read beside a GC or compilation log of the same launch.
 */
public final class LaunchProbe {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** The kinds of call: gradient, forward, control, large control. */
  private static final int KINDS = 4;
  /** Every order of the four calls. */
  private static final int[][] ORDERS = orders(KINDS);
  /** Copies of the Metolius drivers the large control runs over. */
  static final int LARGE_CONTROL_COPIES = 3;
  /** A call is counted slow above this multiple of its own 10th percentile. */
  static final double SLOW = 1.08;

  private final CompiledModel model;
  private final double[] p;
  private final double[] g;
  private final HandDalec hand;
  private final double[] handP;
  private final HandDalec large;
  /** Per measured call: times in µs, indexed [kind][call] with kinds as in {@link #ORDERS}. */
  private final double[][] micros;
  /** Per measured call: when its iteration began (System.nanoTime) and where the gradient stood in it. */
  private final long[] began;
  private final int[] gradientPosition;
  private final SplittableRandom random = new SplittableRandom(17);
  private double sink;

  private LaunchProbe(CompiledModel model, HandDalec hand, HandDalec large, int calls) throws Exception {
    this.model = model;
    this.p = BenchModels.testPoint(model, 1);
    this.g = new double[p.length];
    this.hand = hand;
    this.handP = BenchModels.dalec().info().priorMeans();
    this.large = large;
    this.micros = new double[KINDS][calls];
    this.began = new long[calls];
    this.gradientPosition = new int[calls];
  }

  public static void main(String[] args) throws Exception {
    String modelName = args.length > 0 ? args[0] : "dalec/oregon.phl";
    double warmupSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 8;
    int calls = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    String loadBefore = load();
    LaunchProbe probe = new LaunchProbe(Repo.load(modelName), HandDalec.load(), HandDalec.loadTiled(LARGE_CONTROL_COPIES), calls);
    // warm-up: the same iterations as the measurement, their times written over and over
    long until = THREADS.getCurrentThreadCpuTime() + (long) (warmupSeconds * 1e9);
    int warmupIterations = 0;
    while (THREADS.getCurrentThreadCpuTime() < until) {
      probe.iteration(warmupIterations++ % calls);
    }
    long uptimeAtStart = ManagementFactory.getRuntimeMXBean().getUptime();
    long nanoAtStart = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      probe.iteration(i);
    }
    long uptimeAtEnd = uptimeAtStart + (System.nanoTime() - nanoAtStart) / 1_000_000;
    String trace = System.getProperty("launchprobe.trace");
    if (trace != null) {
      probe.writeTrace(Path.of(trace), uptimeAtStart, nanoAtStart);
    }
    double[] gradient = probe.micros[0];
    double[] forward = probe.micros[1];
    double[] control = probe.micros[2];
    double[] large = probe.micros[3];
    int half = calls / 2;
    System.out.printf(Locale.ROOT,
        "RESULT kind=probe model=%s gradient_us=%.2f forward_us=%.2f ratio=%.3f gradient_p10_us=%.2f forward_p10_us=%.2f control_us=%.2f"
            + " control_p10_us=%.2f gradient_mean_us=%.2f forward_mean_us=%.2f control_mean_us=%.2f gradient_slow_share=%.3f forward_slow_share=%.3f control_slow_share=%.3f"
            + " control_large_us=%.2f control_large_p10_us=%.2f control_large_mean_us=%.2f control_large_slow_share=%.3f"
            + " gradient_first_half_us=%.2f gradient_second_half_us=%.2f calls=%d warmup_iterations=%d measure_from_ms=%d measure_to_ms=%d"
            + " load=%s..%s finite=%s%n",
        modelName, median(gradient), median(forward), median(gradient) / median(forward), quantile(gradient, 0.1), quantile(forward, 0.1),
        median(control), quantile(control, 0.1), mean(gradient), mean(forward), mean(control), slowShare(gradient), slowShare(forward), slowShare(control),
        median(large), quantile(large, 0.1), mean(large), slowShare(large),
        median(Arrays.copyOfRange(gradient, 0, half)), median(Arrays.copyOfRange(gradient, half, calls)), calls, warmupIterations,
        uptimeAtStart, uptimeAtEnd, loadBefore, load(), Double.isFinite(probe.sink));
  }

  /** One iteration: the gradient, the forward run and the two controls, in a random order, each timed alone. */
  private void iteration(int slot) {
    int[] order = ORDERS[random.nextInt(ORDERS.length)];
    began[slot] = System.nanoTime();
    for (int position = 0; position < KINDS; position++) {
      int kind = order[position];
      long t0 = THREADS.getCurrentThreadCpuTime();
      if (kind == 0) {
        sink += model.gradient(p, g);
        gradientPosition[slot] = position;
      } else if (kind == 1) {
        sink += model.cost(p);
      } else if (kind == 2) {
        hand.run(handP);
        sink += hand.gpp[hand.gpp.length - 1];
      } else {
        large.run(handP);
        sink += large.gpp[large.gpp.length - 1];
      }
      micros[kind][slot] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e3;
    }
  }

  private void writeTrace(Path file, long uptimeAtStart, long nanoAtStart) throws IOException {
    StringBuilder b = new StringBuilder("call,uptime_ms,gradient_us,forward_us,control_us,control_large_us,gradient_position\n");
    for (int i = 0; i < began.length; i++) {
      b.append(String.format(Locale.ROOT, "%d,%.3f,%.2f,%.2f,%.2f,%.2f,%d%n", i, uptimeAtStart + (began[i] - nanoAtStart) / 1e6,
          micros[0][i], micros[1][i], micros[2][i], micros[3][i], gradientPosition[i]));
    }
    Files.writeString(file, b);
  }

  /** Every order of {@code 0..n-1}. */
  private static int[][] orders(int n) {
    List<int[]> out = new ArrayList<>();
    permute(new int[n], new boolean[n], 0, out);
    return out.toArray(new int[0][]);
  }

  private static void permute(int[] order, boolean[] used, int at, List<int[]> out) {
    if (at == order.length) {
      out.add(order.clone());
      return;
    }
    for (int k = 0; k < order.length; k++) {
      if (!used[k]) {
        used[k] = true;
        order[at] = k;
        permute(order, used, at + 1, out);
        used[k] = false;
      }
    }
  }

  /** The share of calls slower than {@link #SLOW} times the 10th percentile. */
  static double slowShare(double[] x) {
    double limit = SLOW * quantile(x, 0.1);
    return Arrays.stream(x).filter(v -> v > limit).count() / (double) x.length;
  }

  static double mean(double[] x) {
    return Arrays.stream(x).average().orElseThrow();
  }

  static double median(double[] x) {
    return quantile(x, 0.5);
  }

  /** The {@code q} quantile of {@code x}, interpolated between order statistics. */
  static double quantile(double[] x, double q) {
    double[] s = x.clone();
    Arrays.sort(s);
    double at = q * (s.length - 1);
    int lo = (int) Math.floor(at);
    int hi = Math.min(s.length - 1, lo + 1);
    return s[lo] + (at - lo) * (s[hi] - s[lo]);
  }

  /** The 1-minute load average ({@code /proc/loadavg}), or "?" where there is none. */
  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }
}
