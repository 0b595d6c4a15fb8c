package org.phloem.runtime.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.DimInfo;
import org.phloem.runtime.ModelInfo;

class SiteSumTest {
  private static final double[] P = {1.3, 0.4};
  private static final double[] V = {-0.7, 0.25};

  /** 37 sites of different lengths and data (an odd count, so the pairwise tree is unbalanced). */
  private static List<CompiledModel> sites() {
    List<CompiledModel> out = new ArrayList<>();
    for (int s = 0; s < 37; s++) {
      int n = 5 + s % 7;
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = 0.1 * i + 0.01 * s;
        y[i] = 1.1 * Math.exp(0.5 * x[i]) + 0.05 * Math.sin(7.0 * s + i);
      }
      out.add(new ExponentialSite(x, y, 0.1 + 0.01 * (s % 4)));
    }
    return out;
  }

  private static List<String> labels(int n) {
    List<String> out = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      out.add("s" + s);
    }
    return out;
  }

  /** Everything one sum computes, as raw bits. */
  private static long[] bits(SiteSum sum) {
    List<Long> out = new ArrayList<>();
    out.add(Double.doubleToRawLongBits(sum.cost(P)));
    double[] g = new double[2];
    out.add(Double.doubleToRawLongBits(sum.gradient(P, g)));
    for (double x : g) {
      out.add(Double.doubleToRawLongBits(x));
    }
    out.add(Double.doubleToRawLongBits(sum.tangent(P, V)));
    out.add(Double.doubleToRawLongBits(sum.lastCost()));
    double[] hv = new double[2];
    out.add(Double.doubleToRawLongBits(sum.hessianVector(P, V, hv)));
    for (double x : hv) {
      out.add(Double.doubleToRawLongBits(x));
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  @Test
  void results_areBitwiseIdentical_forOneTwoAndFourThreads() {
    long[] one = bits(SiteSum.of(sites(), labels(37), 1));
    for (int threads : new int[] {2, 4, 7}) {
      for (int repeat = 0; repeat < 5; repeat++) {
        assertArrayEquals(one, bits(SiteSum.of(sites(), labels(37), threads)), threads + " threads, run " + repeat);
      }
    }
  }

  @Test
  void sums_equalTheSitesAddedUp() {
    List<CompiledModel> sites = sites();
    SiteSum sum = SiteSum.of(sites(), labels(37), 3);
    double cost = 0;
    double[] g = new double[2];
    double[] hv = new double[2];
    double tangent = 0;
    for (CompiledModel m : sites) {
      double[] gs = new double[2];
      double[] hs = new double[2];
      cost += m.gradient(P, gs);
      m.hessianVector(P, V, hs);
      tangent += m.tangent(P, V);
      for (int k = 0; k < 2; k++) {
        g[k] += gs[k];
        hv[k] += hs[k];
      }
    }
    double[] got = new double[2];
    double[] gotHv = new double[2];
    assertEquals(cost, sum.gradient(P, got), 1e-12 * cost);
    assertEquals(tangent, sum.tangent(P, V), 1e-12 * Math.abs(tangent));
    sum.hessianVector(P, V, gotHv);
    for (int k = 0; k < 2; k++) {
      assertEquals(g[k], got[k], 1e-12 * Math.abs(g[k]));
      assertEquals(hv[k], gotHv[k], 1e-12 * Math.abs(hv[k]));
    }
  }

  @Test
  void gradient_matchesCentralDifferencesOfTheSummedCost() {
    SiteSum sum = SiteSum.of(sites(), labels(37), 4);
    double[] g = new double[2];
    sum.gradient(P, g);
    for (int k = 0; k < 2; k++) {
      double h = 1e-6;
      double[] up = P.clone();
      double[] down = P.clone();
      up[k] += h;
      down[k] -= h;
      double fd = (sum.cost(up) - sum.cost(down)) / (2 * h);
      assertEquals(fd, g[k], 1e-6 * Math.abs(fd));
    }
  }

  @Test
  void info_listsEverySitesOutputsAndObservations_underSiteNames() {
    SiteSum sum = SiteSum.of(sites(), labels(37), 2);
    ModelInfo info = sum.info();
    assertEquals(2, info.parameterCount());
    assertEquals(37 * 3, info.outputs().size());
    assertEquals(37, info.observations().size());
    int k = info.outputIndex("y@s5");
    assertEquals(3 * 5, k);
    assertEquals("obs@s5", info.outputs().get(k).dims().get(0));
    DimInfo dim = info.dim("obs@s5");
    assertEquals(5 + 5 % 7, dim.size());
    assertEquals(info.outputIndex("y0@s5"), info.observations().get(5).valueOutput());
    sum.cost(P);
    double[] mine = sum.output(k);
    CompiledModel site = sum.sites().get(5);
    assertArrayEquals(site.output(0), mine);
  }

  @Test
  void copy_isIndependent_andGivesTheSameBits() {
    SiteSum sum = SiteSum.of(sites(), labels(37), 2);
    CompiledModel copy = sum.copy();
    assertArrayEquals(bits(sum), bits((SiteSum) copy));
    for (int k = 0; k < 37; k++) {
      assertTrue(sum.sites().get(k) != ((SiteSum) copy).sites().get(k));
    }
  }

  @Test
  void badInput_isRejectedWithAClearMessage() {
    CompiledModel one = sites().get(0);
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> SiteSum.of(List.of(one, one), labels(2), 2));
    assertTrue(twice.getMessage().contains("same model instance"), twice.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SiteSum.of(List.of(), List.of(), 2));
    assertThrows(IllegalArgumentException.class, () -> SiteSum.of(sites(), labels(3), 2));
    assertThrows(IllegalArgumentException.class, () -> SiteSum.of(sites(), labels(37), 0));
  }
}
