package org.phloem.tests.ccdas;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.phloem.runtime.CompiledModel;

/**
 * CPU time (this thread's) of one cost, one cost + gradient, one tangent and one Hessian-vector product
 * of an experiment file at the prior means: seven rounds, the first two (JIT warm-up) left out of the
 * medians printed last (a quick measure, not a benchmark: the figures of tests/BENCHMARKS.md "CCDAS
 * experiment" and the README's "How the fits were made").
 *
 * <pre>
 *   java ... org.phloem.tests.ccdas.CcdasTiming [ccdas.phl]
 * </pre>
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
    int rounds = 7;
    int warm = 2;
    double[][] t4 = new double[4][rounds - warm];
    for (int round = 0; round < rounds; round++) {
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
      if (round >= warm) {
        long[] c = {c0, c1, c2, c3, c4};
        for (int k = 0; k < 4; k++) {
          t4[k][round - warm] = (c[k + 1] - c[k]) / 1e9;
        }
      }
    }
    double[] med = new double[4];
    for (int k = 0; k < 4; k++) {
      java.util.Arrays.sort(t4[k]);
      med[k] = t4[k][t4[k].length / 2];
    }
    System.out.printf("median of %d rounds: cost %.3f s CPU, cost+gradient %.3f s, tangent %.3f s, Hessian-vector %.3f s;"
        + " gradient/cost %.2f, tangent/cost %.2f, Hessian-vector/gradient %.2f%n", rounds - warm, med[0], med[1], med[2], med[3],
        med[1] / med[0], med[2] / med[0], med[3] / med[1]);
  }
}
