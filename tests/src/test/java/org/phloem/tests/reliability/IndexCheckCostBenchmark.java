package org.phloem.tests.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.lower.IndexChecks;
import org.phloem.runtime.CompiledModel;
import org.phloem.tests.support.Repo;

/**
 * What the run-time per-dim index checks cost (issue 12): the adjoint gradient of DALEC (oregon.phl),
 * BETHY (hyytiala.phl), the East-Asian network (network.phl, whose LAI climatology indexes months
 * through integer lets and keeps 4 checks) and the CCDAS pulse on the 2-D MALTA transport (pulse.phl,
 * whose loops run over constants 0..tr_nb - 1 while its dims are sized by the NetCDF files, so its time
 * loop keeps its checks), each compiled three ways in this JVM — no checks
 * ({@link IndexChecks#NONE}), as {@code phloem} compiles ({@link IndexChecks#UNPROVEN}) and every inner
 * index checked ({@link IndexChecks#EVERY_INNER}) — and measured side by side: {@value #ROUNDS} rounds,
 * each timing a block of gradients of every variant in turn (the order rotates), by this thread's CPU
 * time, so that the machine's other load falls on all variants alike. Printed: the median over rounds of
 * each variant's time over the unchecked one's, with the lowest and highest round. Run with
 * {@code mvn -B -pl tests -am test -Dtest=IndexCheckCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dphloem.excludedGroups=none}.
 */
@Tag("benchmark")
class IndexCheckCostBenchmark {
  static final int ROUNDS = 21;
  static final double BLOCK_SECONDS = 0.15;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  @Test
  void indexChecks_costOfTheGradient() throws Exception {
    for (String model : new String[] {"dalec/oregon.phl", "bethy/hyytiala.phl", "eastasia/network.phl", "ccdas/pulse.phl"}) {
      IndexChecks[] variants = IndexChecks.values();
      CompiledModel[] models = new CompiledModel[variants.length];
      int[] checks = new int[variants.length];
      Path file = Repo.model(model);
      for (IndexChecks v : variants) {
        Compilation c = Pipeline.compile(file, true, v);
        checks[v.ordinal()] = occurrences(IrPrinter.print(c.program()), "within(");
        models[v.ordinal()] = c.bind(Repo.dataRoot(file));
      }
      double[] p = models[0].info().priorMeans();
      double[] g = new double[p.length];
      for (int k = 0; k < 30; k++) { // warm every variant up for the JIT
        for (CompiledModel m : models) {
          m.gradient(p, g);
        }
      }
      long t0 = CPU.getCurrentThreadCpuTime();
      int calibration = 0;
      while (CPU.getCurrentThreadCpuTime() - t0 < BLOCK_SECONDS * 1e9) {
        models[0].gradient(p, g);
        calibration++;
      }
      int block = Math.max(1, calibration);
      double[][] ratios = new double[variants.length][ROUNDS];
      double[] unchecked = new double[ROUNDS];
      for (int r = 0; r < ROUNDS; r++) {
        double[] time = new double[variants.length];
        for (int k = 0; k < variants.length; k++) {
          int v = (k + r) % variants.length;
          long start = CPU.getCurrentThreadCpuTime();
          for (int i = 0; i < block; i++) {
            models[v].gradient(p, g);
          }
          time[v] = (CPU.getCurrentThreadCpuTime() - start) / 1e9 / block;
        }
        unchecked[r] = time[0];
        for (int v = 0; v < variants.length; v++) {
          ratios[v][r] = time[v] / time[0];
        }
      }
      Arrays.sort(unchecked);
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "INDEX-CHECK-COST %s: unchecked gradient %.3f ms CPU (median of %d"
          + " rounds of %d);", model, unchecked[ROUNDS / 2] * 1e3, ROUNDS, block));
      for (int v = 1; v < variants.length; v++) {
        Arrays.sort(ratios[v]);
        line.append(String.format(Locale.ROOT, " %s (%d checks in the generated code, all sweeps) / unchecked = %.3f [%.3f .. %.3f];", variants[v],
            checks[v], ratios[v][ROUNDS / 2], ratios[v][0], ratios[v][ROUNDS - 1]));
      }
      System.out.println(line);
      assertTrue(unchecked[ROUNDS / 2] > 0, line.toString());
    }
  }

  private static int occurrences(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }
}
