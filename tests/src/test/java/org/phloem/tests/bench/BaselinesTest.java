package org.phloem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.commons.math3.util.Decimal64;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;

/**
 * The hand-written baselines compute what the compiled models compute, so that timing one against the
 * other compares like with like: hand-written DALEC reproduces every daily output of the compiled
 * model, and on the synthetic sites model the compiled cost and adjoint gradient agree with the
 * hand-written cost and its forward-mode (DerivativeStructure, SparseGradient) and finite-difference
 * gradients.
 */
class BaselinesTest {

  @Test
  void handWrittenDalec_reproducesCompiledOutputs() throws Exception {
    assertReproducesCompiledOutputs(HandDalec.load());
  }

  @Test
  void handWrittenDalecSquaringByPow_reproducesCompiledOutputs() throws Exception {
    assertReproducesCompiledOutputs(HandDalec.loadSquaringByPow());
  }

  private static void assertReproducesCompiledOutputs(HandDalec hand) throws Exception {
    CompiledModel model = BenchModels.dalec();
    for (double[] p : new double[][] {model.info().priorMeans(), BenchModels.testPoint(model, 7)}) {
      model.cost(p);
      hand.run(p);
      Map<String, double[]> outputs = Map.ofEntries(
          Map.entry("gpp", hand.gpp), Map.entry("nee", hand.nee), Map.entry("reco", hand.reco), Map.entry("ra", hand.ra), Map.entry("rh1", hand.rh1),
          Map.entry("rh2", hand.rh2), Map.entry("lai", hand.lai), Map.entry("foliage", hand.foliage),
          Map.entry("wood", hand.wood), Map.entry("roots", hand.roots), Map.entry("litter", hand.litter),
          Map.entry("som", hand.som));
      assertEquals(outputs.size(), model.info().outputs().size(), "the hand-written model keeps every output");
      for (Map.Entry<String, double[]> e : outputs.entrySet()) {
        double[] compiled = model.output(model.info().outputIndex(e.getKey()));
        assertEquals(1096, compiled.length);
        for (int d = 0; d < compiled.length; d++) {
          double expected = e.getValue()[d];
          assertEquals(expected, compiled[d], 1e-12 * Math.max(1, Math.abs(expected)), e.getKey() + " on day " + (d + 1));
        }
      }
    }
  }

  @Test
  void sitesModel_compiledCostAndGradient_matchHandWrittenForwardMode() throws Exception {
    int n = 12;
    CompiledModel model = BenchModels.sites(n);
    SitesModel hand = SitesModel.load();
    double[] p = BenchModels.testPoint(model, 3);
    double[] adjoint = new double[n];
    double cost = model.gradient(p, adjoint);

    Decimal64[] k = new Decimal64[n];
    for (int i = 0; i < n; i++) {
      k[i] = new Decimal64(p[i]);
    }
    double handCost = hand.cost(k).getReal();
    assertTrue(handCost > 1, "a non-trivial cost: " + handCost);
    assertEquals(handCost, cost, 1e-10 * handCost, "cost");
    assertEquals(handCost, model.cost(p), 1e-10 * handCost, "forward cost");

    double[] dense = hand.gradientDense(p);
    double[] sparse = hand.gradientSparse(p);
    double[] differences = FiniteDifferences.central(model, p);
    double scale = 0;
    for (double g : dense) {
      scale = Math.max(scale, Math.abs(g));
    }
    assertTrue(scale > 1, "a non-trivial gradient: " + scale);
    for (int i = 0; i < n; i++) {
      assertEquals(dense[i], adjoint[i], 1e-9 * scale, "adjoint vs DerivativeStructure, slot " + i);
      assertEquals(dense[i], sparse[i], 1e-12 * scale, "SparseGradient vs DerivativeStructure, slot " + i);
      assertEquals(dense[i], differences[i], 1e-5 * scale, "central differences vs DerivativeStructure, slot " + i);
    }
  }
}
