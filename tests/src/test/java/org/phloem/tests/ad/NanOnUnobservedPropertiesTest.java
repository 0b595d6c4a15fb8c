package org.phloem.tests.ad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.phloem.runtime.CompiledModel;

/**
 * An output that is NaN on elements no {@code observe} uses (a missing night-time temperature on
 * half-hours that are never observed) must not poison the derivatives: those elements have an adjoint
 * of exactly zero, and contribute nothing. Each random model gets an output {@code gap[d]} built from
 * its own values, NaN on even days, observed only on odd days; the same model with a finite factor on
 * the even days has the same cost, so it must have the same gradient and Hessian-vector product.
 */
class NanOnUnobservedPropertiesTest {

  /** NaN (sqrt of a negative constant) on even days, which the observation below skips. */
  private static final String NAN_FACTOR = "sqrt(c0 - 1)";
  private static final String FINITE_FACTOR = "2.5";

  @Provide
  Arbitrary<Program> programs() {
    return ProgramArbitraries.programs();
  }

  @Property(tries = 60)
  void nanOnUnobservedElements_changesNoDerivative(@ForAll("programs") Program program, @ForAll @IntRange(max = 1000) int point) {
    Generated withNan = GeneratedModelPropertiesTest.compile(withGap(program.toString(), NAN_FACTOR));
    Generated finite = GeneratedModelPropertiesTest.compile(withGap(program.toString(), FINITE_FACTOR));
    assertEquals("", Bytecode.problems(withNan.classFile()), "CheckClassAdapter on the generated class");
    CompiledModel m = withNan.model();
    CompiledModel reference = finite.model();
    double[] p = Points.at(m.info(), point);
    double[] v = Points.direction(p.length, point);
    int n = p.length;

    double j = m.cost(p);
    assertTrue(Double.isNaN(m.output(m.info().outputIndex("gap"))[0]), "gap[0] is NaN by construction");
    assertEquals(reference.cost(p), j, "the NaN elements are not observed, so the cost is the same");

    double[] g = new double[n];
    double[] gRef = new double[n];
    m.gradient(p, g);
    reference.gradient(p, gRef);
    assertArrayEquals(gRef, g, 1e-12 * (1 + norm(gRef)), "gradient with NaN on unobserved elements");

    double[] hv = new double[n];
    double[] hvRef = new double[n];
    m.hessianVector(p, v, hv);
    reference.hessianVector(p, v, hvRef);
    assertArrayEquals(hvRef, hv, 1e-12 * (1 + norm(hvRef)), "Hessian-vector product with NaN on unobserved elements");

    assertEquals(reference.tangent(p, v), m.tangent(p, v), "tangent of the cost");
    assertTrue(DerivativeChecks.dotError(m, p, v) <= 1e-10, "dot-product test (tangent vs adjoint)");
  }

  /**
   * The other side of the guard: an adjoint that is zero only at this point (a residual of exactly 0)
   * still has a non-zero tangent, which the Hessian-vector product needs. J = ½(a² − 4)² at a = 2:
   * J'' = (2a)² + 2(a² − 4) = 16, all of it from the term the zero residual multiplies.
   */
  @Example
  void anAdjointZeroOnlyHere_stillGivesTheHessianItsSecondOrderTerm() {
    Generated g = GeneratedModelPropertiesTest.compile("""
        model zero_residual "the residual is exactly zero at the prior mean"
        param a = 2
        output m
        m = a * a
        observe m ~ normal(4, 1)
        """);
    double[] hv = new double[1];
    g.model().hessianVector(new double[] {2}, new double[] {1}, hv);
    assertEquals(16, hv[0], 1e-12);
    double[] grad = new double[1];
    g.model().gradient(new double[] {2}, grad);
    assertEquals(0, grad[0]);
  }

  /** {@code text} with an output {@code gap[d] = (a·x[d] + s)·(even d ? factor : 1.5)} observed on odd days only. */
  static String withGap(String text, String evenDayFactor) {
    String declared = text.replace("output z[day]\n", "output z[day]\noutput gap[day]\n");
    String loop = "for d in day {\n  gap[d] = (a * x[d] + s + z[d]) * (if d % 2 == 0 then " + evenDayFactor + " else 1.5)\n}\n"
        + "observe gap[d] ~ normal(obs[d], 1) for d in day if d % 2 == 1\n";
    return declared.replace(ModelText.OBSERVATIONS, loop + ModelText.OBSERVATIONS);
  }

  private static double norm(double[] x) {
    double s = 0;
    for (double e : x) {
      s += e * e;
    }
    return Math.sqrt(s);
  }
}
