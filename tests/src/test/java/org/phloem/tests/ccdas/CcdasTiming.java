package org.phloem.tests.ccdas;

import org.phloem.runtime.CompiledModel;

/** CPU time of one cost and one cost + gradient of an experiment file (a quick measure, not a benchmark). */
public final class CcdasTiming {
  private CcdasTiming() {}

  public static void main(String[] args) throws Exception {
    CompiledModel m = CcdasModel.load(args.length > 0 ? args[0] : "ccdas.phl", true).model();
    double[] p = m.info().priorMeans();
    double[] g = new double[p.length];
    java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 3; round++) {
      long c0 = t.getCurrentThreadCpuTime();
      m.cost(p);
      long c1 = t.getCurrentThreadCpuTime();
      m.gradient(p, g);
      long c2 = t.getCurrentThreadCpuTime();
      System.out.printf("cost %.3f s CPU, cost+gradient %.3f s CPU%n", (c1 - c0) / 1e9, (c2 - c1) / 1e9);
    }
  }
}
