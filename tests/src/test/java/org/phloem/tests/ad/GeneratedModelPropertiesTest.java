package org.phloem.tests.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.Tag;
import org.phloem.compiler.diag.CompileException;
import org.phloem.runtime.CompiledModel;

/**
 * Random well-formed models (every construct of the language, shrunk by jqwik to a small failing
 * model), compiled by the real pipeline into bytecode: the adjoint gradient agrees with central finite
 * differences, the tangent with the adjoint (dot-product test), the Hessian-vector product with finite
 * differences of the gradient, every sweep returns the forward cost exactly, and ASM's verifier accepts
 * the class. Each model is checked at its prior means or at a seeded random point inside its bounds.
 */
class GeneratedModelPropertiesTest {

  @Provide
  Arbitrary<Program> programs() {
    return ProgramArbitraries.programs();
  }

  @Property(tries = 150)
  void derivativesAgreeWithReferences(@ForAll("programs") Program program, @ForAll @IntRange(max = 1000) int point) {
    check(program, point);
  }

  /** The same properties over many more programs (mvn -Plong; a jqwik tag, which surefire filters like a JUnit one). */
  @Property(tries = 3000)
  @Tag("long")
  void derivativesAgreeWithReferences_longSweep(@ForAll("programs") Program program, @ForAll @IntRange(max = 100000) int point) {
    check(program, point);
  }

  private static void check(Program program, int point) {
    check(program.toString(), point);
  }

  /** Every property of the class for the model {@code text} at point {@code point}. */
  static void check(String text, int point) {
    Generated g = compile(text);
    assertEquals("", Bytecode.problems(g.classFile()), "CheckClassAdapter on the generated class");
    CompiledModel m = g.model();
    double[] p = Points.at(m.info(), point);
    double[] dir = Points.direction(m.info().parameterCount(), point);
    int n = p.length;

    double j = m.cost(p);
    assertTrue(Double.isFinite(j), "the generator keeps every value finite: J = " + j);
    assertEquals(j, m.gradient(p, new double[n]), "gradient returns forward's cost exactly");
    m.tangent(p, dir);
    assertEquals(j, m.lastCost(), "tangent computes forward's cost exactly");
    assertEquals(j, m.hessianVector(p, dir, new double[n]), "hessianVector returns forward's cost exactly");

    double dot = DerivativeChecks.dotError(m, p, dir);
    assertTrue(dot <= 1e-10, "dot-product test (tangent vs adjoint): relative error " + dot);
    Assume.that(differencesResolve(m, p, j));
    double gradient = DerivativeChecks.gradientError(m, p, DerivativeChecks.scales(p));
    double hessian = DerivativeChecks.hessianVectorError(m, p, dir, DerivativeChecks.scales(p));
    Assume.that(!Double.isNaN(gradient) && !Double.isNaN(hessian)); // a kink within the stencil
    assertTrue(gradient <= 1e-6, "adjoint gradient vs central differences: relative error " + gradient);
    assertTrue(hessian <= 1e-5, "Hessian-vector product vs differences of the gradient: relative error " + hessian);
  }

  /**
   * Whether central differences can resolve the gradient at all: over steps of {@code STEP} scale units they
   * see J's slope only down to about ulp(J) / STEP per scale unit, and the check asks the largest scaled
   * component to agree to 1e-6. A gradient whose largest scaled component is below a million times that
   * noise (seed -1313365805268717687, point 101: |g| ≈ 1e-13) is not compared with them; the dot-product
   * test above has checked it against the tangent.
   */
  private static boolean differencesResolve(CompiledModel m, double[] p, double j) {
    double[] g = new double[p.length];
    m.gradient(p, g);
    double[] scale = DerivativeChecks.scales(p);
    double largest = 0;
    for (int k = 0; k < p.length; k++) {
      largest = Math.max(largest, Math.abs(g[k] * scale[k]));
    }
    return largest > 1e6 * Math.ulp(j) / DerivativeChecks.STEP;
  }

  static Generated compile(String text) {
    try {
      return Generated.compile(text);
    } catch (CompileException e) {
      return fail("the generator wrote a model Phloem rejects:\n" + e.getMessage());
    } catch (Exception e) {
      throw new AssertionError("compiling or binding a generated model failed", e);
    }
  }
}
