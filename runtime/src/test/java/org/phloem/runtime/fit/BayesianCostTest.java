package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class BayesianCostTest {

  private static BayesianCost cost() {
    AnalyticModel m = TestModels.mixed();
    return new BayesianCost(m, SearchSpace.of(m.info(), null));
  }

  private static double[] point(double u, double v) {
    return new double[] {u, v, -u, 0.5 * v, u * v};
  }

  @Property(tries = 30, seed = "17")
  void gradientInX_matchesFiniteDifferences(@ForAll @DoubleRange(min = -1.5, max = 1.5) double u,
      @ForAll @DoubleRange(min = -1.5, max = 1.5) double v) {
    BayesianCost c = cost();
    double[] x = point(u, v);
    double[] g = new double[5];
    c.valueAndGradient(x, g);
    FiniteDifferences.assertClose(FiniteDifferences.gradient(c::value, x, 1e-6), g, 1e-6, 1e-3, "grad x");
  }

  @Property(tries = 30, seed = "18")
  void hessianVectorInX_matchesFiniteDifferencesOfGradient(@ForAll @DoubleRange(min = -1.5, max = 1.5) double u,
      @ForAll @DoubleRange(min = -1.5, max = 1.5) double v) {
    BayesianCost c = cost();
    double[] x = point(u, v);
    double[] dir = {0.3, -0.7, 0.2, 1.1, -0.4};
    double[] hv = new double[5];
    c.hessianVector(x, dir, hv);
    double[] fd = FiniteDifferences.directional(y -> {
      double[] g = new double[5];
      c.valueAndGradient(y, g);
      return g;
    }, x, dir, 1e-5);
    FiniteDifferences.assertClose(fd, hv, 1e-5, 1e-2, "H·v in x");
  }

  @Test
  void physicalDerivatives_matchFiniteDifferences() {
    BayesianCost c = cost();
    double[] p = {0.8, 1.2, 0.3, 0.07, -0.2};
    double[] g = new double[5];
    c.gradientPhysical(p, g);
    FiniteDifferences.assertClose(FiniteDifferences.gradient(c::valuePhysical, p, 1e-6), g, 1e-6, 1e-3, "grad p");
    double[] dir = {1, -0.5, 0.25, 2, 0.1};
    double[] hv = new double[5];
    c.hessianVectorPhysical(p, dir, hv);
    double[] fd = FiniteDifferences.directional(q -> {
      double[] gg = new double[5];
      c.gradientPhysical(q, gg);
      return gg;
    }, p, dir, 1e-5);
    FiniteDifferences.assertClose(fd, hv, 1e-5, 1e-2, "H·v in p");
  }

  @Test
  void costIsPriorPlusObservation_withLogPriorNormalOnLnP() {
    BayesianCost c = cost();
    double[] p = {0.8, 1.2, 0.3, 0.07, -0.2};
    double j = c.valuePhysical(p);
    double obs = c.model().cost(p);
    // independent statement of the seed's prior: ½Σ((p−p0)/σ)², on ln p for the log slot k
    double prior = 0.5 * Math.pow((0.8 - 1.0) / 0.5, 2)
        + 0.5 * Math.pow((Math.log(1.2) - Math.log(1.5)) / (0.6 / 1.5), 2)
        + 0.5 * Math.pow((0.3 - 0.4) / 0.3, 2);
    assertEquals(obs + prior, j, 1e-12);
    assertEquals(prior, c.lastPriorCost(), 1e-12);
    double[] x = c.space().toSearch(p);
    assertEquals(j, c.value(x), 1e-12);
  }

  @Test
  void unboundedPriorSlot_isSearchedAsNormalizedDeviation() {
    BayesianCost c = cost();
    double[] x = c.space().toSearch(new double[] {2.0, 1.5, 0.4, 0.05, -0.3});
    assertEquals((2.0 - 1.0) / 0.5, x[0], 1e-12);
    assertEquals(0, x[1], 1e-12);
  }
}
