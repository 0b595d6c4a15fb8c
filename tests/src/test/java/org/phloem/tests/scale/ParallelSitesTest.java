package org.phloem.tests.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.parallel.SiteSum;
import org.phloem.tests.support.Repo;

/**
 * DALEC at several "sites" (copies of the Oregon model; identical data, so the sum is known exactly) summed
 * by {@link SiteSum}: bitwise the same for 1, 2 and 4 threads, equal to the site count times one site, and
 * usable by the fit runtime unchanged. The long variant times one gradient of many sites on 1 and 2 threads.
 */
class ParallelSitesTest {

  private static List<CompiledModel> sites(int n) throws Exception {
    Compilation c = Pipeline.compile(Repo.model("dalec/oregon.phl"), true);
    Path data = Repo.dataRoot(Repo.model("dalec/oregon.phl"));
    CompiledModel first = c.bind(data);
    List<CompiledModel> out = new ArrayList<>();
    out.add(first);
    for (int k = 1; k < n; k++) {
      out.add(first.copy());
    }
    return out;
  }

  private static List<String> labels(int n) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add("site" + k);
    }
    return out;
  }

  @Test
  void fourSites_bitwiseIdenticalOnAnyThreadCount_andFourTimesOneSite() throws Exception {
    List<CompiledModel> sites = sites(4);
    double[] p = sites.get(0).info().priorMeans();
    double[] one = new double[p.length];
    double j1 = sites.get(0).gradient(p, one);
    double[][] g = new double[3][p.length];
    double[] j = new double[3];
    int[] threads = {1, 2, 4};
    for (int t = 0; t < 3; t++) {
      j[t] = SiteSum.of(sites, labels(4), threads[t]).gradient(p, g[t]);
    }
    for (int t = 1; t < 3; t++) {
      assertEquals(Double.doubleToRawLongBits(j[0]), Double.doubleToRawLongBits(j[t]), threads[t] + " threads: cost bits");
      for (int k = 0; k < p.length; k++) {
        assertEquals(Double.doubleToRawLongBits(g[0][k]), Double.doubleToRawLongBits(g[t][k]), threads[t] + " threads: slot " + k);
      }
    }
    // (a + a) + (a + a) is exactly 4a in binary floating point
    assertEquals(4 * j1, j[0], 0.0);
    for (int k = 0; k < p.length; k++) {
      assertEquals(4 * one[k], g[0][k], 0.0, "slot " + k);
    }
  }

  @Test
  void fitRuntime_runsOnASiteSum_likeOnOneSite() throws Exception {
    List<CompiledModel> sites = sites(2);
    SiteSum sum = SiteSum.of(sites, labels(2), 2);
    FitOptions options = FitOptions.defaults();
    FitResult fit = Fitter.fit(sum, options);
    assertTrue(Double.isFinite(fit.cost()), "the fit ends at a finite cost");
    assertEquals(sum.info().parameterCount(), fit.parameters().length);
    // the observation part of the cost at the optimum is the sum's cost there
    assertEquals(fit.observationCost(), sum.cost(fit.parameters()), 1e-9 * fit.observationCost());
  }

  @Test
  @Tag("long")
  void manySites_speedUpFromOneToTwoCores() throws Exception {
    Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two cores");
    List<CompiledModel> sites = sites(64);
    double[] p = sites.get(0).info().priorMeans();
    double[] g = new double[p.length];
    double[] seconds = new double[2];
    for (int t = 1; t <= 2; t++) {
      SiteSum sum = SiteSum.of(sites, labels(64), t);
      for (int warm = 0; warm < 20; warm++) {
        sum.gradient(p, g);
      }
      long start = System.nanoTime();
      int reps = 20;
      for (int r = 0; r < reps; r++) {
        sum.gradient(p, g);
      }
      seconds[t - 1] = (System.nanoTime() - start) / 1e9 / reps;
    }
    double speedUp = seconds[0] / seconds[1];
    System.out.printf("SiteSum, 64 DALEC sites x 1096 days: one gradient %.1f ms on 1 thread, %.1f ms on 2 (speed-up %.2f)%n",
        1e3 * seconds[0], 1e3 * seconds[1], speedUp);
    assertTrue(speedUp >= 1.5, "speed-up 1 -> 2 threads " + speedUp);
  }
}
