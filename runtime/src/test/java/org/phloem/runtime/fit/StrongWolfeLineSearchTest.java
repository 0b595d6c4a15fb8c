package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

class StrongWolfeLineSearchTest {

  @Property(tries = 60, seed = "5")
  void acceptedStep_satisfiesBothStrongWolfeConditions(@ForAll @DoubleRange(min = -2, max = 2) double a,
      @ForAll @DoubleRange(min = -1, max = 3) double b, @ForAll @DoubleRange(min = -3, max = 2) double log10Alpha1) {
    double alpha1 = Math.pow(10, log10Alpha1);
    LbfgsTest.Rosenbrock f = new LbfgsTest.Rosenbrock(2);
    double[] x = {a, b};
    double[] g = new double[2];
    double f0 = f.valueAndGradient(x, g);
    double[] d = {-g[0], -g[1]};
    if (Vectors.norm(g) < 1e-8) {
      return;
    }
    double c1 = 1e-4;
    double c2 = 0.9;
    StrongWolfeLineSearch.Step s = new StrongWolfeLineSearch(c1, c2, 60).search(f, x, f0, g, d, alpha1, 1e10);
    assertTrue(s.found() && s.wolfe(), "no step from " + a + "," + b);
    double slope0 = Vectors.dot(g, d);
    assertTrue(s.f() <= f0 + c1 * s.alpha() * slope0, "sufficient decrease");
    assertTrue(Math.abs(Vectors.dot(s.g(), d)) <= c2 * Math.abs(slope0), "curvature");
  }
}
