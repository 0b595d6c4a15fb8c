package org.phloem.tests.fitbench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.BayesianCost;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.fit.SearchSpace;
import org.phloem.runtime.fit.Verdict;
import org.phloem.tests.support.Repo;

/**
 * What the verdict at the end of a fit (one gradient, one Hessian-vector product per free parameter, an
 * eigen-decomposition) costs as a fraction of the whole fit, on the demo (DALEC at Metolius, 10
 * parameters, 2,188 observations) and on NIST Gauss1 (8 parameters, 250 observations). CPU time of this
 * thread, median of {@value #REPEATS} fits and of {@value #REPEATS} verdicts after {@value #WARMUP} of each
 * for the JIT. Run with
 * {@code mvn -B -pl tests -am test -Dtest=VerdictCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dphloem.excludedGroups=none}.
 */
@Tag("benchmark")
class VerdictCostBenchmark {
  static final int WARMUP = 3;
  static final int REPEATS = 7;

  @Test
  void verdict_asAFractionOfTheFit() throws Exception {
    for (String model : new String[] {"dalec/oregon.phl", "nist/gauss1.phl"}) {
      CompiledModel m = Repo.load(model);
      double[] fitTimes = new double[REPEATS];
      double[] verdictTimes = new double[REPEATS];
      FitResult fit = null;
      java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
      for (int k = -WARMUP; k < REPEATS; k++) {
        long t0 = bean.getCurrentThreadCpuTime();
        fit = Fitter.fit(m, FitOptions.defaults());
        long t1 = bean.getCurrentThreadCpuTime();
        BayesianCost cost = new BayesianCost(m, SearchSpace.of(m.info(), null));
        Verdict.judge(cost, cost.space().toSearch(fit.parameters()), fit.status(), FitOptions.defaults().tolerances());
        long t2 = bean.getCurrentThreadCpuTime();
        if (k >= 0) {
          fitTimes[k] = (t1 - t0) / 1e6;
          verdictTimes[k] = (t2 - t1) / 1e6;
        }
      }
      java.util.Arrays.sort(fitTimes);
      java.util.Arrays.sort(verdictTimes);
      double f = fitTimes[REPEATS / 2];
      double v = verdictTimes[REPEATS / 2];
      System.out.printf(Locale.ROOT, "VERDICT-COST %s: fit %.1f ms CPU (verdict included), verdict %.1f ms, ratio %.3f; status %s, %d evaluations%n",
          model, f, v, v / f, fit.status(), fit.evaluations());
      assertTrue(v < f, "the verdict is part of the fit");
    }
  }
}
