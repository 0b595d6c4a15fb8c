package org.phloem.runtime.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ForwardingModel;
import org.phloem.runtime.fit.AnalyticModel;
import org.phloem.runtime.fit.Dual2;
import org.phloem.runtime.fit.TestModels;

/** The light check of {@code phloem watch}: gᵀv along one random direction against central differences. */
class DirectionalCheckTest {
  private static final double[] P = {0.8, 1.2, 0.3, 0.07, -0.2};

  @Property(tries = 20, seed = "7")
  void correctModel_passesAtRandomPoints(@ForAll @DoubleRange(min = -1, max = 1) double u) {
    double[] p = {0.8 + u, 1.2 + 0.5 * u, 0.5 + 0.3 * u, 0.07 + 0.05 * u, -0.2 + u};
    DirectionalCheck.Result r = DirectionalCheck.run(TestModels.mixed(), p, CheckOptions.defaults());
    assertFalse(r.flagged(), r.describe());
    assertTrue(r.relativeError() < 1e-6, r.describe());
  }

  @Test
  void aWrongGradientComponent_isCaught() {
    DirectionalCheck.Result r = DirectionalCheck.run(new BrokenModel(TestModels.mixed(), BrokenModel.Fault.GRADIENT_SLOT_1), P,
        CheckOptions.defaults());
    assertTrue(r.flagged(), r.describe());
    assertTrue(r.describe().startsWith("FAILED"), r.describe());
  }

  /** The direction is the full check's first one, so the two checks see the same v. */
  @Test
  void adjointSide_isTheGradientAlongTheFullChecksFirstDirection() {
    AnalyticModel m = TestModels.mixed();
    double[] g = new double[P.length];
    double cost = m.gradient(P, g);
    double[] v = ModelCheck.direction(new Random(CheckOptions.defaults().seed()), ModelCheck.typicalMagnitudes(m.info(), P));
    double gv = 0;
    for (int i = 0; i < P.length; i++) {
      gv += g[i] * v[i];
    }
    DirectionalCheck.Result r = DirectionalCheck.run(m, P, CheckOptions.defaults());
    assertEquals(gv, r.adjoint(), 1e-15 * Math.abs(gv));
    assertEquals(cost, r.cost());
  }

  /** max(1, 2x − 1) at x = 1 + 1e-6: the central differences straddle the kink, the code follows its branch. */
  @Test
  void aKinkWithinTheStep_isNotedNotFailed() {
    AnalyticModel m = AnalyticModel.builder("kinked").flat("x", 1)
        .observations(new double[] {0}, new double[] {1})
        .formula(p -> new Dual2[] {p[0].v >= 1 ? p[0].times(2).plus(-1) : p[0].times(0).plus(1)});
    DirectionalCheck.Result r = DirectionalCheck.run(m, new double[] {1 + 1e-6}, CheckOptions.defaults());
    assertFalse(r.flagged(), r.describe());
    assertEquals(NonSmooth.KINK, r.nonSmooth(), r.describe());
  }

  /** A step at x = 1 (0 below, 1 above): the model jumps; the check fails and says so. */
  @Test
  void aJumpAtThePoint_isAFailureOfTheModel() {
    AnalyticModel m = AnalyticModel.builder("jumping").flat("x", 1)
        .observations(new double[] {0}, new double[] {1})
        .formula(p -> new Dual2[] {p[0].v >= 1 ? p[0].times(0.1).plus(1) : p[0].times(0.1)});
    DirectionalCheck.Result r = DirectionalCheck.run(m, new double[] {1}, CheckOptions.defaults());
    assertTrue(r.flagged(), r.describe());
    assertEquals(NonSmooth.JUMP, r.nonSmooth(), r.describe());
    assertTrue(r.describe().contains("jumps"), r.describe());
  }

  /** A model that counts the costs asked of it (the light check's central difference). */
  private static final class CountingCosts extends ForwardingModel {
    int costs;

    CountingCosts(CompiledModel inner) {
      super(inner);
    }

    @Override
    public double cost(double[] p) {
      costs++;
      return inner.cost(p);
    }

    @Override
    public CompiledModel copy() {
      return new CountingCosts(inner.copy());
    }
  }

  /** The same model, its cost off by a relative 1e-9 (a class that does not compute what the gradient's does). */
  private static final class OffCost extends ForwardingModel {
    OffCost(CompiledModel inner) {
      super(inner);
    }

    @Override
    public double cost(double[] p) {
      return inner.cost(p) * (1 + 1e-9);
    }

    @Override
    public CompiledModel copy() {
      return new OffCost(inner.copy());
    }
  }

  /**
   * {@code phloem watch} computes the central difference on the model's forward class while the
   * gradient's class is compiled: another instance of the same cost code. The result is the one the
   * gradient's class alone gives, without its two costs.
   */
  @Test
  void aCentralDifferenceFromAnotherClassOfTheModel_givesTheSameResult_withoutTheCosts() {
    CountingCosts model = new CountingCosts(TestModels.mixed());
    AnalyticModel other = TestModels.mixed();
    DirectionalCheck.Result alone = DirectionalCheck.run(TestModels.mixed(), P, CheckOptions.defaults());
    DirectionalCheck.Result r = DirectionalCheck.run(model, P, CheckOptions.defaults(),
        () -> DirectionalCheck.central(other, P, CheckOptions.defaults()), other.cost(P));
    assertEquals(alone, r);
    assertEquals(0, model.costs);
  }

  /** A class whose cost at p is not the gradient's, bit for bit, is not trusted: the check computes its own. */
  @Test
  void aCentralDifferenceOfACostThatDiffers_isNotUsed() {
    CountingCosts model = new CountingCosts(TestModels.mixed());
    CompiledModel other = new OffCost(TestModels.mixed());
    DirectionalCheck.Result alone = DirectionalCheck.run(TestModels.mixed(), P, CheckOptions.defaults());
    DirectionalCheck.Result r = DirectionalCheck.run(model, P, CheckOptions.defaults(),
        () -> DirectionalCheck.central(other, P, CheckOptions.defaults()), other.cost(P));
    assertEquals(alone, r);
    assertEquals(2, model.costs);
  }

  /** A central difference taken at another point (another direction and step) is not used either. */
  @Test
  void aCentralDifferenceAtAnotherPoint_isNotUsed() {
    CountingCosts model = new CountingCosts(TestModels.mixed());
    AnalyticModel other = TestModels.mixed();
    double[] elsewhere = P.clone();
    elsewhere[0] += 0.1;
    DirectionalCheck.Result alone = DirectionalCheck.run(TestModels.mixed(), P, CheckOptions.defaults());
    DirectionalCheck.Result r = DirectionalCheck.run(model, P, CheckOptions.defaults(),
        () -> DirectionalCheck.central(other, elsewhere, CheckOptions.defaults()), other.cost(P));
    assertEquals(alone, r);
    assertEquals(2, model.costs);
  }

  /** No central difference to hand (its computation failed): the check computes its own. */
  @Test
  void noCentralDifference_theCheckComputesItsOwn() {
    CountingCosts model = new CountingCosts(TestModels.mixed());
    DirectionalCheck.Result r = DirectionalCheck.run(model, P, CheckOptions.defaults(), () -> null, TestModels.mixed().cost(P));
    assertEquals(DirectionalCheck.run(TestModels.mixed(), P, CheckOptions.defaults()), r);
    assertEquals(2, model.costs);
  }
}
