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
 * and binds a model of the repository, then runs iterations of five calls each timed alone by this
 * thread's CPU time: the model's gradient, its forward run (cost), and three controls that run no
 * generated code: DALEC's forward run written by hand in plain Java ({@link HandDalec}) over the
 * Metolius drivers once (≈ 175 KB of arrays) and over three copies of them one after the other (the
 * large control, ≈ 525 KB, about the DALEC gradient's working set of ≈ 570 KB), and DALEC's gradient
 * written by hand ({@link HandDalecGradient}: a forward sweep that records on a tape, a reverse sweep).
 * The first iterations, for a given amount of CPU time, are the warm-up; the next {@code calls} are
 * measured. Prints one {@code RESULT} line with the medians and 10th percentiles.
 *
 * <p>Why controls: the machine has a slow state that belongs to one virtual CPU at a time, for minutes
 * (its core on the host shared with another busy hardware thread: session 9 measured one process
 * moved between the CPUs, the same compiled code ×1.4–1.6 slower on one of them). A launch whose
 * thread ran there is slow as a whole; the controls run in the same iterations, so dividing by them
 * takes out what the machine did, as far as they slow like the generated code (they slow less:
 * BENCHMARKS, "Launch-to-launch spread"). The trace records the CPU of every iteration.
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
 * java -Xss16m -cp CLASSPATH [-Dlaunchprobe.trace=FILE.csv] [-Dlaunchprobe.alternateCpus=K] org.phloem.tests.bench.LaunchProbe dalec/oregon.phl [warmupCpuSeconds] [calls]
 * </pre>
 * With {@code launchprobe.trace} every measured call's time is written to a CSV file (call, JVM uptime
 * in ms when its iteration began, the five times in µs, where the gradient stood in the iteration and
 * the CPU the thread ran on), to be read beside a GC or compilation log of the same launch. With
 * {@code launchprobe.alternateCpus=K} the measuring thread is moved to the next CPU ({@code taskset})
 * every K measured iterations: one process, with one set of compiled code, measured on each CPU in turn.
 */
public final class LaunchProbe {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** The kinds of call: gradient, forward, control, large control, gradient control. */
  private static final int KINDS = 5;
  /** Every order of the five calls. */
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
  private final HandDalecGradient handGradient;
  private final double[] handG = new double[10];
  /** Per measured call: times in µs, indexed [kind][call] with kinds as in {@link #ORDERS}. */
  private final double[][] micros;
  /** Per measured call: when its iteration began (System.nanoTime) and where the gradient stood in it. */
  private final long[] began;
  private final int[] gradientPosition;
  /** Per measured call: the CPU this thread ran on just after its iteration (-1 where unknown). */
  private final int[] cpu;
  private final SplittableRandom random = new SplittableRandom(17);
  private double sink;

  private LaunchProbe(CompiledModel model, HandDalec hand, HandDalec large, HandDalecGradient handGradient, int calls) throws Exception {
    this.model = model;
    this.p = BenchModels.testPoint(model, 1);
    this.g = new double[p.length];
    this.hand = hand;
    this.handP = BenchModels.dalec().info().priorMeans();
    this.large = large;
    this.handGradient = handGradient;
    this.micros = new double[KINDS][calls];
    this.began = new long[calls];
    this.gradientPosition = new int[calls];
    this.cpu = new int[calls];
  }

