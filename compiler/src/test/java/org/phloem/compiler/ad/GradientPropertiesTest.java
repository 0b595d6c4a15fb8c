package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.phloem.compiler.ir.IrOutput;

/**
 * The derivative functions of the hand-built programs against independent references, on random
 * parameters inside each model's box and random directions.
 */
class GradientPropertiesTest {
  private static final List<Model> MODELS =
      TestModels.all().stream().map(m -> m.with(AutoDiff.differentiate(m.program()))).collect(Collectors.toList());

  /** A model, a point in its parameter box and a direction. */
  record Case(Model model, double[] p, double[] dir) {
    @Override
    public String toString() {
      return model + " p=" + Arrays.toString(p) + " dir=" + Arrays.toString(dir);
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    return Arbitraries.of(MODELS).flatMap(m -> Arbitraries.doubles().between(0, 1).array(double[].class)
        .ofSize(2 * m.parameterCount())
        .map(u -> {
          int n = m.parameterCount();
          double[] p = new double[n];
          double[] dir = new double[n];
          for (int k = 0; k < n; k++) {
            p[k] = m.lower()[k] + u[k] * (m.upper()[k] - m.lower()[k]);
            dir[k] = 2 * u[n + k] - 1;
          }
          return new Case(m, p, dir);
        }));
  }

  @Property(tries = 40)
  void gradient_matchesFiniteDifferences(@ForAll("cases") Case c) {
    double err = Checks.gradientError(new Runner(c.model()), c.p());
    Assume.that(!Double.isNaN(err)); // a kink within the finite-difference stencil
    assertTrue(err <= 1e-6, "relative error " + err);
  }

  @Property(tries = 40)
  void tangent_agreesWithAdjoint_dotProductTest(@ForAll("cases") Case c) {
    double err = Checks.dotError(new Runner(c.model()), c.p(), c.dir());
    assertTrue(err <= 1e-10, "relative error " + err);
  }

  @Property(tries = 40)
  void hessianVector_matchesFiniteDifferencesOfGradient(@ForAll("cases") Case c) {
    double err = Checks.hessianVectorError(new Runner(c.model()), c.p(), c.dir());
    Assume.that(!Double.isNaN(err));
    assertTrue(err <= 1e-5, "relative error " + err);
  }

  @Property(tries = 20)
  void everySweep_returnsForwardCostExactly(@ForAll("cases") Case c) {
    Runner r = new Runner(c.model());
    double j = r.forward(c.p());
    int n = c.p().length;
    assertEquals(j, r.tangent(c.p(), c.dir())[0]);
    assertEquals(j, r.gradient(c.p(), new double[n]));
    assertEquals(j, r.hessianVector(c.p(), c.dir(), new double[n]));
    assertEquals(j, r.forward(c.p()), "forward again, after the derivative sweeps");
  }

  @Property(tries = 20)
  void tangent_fillsOutputTangents(@ForAll("cases") Case c) {
    Runner r = new Runner(c.model());
    r.tangent(c.p(), c.dir());
    for (IrOutput o : c.model().program().outputs()) {
      if (o.tangentArray() == null) {
        continue;
      }
      double[] tangent = r.array(o.tangentArray());
      double[] fd = Checks.directional(q -> {
        r.forward(q);
        return r.array(o.valueArray());
      }, c.p(), c.dir(), 1e-5);
      double[] fd2 = Checks.directional(q -> {
        r.forward(q);
        return r.array(o.valueArray());
      }, c.p(), c.dir(), 5e-6);
      for (int k = 0; k < fd.length; k++) {
        if (Double.isNaN(fd[k])) { // a modelled value at a missing observation: NaN, tangent 0
          assertEquals(0.0, tangent[k], o.name() + "[" + k + "]");
          fd[k] = fd2[k] = 0;
        }
      }
      Assume.that(Checks.smooth(fd, fd2));
      double err = Checks.relativeError(tangent, fd);
      assertTrue(err <= 1e-6, o.name() + ": relative error " + err);
    }
  }
}
