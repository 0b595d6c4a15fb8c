package org.phloem.tests.scalebench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phloem.compiler.driver.Compilation;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.parallel.SiteSum;
import org.phloem.runtime.synth.Options;

/**
 * Issue 6, benchmark 6: one cost + gradient of BETHY-lite over the synthetic grid, with 1 and with 2
 * threads ({@link SiteSum} over blocks of cells), its wall and CPU time and its peak heap.
 *
 * <pre>
 * java -Xmx3g -Xss16m -cp CLASSPATH org.phloem.tests.scalebench.GlobalBethyLiteBench \
 *     --resolution 2 --years 25 --block 50 --threads 1,2 --rounds 2 --checkpoint on
 * </pre>
 * Options: {@code --warmup} untimed evaluations per thread count first (JIT), {@code --checkpoint on|off|auto} (auto: the compiled threshold decides; the day loop of 25
 * years, 9,131 steps, is below the default 10,000, so auto is off), {@code --rounds} how many times the
 * thread counts are cycled (1, 2, 1, 2, ...: alternating, so a change of the machine's load hits both).
 * Prints {@code RESULT key=value ...} lines (read by {@link ScaleBenchmarks}).
 */
public final class GlobalBethyLiteBench {
  private GlobalBethyLiteBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    double resolution = args.real("resolution", 2);
    int years = args.integer("years", 25);
    int blockSize = args.integer("block", 50);
    int rounds = args.integer("rounds", 2);
    int warmups = args.integer("warmup", 1);
    String checkpoint = args.text("checkpoint", "on");
    List<Integer> threads = new ArrayList<>();
    for (String t : args.text("threads", "1,2").split(",")) {
      threads.add(Integer.parseInt(t.trim()));
    }
    int cores = Runtime.getRuntime().availableProcessors();

    Compilation[] compilation = new Compilation[1];
    Clock compile = Clock.time(() -> compilation[0] = GlobalBethyLite.compile());
    Options options = GlobalBethyLite.options(resolution, years, cores);
    @SuppressWarnings("unchecked")
    List<Map<String, double[]>>[] forcing = new List[1];
    Clock climate = Clock.time(() -> forcing[0] = GlobalBethyLite.forcing(options, blockSize));
    long liveClimate = HeapWatch.liveAfterFullGc();
    int days = org.phloem.runtime.synth.SyntheticClimate.daysOfYear(options).length;
    int cells = options.grid().cells().size();
    List<CompiledModel> blocks = new ArrayList<>();
    Clock bind = Clock.time(() -> blocks.addAll(GlobalBethyLite.bind(compilation[0], forcing[0], days)));
    double[] p = blocks.get(0).info().priorMeans();
    forcing[0] = null;
    for (CompiledModel b : blocks) {
      if (!checkpoint.equals("auto")) {
        ((GeneratedModel) b).setCheckpointing(checkpoint.equals("on"));
      }
    }
    boolean checkpointed = ((GeneratedModel) blocks.get(0)).checkpointing();
    long live = HeapWatch.liveAfterFullGc();
    System.out.printf(Locale.ROOT, "RESULT kind=setup cells=%d days=%d blocks=%d block=%d cores=%d checkpointed=%s live_after_climate_mb=%.1f live_after_bind_mb=%.1f %s %s %s%n",
        cells, days, blocks.size(), blockSize, cores, checkpointed, liveClimate / 1e6, live / 1e6, compile.fields("compile"), climate.fields("climate"),
        bind.fields("bind_twin"));

    double[] g = new double[p.length];
    List<SiteSum> sums = new ArrayList<>();
    for (int t : threads) {
      sums.add(SiteSum.of(blocks, GlobalBethyLite.blockLabels(blocks.size()), t));
    }
    // JIT warm-up: whole evaluations, not printed as runs, so that the timed ones run compiled code
    for (int w = 0; w < warmups; w++) {
      for (SiteSum sum : sums) {
        Clock warm = Clock.time(() -> {
          sum.cost(p);
          sum.gradient(p, g);
        });
        System.out.printf(Locale.ROOT, "RESULT kind=warmup threads=%d %s%n", sum.threads(), warm.fields("cost_and_gradient"));
      }
    }
    double[] reference = null;
    try (HeapWatch heap = new HeapWatch()) {
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < threads.size(); k++) {
          SiteSum sum = sums.get(k);
          double[] cost = new double[1];
          Clock c = Clock.time(() -> cost[0] = sum.cost(p));
          double[] j = new double[1];
          ThreadCpu perThread = new ThreadCpu();
          Clock gr = Clock.time(() -> j[0] = sum.gradient(p, g));
          double[] threadCpu = perThread.since();
          boolean same = reference == null || java.util.Arrays.equals(reference, g);
          if (reference == null) {
            reference = g.clone();
          }
          long tape = 0;
          for (CompiledModel b : blocks) {
            tape += ((GeneratedModel) b).tape().capacityBytes();
          }
          System.out.printf(Locale.ROOT, "RESULT kind=run round=%d threads=%d cost=%.10e gradient_norm=%.6e same_gradient_bits=%s tapes_mb=%.1f "
              + "gradient_busiest_thread_cpu_s=%.3f gradient_threads_cpu_s=%.3f %s %s%n",
              round, threads.get(k), j[0], norm(g), same, tape / 1e6, threadCpu[0], threadCpu[1], c.fields("cost"), gr.fields("gradient"));
        }
      }
      Thread.sleep(300); // the collector's notifications arrive on another thread
      System.out.printf(Locale.ROOT, "RESULT kind=heap max_heap_after_gc_mb=%.1f collections=%d live_end_mb=%.1f%n",
          heap.maxUsedAfterGc() / 1e6, heap.collections(), HeapWatch.liveAfterFullGc() / 1e6);
    }
  }

  static double norm(double[] g) {
    double s = 0;
    for (double x : g) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
