package org.phloem.tests.ad;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.phloem.compiler.ad.DerivativeRules;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.Prim;
import org.phloem.runtime.CompiledModel;
import org.phloem.tests.ad.Program.Ex;

/**
 * The gradient property has teeth: with one derivative rule deliberately wrong, random models that use
 * that primitive fail the finite-difference check, while the same models compiled with the standard
 * rules pass it. Each model gets {@code tot += 0.1 * atan(PRIMITIVE(a * s))} in its time loop, so the
 * primitive surely acts on the cost (atan is never the broken one: a broken rule applied twice in a chain
 * can cancel, as sin(sin(x)) with the sign of sin's derivative flipped shows). The dot-product test alone would not see a wrong rule (tangent and
 * adjoint share it), which is why the properties check against finite differences too.
 */
class BrokenRuleIsCaughtTest {
  private static final int TRIES = 6;
  /** The property's tolerance: the standard rules stay below it. */
  private static final double TOLERANCE = 1e-6;
  /** How far the wrong rule's gradient must differ from the right one's for the try to judge the check. */
  private static final double ACTS = 100 * TOLERANCE;

  /** {@code a * s}: depends on a parameter directly and on all of them through the state. */
  private static final Ex ACTIVE = new Ex.Arith('*', new Ex.Read(Program.Scalar.A), new Ex.Read(Program.Scalar.S));

  @Provide
  Arbitrary<Program> usingSin() {
    return ProgramArbitraries.programsUsing(new Ex.Unary(Program.Fn1.SIN, ACTIVE));
  }

  @Provide
  Arbitrary<Program> usingTanh() {
    return ProgramArbitraries.programsUsing(new Ex.Unary(Program.Fn1.TANH, ACTIVE));
  }

  @Provide
  Arbitrary<Program> usingExp() {
    return ProgramArbitraries.programsUsing(new Ex.Unary(Program.Fn1.EXP, ACTIVE));
  }

  @Provide
  Arbitrary<Program> usingPow() {
    return ProgramArbitraries.programsUsing(new Ex.Binary(Program.Fn2.POW, ACTIVE, new Ex.Read(Program.Scalar.B)));
  }

  @Provide
  Arbitrary<Program> usingDivision() {
    return ProgramArbitraries.programsUsing(new Ex.Arith('/', new Ex.Read(Program.Scalar.R), ACTIVE));
  }

  @Provide
  Arbitrary<Program> usingMax() {
    return ProgramArbitraries.programsUsing(new Ex.Binary(Program.Fn2.MAX, ACTIVE, new Ex.Read(Program.Scalar.B)));
  }

  @Property(tries = TRIES)
  void sinWithTheWrongSign_isCaught(@ForAll("usingSin") Program program) {
    assertCaught(program, Prim.SIN, DerivativeRules.unary(o -> Expr.neg(Expr.call(Prim.COS, o.arg(0)))));
  }

  @Property(tries = TRIES)
  void tanhMissingTheSquare_isCaught(@ForAll("usingTanh") Program program) {
    assertCaught(program, Prim.TANH, DerivativeRules.unary(o -> Expr.sub(Expr.num(1), o.result())));
  }

  @Property(tries = TRIES)
  void expOffByOnePercent_isCaught(@ForAll("usingExp") Program program) {
    assertCaught(program, Prim.EXP, DerivativeRules.unary(o -> Expr.mul(Expr.num(1.01), o.result())));
  }

  @Property(tries = TRIES)
  void powWithoutTheMinusOne_isCaught(@ForAll("usingPow") Program program) {
    // d/da a^b written as b·a^b
    assertCaught(program, Prim.POW, DerivativeRules.binary(
        o -> Expr.mul(o.arg(1), o.result()),
        o -> Expr.mul(o.result(), Expr.call(Prim.LOG, o.arg(0)))));
  }

  @Property(tries = TRIES)
  void divisionWithTheWrongSignOnTheDivisor_isCaught(@ForAll("usingDivision") Program program) {
    assertCaught(program, Prim.DIV, DerivativeRules.binary(
        o -> Expr.div(Expr.num(1), o.arg(1)),
        o -> Expr.div(o.result(), o.arg(1))));
  }

  @Property(tries = TRIES)
  void maxFollowingTheOtherOperand_isCaught(@ForAll("usingMax") Program program) {
    // the derivative of the operand not taken: wrong wherever the two operands' slopes differ
    assertCaught(program, Prim.MAX, (i, o) -> new Expr.Select(
        new Cond.Compare(Cond.CmpOp.GE, o.arg(0), o.arg(1)),
        Expr.num(i == 0 ? 0 : 1), Expr.num(i == 0 ? 1 : 0)));
  }

  private static double[] gradient(CompiledModel model, double[] p) {
    double[] g = new double[p.length];
    model.gradient(p, g);
    return g;
  }

  private static void assertCaught(Program program, Prim prim, DerivativeRules.Rule wrong) {
    String text = program.toString();
    CompiledModel good = GeneratedModelPropertiesTest.compile(text).model();
    CompiledModel bad;
    try {
      bad = Generated.compile(text, DerivativeRules.standard().with(prim, wrong)).model();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    double[] p = good.info().priorMeans();
    double[] scale = DerivativeChecks.scales(p);
    double goodError = DerivativeChecks.gradientError(good, p, scale);
    Assume.that(!Double.isNaN(goodError)); // a kink within the stencil: nothing to judge
    assertTrue(goodError <= TOLERANCE, "the standard rules pass: " + goodError);
    // The wrong rule may agree with the right one at this point (tanh saturated, so 1 - t and 1 - t^2
    // are both ~0; an argument that stays 0), or differ from it by less than finite differences resolve
    // (the check forgives their rounding noise): then no check could see it, and the try judges nothing.
    // A harness that never applied the wrong rule would discard every try, which jqwik fails.
    // Beyond twice that noise: the check forgives it once in the standard rules' error and once in the wrong ones'.
    double[] unresolved = DerivativeChecks.roundingNoise(good.cost(p), scale, DerivativeChecks.STEP);
    for (int k = 0; k < unresolved.length; k++) {
      unresolved[k] *= 2;
    }
    Assume.that(DerivativeChecks.relativeError(gradient(bad, p), gradient(good, p), unresolved) > ACTS);
    double badError = DerivativeChecks.gradientError(bad, p, scale);
    assertTrue(badError > TOLERANCE, "the wrong " + prim + " rule is caught by the gradient check: relative error " + badError);
  }
}
