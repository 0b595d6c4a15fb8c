package org.phloem.tests.ccdas;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.phloem.runtime.CompiledModel;

/**
 * CPU time (this thread's) of one cost, one cost + gradient, one tangent and one Hessian-vector product
 * of an experiment file at the prior means, three rounds (a quick measure, not a benchmark: the
 * numbers the README's "Cost of a fit" gives per fit phase).
 */
public final class CcdasTiming {
  private CcdasTiming() {}

  public static void main(String[] args) throws Exception {
    CompiledModel m = CcdasModel.load(args.length > 0 ? args[0] : "ccdas.phl", true).model();
    double[] p = m.info().priorMeans();
    double[] g = new double[p.length];
    double[] v = new double[p.length];
    double[] hv = new double[p.length];
    double[] sd = m.info().priorSds();
    for (int i = 0; i < p.length; i++) {
      v[i] = sd[i];
    }
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < 3; round++) {
      long c0 = t.getCurrentThreadCpuTime();
      m.cost(p);
      long c1 = t.getCurrentThreadCpuTime();
      m.gradient(p, g);
      long c2 = t.getCurrentThreadCpuTime();
      m.tangent(p, v);
      long c3 = t.getCurrentThreadCpuTime();
      m.hessianVector(p, v, hv);
      long c4 = t.getCurrentThreadCpuTime();
      System.out.printf("cost %.3f s CPU, cost+gradient %.3f s, tangent %.3f s, Hessian-vector %.3f s (gradient/cost %.2f)%n",
          (c1 - c0) / 1e9, (c2 - c1) / 1e9, (c3 - c2) / 1e9, (c4 - c3) / 1e9, (double) (c2 - c1) / (c1 - c0));
    }
  }
}
