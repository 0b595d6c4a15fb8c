package org.phloem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import java.util.List;

/**
 * The hand-written DALEC adjoint (the launch-spread probe's gradient control) is a gradient: it agrees
 * with central differences of its own cost at random parameters around the prior means.
 */
class HandDalecGradientTest {
  /** DALEC's prior means (models/dalec/dalec_core.phl), p1..p10. */
  private static final double[] PRIOR_MEANS = {4.41e-6, 0.47, 0.315, 0.4344, 0.002665, 2.06e-6, 2.48e-3, 2.28e-2, 2.65e-6, 0.0692};
  private static final HandDalecGradient HAND = load();

  @Property(tries = 30)
  void adjointMatchesCentralDifferences(@ForAll @Size(10) List<@DoubleRange(min = 0.7, max = 1.3) Double> scale) {
    double[] p = new double[10];
    for (int i = 0; i < 10; i++) {
      p[i] = PRIOR_MEANS[i] * scale.get(i);
    }
    double[] grad = new double[10];
    double j = HAND.gradient(p, grad);
    // the leaf area's floor (foliage 11.1 gC/m²) is a kink: no finite difference across it
    Assume.that(HAND.lowestFoliage > 0.1 * 111 * 1.01);
    for (int i = 0; i < 10; i++) {
      double h = 1e-6 * p[i];
      double[] x = p.clone();
      x[i] = p[i] + h;
      double up = HAND.cost(x);
      x[i] = p[i] - h;
      double down = HAND.cost(x);
      double fd = (up - down) / (2 * h);
      // the differences' own rounding noise: 100 ulps of the cost over the stencil
      double noise = 100 * Math.ulp(j) / h;
      double error = Math.abs(grad[i] - fd);
      assertTrue(error <= 1e-5 * Math.abs(fd) + noise,
          "p" + (i + 1) + ": adjoint " + grad[i] + ", central differences " + fd + " at " + java.util.Arrays.toString(p));
    }
  }

  private static HandDalecGradient load() {
    try {
      return HandDalecGradient.load();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
