package org.phloem.tests.scalebench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.phloem.compiler.driver.Compilation;
import org.phloem.runtime.GeneratedModel;

/**
 * Issue 6, benchmark 5: one gradient of the hourly BETHY site model over {@code --years} years of
 * hourly steps (25: 219,000 steps), with and without checkpointing: its time (wall and CPU), the tape's
 * high-water mark, the arrays of the model, and the peak heap the garbage collector reports.
 *
 * <pre>
 * java -Xmx256m -Xss16m -cp CLASSPATH org.phloem.tests.scalebench.HourlyBethyBench \
 *     --years 25 --modes checkpointed --reps 3 --data /tmp/scalebench
 * </pre>
 * {@code --modes} is a comma list of {@code plain} and {@code checkpointed}, run in that order, each
 * {@code --reps} times, alternating (plain, checkpointed, plain, ...) when both are given: their time
 * ratio is the price of the recomputation. For the heap, run one mode per JVM: the tape keeps its
 * largest size. Prints {@code RESULT key=value ...} lines (read by {@link ScaleBenchmarks}).
 *
 * <p>{@code --schedule nested2,nested3,nested4,revolve} instead compares the checkpointing schedules at
 * equal memory ({@link ScheduleComparison}): each nested schedule, revolve with the tape budget set to
 * what that nested schedule held, revolve with the default budget, and the plain gradient, interleaved
 * for {@code --reps} rounds (the first a warm-up).
 */
public final class HourlyBethyBench {
  private HourlyBethyBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int years = args.integer("years", 25);
    int reps = args.integer("reps", 3);
    List<String> modes = List.of(args.text("modes", "plain,checkpointed").split(","));
    Path data = Files.createDirectories(Path.of(args.text("data", System.getProperty("java.io.tmpdir") + "/scalebench-hourly")));

    Compilation[] c = new Compilation[1];
    Clock compile = Clock.time(() -> c[0] = HourlyBethy.compile());
    GeneratedModel[] m = new GeneratedModel[1];
    Clock bind = Clock.time(() -> m[0] = HourlyBethy.load(c[0], data, years));
    GeneratedModel model = m[0];
    int steps = model.info().dims().stream().filter(d -> d.name().equals("hour")).findFirst().orElseThrow().size();
    long live = HeapWatch.liveAfterFullGc();
    System.out.printf(Locale.ROOT, "RESULT kind=setup steps=%d automatic_checkpointing=%s model_arrays_mb=%.1f live_after_bind_mb=%.1f max_heap_mb=%.0f %s %s%n",
        steps, model.checkpointing(), HourlyBethy.arrayBytes(model) / 1e6, live / 1e6, Runtime.getRuntime().maxMemory() / 1e6,
        compile.fields("compile"), bind.fields("bind"));

    String schedules = args.text("schedule", "");
    if (!schedules.isEmpty()) {
      ScheduleComparison.run(c[0], model, List.of(schedules.split(",")), reps);
      return;
    }
    double[] p = model.info().priorMeans();
    double[][] gradients = new double[modes.size()][p.length];
    try (HeapWatch heap = new HeapWatch()) {
      for (int rep = 0; rep < reps; rep++) {
        for (int k = 0; k < modes.size(); k++) {
          model.setCheckpointing(modes.get(k).equals("checkpointed"));
          model.tape().resetPeak();
          double[] g = gradients[k];
          double[] j = new double[1];
          Clock t = Clock.time(() -> j[0] = model.gradient(p, g));
          System.out.printf(Locale.ROOT, "RESULT kind=gradient mode=%s rep=%d cost=%.10e tape_peak_mb=%.3f tape_capacity_mb=%.3f %s%n",
              modes.get(k), rep, j[0], model.tape().peakBytes() / 1e6, model.tape().capacityBytes() / 1e6, t.fields("gradient"));
        }
      }
      Thread.sleep(300); // the collector's notifications arrive on another thread
      double diff = 0;
      for (int k = 1; k < modes.size(); k++) {
        for (int i = 0; i < p.length; i++) {
          double scale = Math.max(Math.abs(gradients[0][i]), Math.abs(gradients[k][i]));
          if (scale > 0) {
            diff = Math.max(diff, Math.abs(gradients[0][i] - gradients[k][i]) / scale);
          }
        }
      }
      System.out.printf(Locale.ROOT, "RESULT kind=heap max_heap_after_gc_mb=%.1f collections=%d max_relative_gradient_difference=%.3e%n",
          heap.maxUsedAfterGc() / 1e6, heap.collections(), diff);
    }
  }
}
