package org.phloem.tests.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import org.phloem.runtime.CompiledModel;
import org.phloem.tests.support.Repo;

/**
 * One JVM launch of the launch-to-launch spread measurement ({@link LaunchSpreadBenchmark}): compiles
 * and binds a model of the repository, warms it up as a fit does (cost and gradient interleaved) for a
 * given amount of this thread's CPU time, then times single gradient and forward calls, alternating,
 * each by this thread's CPU time, and beside them a control that runs no generated code: DALEC's
 * forward run written by hand in plain Java ({@link HandDalec}). Prints one {@code RESULT} line with the medians and the 10th
 * percentiles.
 *
 * <p>Each call is timed alone, not in batches: a call takes far less than a scheduler time slice, so on
 * a loaded machine most calls run undisturbed, and a time slice given to another process inflates a
 * few calls instead of every batch it falls in. Waiting for a core is not CPU time either; what load
 * still adds (caches refilled after another process ran) shows as the gap between the median and the
 * 10th percentile, printed beside the load average.
 *
 * <pre>
 * java -Xss16m -cp CLASSPATH org.phloem.tests.bench.LaunchProbe dalec/oregon.phl [warmupCpuSeconds] [calls]
 * </pre>
 */
public final class LaunchProbe {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private LaunchProbe() {}

  public static void main(String[] args) throws Exception {
    String model = args.length > 0 ? args[0] : "dalec/oregon.phl";
    double warmupSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 8;
    int calls = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    String loadBefore = load();
    CompiledModel m = Repo.load(model);
    double[] p = BenchModels.testPoint(m, 1);
    double[] g = new double[p.length];
    long until = THREADS.getCurrentThreadCpuTime() + (long) (warmupSeconds * 1e9);
    double sink = 0;
    int warmupCalls = 0;
    while (THREADS.getCurrentThreadCpuTime() < until) {
      sink += m.cost(p) + m.gradient(p, g);
      warmupCalls++;
    }
    // the control: DALEC written by hand in plain Java, no generated code; what the machine's state
    // does to it, it does to the model as well
    HandDalec hand = HandDalec.load();
    double[] handP = BenchModels.dalec().info().priorMeans();
    until = THREADS.getCurrentThreadCpuTime() + (long) (1e9);
    while (THREADS.getCurrentThreadCpuTime() < until) {
      hand.run(handP);
    }
    double[] gradient = new double[calls];
    double[] forward = new double[calls];
    double[] control = new double[calls];
    long wall0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      long t0 = THREADS.getCurrentThreadCpuTime();
      sink += m.gradient(p, g);
      long t1 = THREADS.getCurrentThreadCpuTime();
      sink += m.cost(p);
      long t2 = THREADS.getCurrentThreadCpuTime();
      hand.run(handP);
      long t3 = THREADS.getCurrentThreadCpuTime();
      sink += hand.gpp[1095];
      gradient[i] = (t1 - t0) / 1e3;
      forward[i] = (t2 - t1) / 1e3;
      control[i] = (t3 - t2) / 1e3;
    }
    double wall = (System.nanoTime() - wall0) / 1e9;
    System.out.printf(Locale.ROOT,
        "RESULT kind=probe model=%s gradient_us=%.2f forward_us=%.2f ratio=%.3f gradient_p10_us=%.2f forward_p10_us=%.2f control_us=%.2f calls=%d"
            + " warmup_calls=%d measure_wall_s=%.2f load=%s..%s finite=%s%n",
        model, median(gradient), median(forward), median(gradient) / median(forward), quantile(gradient, 0.1), quantile(forward, 0.1),
        median(control), calls, warmupCalls, wall, loadBefore, load(), Double.isFinite(sink));
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
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+")[0];
    } catch (java.io.IOException | RuntimeException e) {
      return "?";
    }
  }
}
