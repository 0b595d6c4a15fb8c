package org.phloem.tests.ccdas;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;
import org.phloem.tests.support.Repo;

/**
 * Gradient / forward of a model once the JIT has settled: {@code calls} pairs (forward, then gradient)
 * at the prior means, each timed alone by this thread's CPU time, and the medians of the last third.
 * The CCDAS experiment's generated methods are large and each runs once per call, so C2 compiles them
 * late (one compilation of a method takes about a second of the compiler thread's CPU, more when the
 * machine is loaded): a short warm-up measures a mix of C1 and C2 code, which is what made its
 * {@code GradientRatioBench} figure swing between 1.6 and 3.7 from one launch to the next
 * (tests/BENCHMARKS.md, "CCDAS experiment"). Prints every pair, the plain tape and whether the
 * gradient checkpoints, and a {@code RESULT} line.
 *
 * <pre>
 * java -Xss16m -Dphloem.repo=$PWD -cp $CP org.phloem.tests.ccdas.CcdasSteadyRatio [ccdas/ccdas.phl] [calls]
 * </pre>
 */
public final class CcdasSteadyRatio {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CcdasSteadyRatio() {}

  public static void main(String[] args) throws Exception {
    String model = args.length > 0 ? args[0] : "ccdas/ccdas.phl";
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 150;
    Path path = Repo.model(model);
    CompiledModel m = Pipeline.compile(path, true).bind(Repo.dataRoot(path));
    double[] p = m.info().priorMeans();
    double[] g = new double[p.length];
    double[] forward = new double[calls];
    double[] gradient = new double[calls];
    double sink = 0;
    for (int i = 0; i < calls; i++) {
      long t0 = THREADS.getCurrentThreadCpuTime();
      sink += m.cost(p);
      long t1 = THREADS.getCurrentThreadCpuTime();
      sink += m.gradient(p, g);
      long t2 = THREADS.getCurrentThreadCpuTime();
      forward[i] = (t1 - t0) / 1e6;
      gradient[i] = (t2 - t1) / 1e6;
      System.out.printf(Locale.ROOT, "call %d forward %.2f ms gradient %.2f ms ratio %.2f%n", i, forward[i], gradient[i],
          gradient[i] / forward[i]);
    }
    double f = medianOfLastThird(forward);
    double gr = medianOfLastThird(gradient);
    GeneratedModel gm = (GeneratedModel) m;
    System.out.printf(Locale.ROOT, "RESULT model=%s forward_ms=%.2f gradient_ms=%.2f ratio=%.3f calls=%d plain_tape_mb=%.3f"
        + " checkpointed=%s load=%s finite=%s%n", model, f, gr, gr / f, calls, gm.plainTapeBytes() / 1e6, gm.checkpointing(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Double.isFinite(sink));
  }

  private static double medianOfLastThird(double[] v) {
    double[] tail = Arrays.copyOfRange(v, (2 * v.length) / 3, v.length);
    Arrays.sort(tail);
    return tail[tail.length / 2];
  }
}
