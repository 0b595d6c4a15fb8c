package org.phloem.tests.scalebench;

import java.nio.file.Path;
import java.util.Locale;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.GeneratedModel;
import org.phloem.tests.support.Repo;

/**
 * Issue 13, item 6 (the transport's half): one forward run and one gradient of the 2-D transport over
 * the whole period, 1980-2003 (288 months x 198 steps, 522 boxes), through
 * models/ccdas/fossil_gradient.phl (18 parameters, 5,184 observed monthly surface values). Alternates
 * cost and gradient {@code --reps} times in one JVM after {@code --warmup} pairs, and prints wall and
 * thread-CPU time of each, the tape's high-water mark and the largest heap after a collection.
 *
 * <pre>
 * java -Xmx1g -Xss16m -Dphloem.repo=$PWD -cp $CP org.phloem.tests.scalebench.Transport2dBench --warmup 1 --reps 3
 * </pre>
 * {@code --model ccdas/pulse.phl} runs the 1980-1981 test model instead. Prints {@code RESULT key=value} lines.
 */
public final class Transport2dBench {
  private Transport2dBench() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int reps = args.integer("reps", 3);
    int warmup = args.integer("warmup", 1);
    String relative = args.text("model", "ccdas/fossil_gradient.phl");
    Path file = Repo.model(relative);
    Compilation[] c = new Compilation[1];
    Clock compile = Clock.time(() -> c[0] = Pipeline.compile(file, true));
    GeneratedModel[] m = new GeneratedModel[1];
    Clock bind = Clock.time(() -> m[0] = (GeneratedModel) c[0].bind(Repo.dataRoot(file)));
    GeneratedModel model = m[0];
    long live = HeapWatch.liveAfterFullGc();
    System.out.printf(Locale.ROOT, "RESULT kind=setup model=%s parameters=%d checkpointing=%s live_after_bind_mb=%.1f max_heap_mb=%.0f %s %s%n",
        relative, model.info().parameterCount(), model.checkpointing(), live / 1e6, Runtime.getRuntime().maxMemory() / 1e6,
        compile.fields("compile"), bind.fields("bind"));
    double[] p = model.info().priorMeans();
    double[] g = new double[p.length];
    try (HeapWatch heap = new HeapWatch()) {
      for (int rep = -warmup; rep < reps; rep++) {
        double[] j = new double[2];
        Clock forward = Clock.time(() -> j[0] = model.cost(p));
        model.tape().resetPeak();
        Clock gradient = Clock.time(() -> j[1] = model.gradient(p, g));
        System.out.printf(Locale.ROOT,
            "RESULT kind=pair rep=%d warmup=%s cost=%.12e gradient_cost=%.12e ratio_thread_cpu=%.3f ratio_wall=%.3f tape_peak_mb=%.3f %s %s%n",
            rep, rep < 0, j[0], j[1], gradient.threadCpuSeconds() / forward.threadCpuSeconds(),
            gradient.wallSeconds() / forward.wallSeconds(), model.tape().peakBytes() / 1e6, forward.fields("forward"),
            gradient.fields("gradient"));
      }
      Thread.sleep(300); // the collector's notifications arrive on another thread
      System.out.printf(Locale.ROOT, "RESULT kind=heap max_heap_after_gc_mb=%.1f collections=%d%n", heap.maxUsedAfterGc() / 1e6,
          heap.collections());
    }
  }
}