  public static void main(String[] args) throws Exception {
    String modelName = args.length > 0 ? args[0] : "dalec/oregon.phl";
    double warmupSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 8;
    int calls = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    String loadBefore = load();
    LaunchProbe probe = new LaunchProbe(Repo.load(modelName), HandDalec.load(), HandDalec.loadTiled(LARGE_CONTROL_COPIES),
        HandDalecGradient.load(), calls);
    // warm-up: the same iterations as the measurement, their times written over and over
    long until = THREADS.getCurrentThreadCpuTime() + (long) (warmupSeconds * 1e9);
    int warmupIterations = 0;
    while (THREADS.getCurrentThreadCpuTime() < until) {
      probe.iteration(warmupIterations++ % calls);
    }
    // launchprobe.alternateCpus=K: move this thread to the next CPU every K measured iterations (taskset), so that
    // one process, with one set of compiled code, is measured on every CPU in turn
    int alternate = Integer.getInteger("launchprobe.alternateCpus", 0);
    String tid = alternate > 0 ? Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString() : null;
    int cpus = Runtime.getRuntime().availableProcessors();
    long uptimeAtStart = ManagementFactory.getRuntimeMXBean().getUptime();
    long nanoAtStart = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      if (alternate > 0 && i % alternate == 0) {
        pin(tid, (i / alternate) % cpus);
      }
      probe.iteration(i);
      probe.cpu[i] = currentCpu();
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
    double[] gradientControl = probe.micros[4];
    int half = calls / 2;
    System.out.printf(Locale.ROOT,
        "RESULT kind=probe model=%s gradient_us=%.2f forward_us=%.2f ratio=%.3f gradient_p10_us=%.2f forward_p10_us=%.2f control_us=%.2f"
            + " control_p10_us=%.2f gradient_mean_us=%.2f forward_mean_us=%.2f control_mean_us=%.2f gradient_slow_share=%.3f forward_slow_share=%.3f control_slow_share=%.3f"
            + " control_large_us=%.2f control_large_p10_us=%.2f control_large_mean_us=%.2f control_large_slow_share=%.3f"
            + " control_gradient_us=%.2f control_gradient_p10_us=%.2f control_gradient_mean_us=%.2f control_gradient_slow_share=%.3f"
            + " gradient_first_half_us=%.2f gradient_second_half_us=%.2f calls=%d warmup_iterations=%d measure_from_ms=%d measure_to_ms=%d"
            + " load=%s..%s finite=%s%n",
        modelName, median(gradient), median(forward), median(gradient) / median(forward), quantile(gradient, 0.1), quantile(forward, 0.1),
        median(control), quantile(control, 0.1), mean(gradient), mean(forward), mean(control), slowShare(gradient), slowShare(forward), slowShare(control),
        median(large), quantile(large, 0.1), mean(large), slowShare(large),
        median(gradientControl), quantile(gradientControl, 0.1), mean(gradientControl), slowShare(gradientControl),
        median(Arrays.copyOfRange(gradient, 0, half)), median(Arrays.copyOfRange(gradient, half, calls)), calls, warmupIterations,
        uptimeAtStart, uptimeAtEnd, loadBefore, load(), Double.isFinite(probe.sink));
  }

  /** One iteration: the gradient, the forward run and the three controls, in a random order, each timed alone. */
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
      } else if (kind == 3) {
        large.run(handP);
        sink += large.gpp[large.gpp.length - 1];
      } else {
        sink += handGradient.gradient(handP, handG) + handG[9];
      }
      micros[kind][slot] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e3;
    }
  }

  private void writeTrace(Path file, long uptimeAtStart, long nanoAtStart) throws IOException {
    StringBuilder b = new StringBuilder("call,uptime_ms,gradient_us,forward_us,control_us,control_large_us,control_gradient_us,gradient_position,cpu\n");
    for (int i = 0; i < began.length; i++) {
      b.append(String.format(Locale.ROOT, "%d,%.3f,%.2f,%.2f,%.2f,%.2f,%.2f,%d,%d%n", i, uptimeAtStart + (began[i] - nanoAtStart) / 1e6,
          micros[0][i], micros[1][i], micros[2][i], micros[3][i], micros[4][i], gradientPosition[i], cpu[i]));
    }
    Files.writeString(file, b);
  }

  /** The CPU this thread runs on (field 39 of {@code /proc/thread-self/stat}), or -1 where there is none. */
  static int currentCpu() {
    try {
      String stat = Files.readString(Path.of("/proc/thread-self/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Integer.parseInt(fields[36]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Restricts thread {@code tid} to CPU {@code cpu} ({@code taskset}); a diagnostic, so a failure only warns. */
  private static void pin(String tid, int cpu) throws InterruptedException {
    try {
      Process p = new ProcessBuilder("taskset", "-p", "-c", Integer.toString(cpu), tid).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.waitFor();
    } catch (IOException e) {
      System.err.println("launchprobe.alternateCpus: " + e.getMessage());
    }
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
