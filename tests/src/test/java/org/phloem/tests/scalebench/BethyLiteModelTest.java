package org.phloem.tests.scalebench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.driver.Compilation;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.check.CheckOptions;
import org.phloem.runtime.check.CheckReport;
import org.phloem.runtime.check.ModelCheck;
import org.phloem.runtime.synth.Options;

/**
 * models/bethy_lite/bethy_lite.phl: under constant forcing the model reproduces the README's
 * equations evaluated by hand (GPP, NPP, the pools' steady state, zero mean NEE), and its derivatives
 * match finite differences on a small synthetic grid.
 */
class BethyLiteModelTest {
  private static Compilation compilation;

  private static synchronized Compilation compilation() throws Exception {
    if (compilation == null) {
      compilation = GlobalBethyLite.compile();
    }
    return compilation;
  }

  /** Two cells with constant forcing over 400 days. */
  private static CompiledModel constant(double[] temp, double[] par, double[] fpar, double[] swc, int days) throws Exception {
    int n = temp.length;
    Map<String, double[]> inputs = new HashMap<>();
    double[][] values = {temp, par, fpar, swc};
    for (int v = 0; v < 4; v++) {
      double[] a = new double[days * n];
      for (int d = 0; d < days; d++) {
        System.arraycopy(values[v], 0, a, d * n, n);
      }
      inputs.put(GlobalBethyLite.FORCING.get(v), a);
    }
    double[] missing = new double[n];
    Arrays.fill(missing, Double.NaN);
    return compilation().loaded().bind(GlobalBethyLite.data(inputs, n, GlobalBethyLite.numbered(days), missing, missing));
  }

  private static double output(CompiledModel m, String name, int cell) {
    return m.output(GlobalBethyLite.outputIndex(m, name))[cell];
  }

  @Test
  void constantForcing_matchesTheEquationsByHand_andStaysInSteadyState() throws Exception {
    double[] temp = {15, 28};
    double[] par = {8, 10};
    double[] fpar = {0.6, 0.8};
    double[] swc = {0.5, 0.3};
    CompiledModel m = constant(temp, par, fpar, swc, 400);
    double[] p = m.info().priorMeans();
    double eps = p[0], topt = p[1], kw = p[2], rm20 = p[3], q10a = p[4], q10h = p[5], tauf = p[6], taus = p[7], fs = p[8];
    m.cost(p);
    for (int c = 0; c < 2; c++) {
      // README, "Equations", written out independently of the model file
      double gpp = eps * fpar[c] * par[c] * Math.exp(-Math.pow((temp[c] - topt) / 12, 2)) * swc[c] / (swc[c] + kw);
      double npp = 0.75 * (gpp - rm20 * fpar[c] * Math.pow(q10a, (temp[c] - 20) / 10));
      double k = (0.1 + 0.9 * swc[c]) * Math.pow(q10h, (temp[c] - 10) / 10) / 365;
      assertTrue(npp > 0.01, "test forcing gives a productive cell");
      assertEquals(gpp, output(m, "gpp_mean", c), 1e-12 * gpp, "GPP, cell " + c);
      assertEquals(npp, output(m, "npp_mean", c), 1e-12 * npp, "NPP, cell " + c);
      // litter = the first year's NPP; the pools start at, and stay at, their balance with it
      assertEquals(npp / (k / tauf), output(m, "cfast_end", c), 1e-9 * npp / (k / tauf), "fast pool, cell " + c);
      assertEquals(fs * npp / (k / taus), output(m, "cslow_end", c), 1e-9 * fs * npp / (k / taus), "slow pool, cell " + c);
      assertEquals(0, output(m, "nee_mean", c), 1e-12 * gpp, "mean NEE in steady state, cell " + c);
    }
  }

  @Test
  void unproductiveCell_getsTheMinimumLitter() throws Exception {
    // cold and dry: maintenance respiration exceeds GPP, NPP < 0; the litter input is held at 0.01
    CompiledModel m = constant(new double[] {-5}, new double[] {2}, new double[] {0.1}, new double[] {0.05}, 400);
    double[] p = m.info().priorMeans();
    m.cost(p);
    double npp = output(m, "npp_mean", 0);
    assertTrue(npp < 0, "NPP " + npp);
    double k = (0.1 + 0.9 * 0.05) * Math.pow(p[5], (-5.0 - 10) / 10) / 365;
    assertEquals(0.01 / (k / p[6]), output(m, "cfast_end", 0), 1e-9 * 0.01 / (k / p[6]));
  }

  /** The derivatives on 20 cells of the 30° grid, one year, at random points near the prior means. */
  @Property(tries = 3, seed = "20261121")
  void derivatives_matchFiniteDifferences(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) throws Exception {
    Options o = GlobalBethyLite.options(30, 1, 2);
    int days = org.phloem.runtime.synth.SyntheticClimate.daysOfYear(o).length;
    List<CompiledModel> one = GlobalBethyLite.bind(compilation(), GlobalBethyLite.forcing(o, 1000), days);
    CompiledModel m = one.get(0);
    CheckReport report = ModelCheck.run(m, randomPoint(m.info(), new Random(seed)), CheckOptions.defaults());
    assertTrue(report.passed(), report::format);
  }

  /** Each slot moved by up to ±15 % of its prior mean, kept inside its bounds. */
  static double[] randomPoint(ModelInfo info, Random random) {
    double[] p = info.priorMeans();
    for (int i = 0; i < p.length; i++) {
      double q = p[i] * (1 + 0.3 * (random.nextDouble() - 0.5));
      p[i] = Math.min(Math.max(q, info.lowerBounds()[i]), info.upperBounds()[i]);
    }
    return p;
  }
}
