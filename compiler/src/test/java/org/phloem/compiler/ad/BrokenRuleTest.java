package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.Prim;

/**
 * The checks the properties rely on do catch a wrong derivative rule: with one rule broken the
 * gradient no longer matches finite differences. (The dot-product test alone cannot see it: tangent
 * and adjoint share the wrong rule and stay consistent with each other, which is why both checks run.)
 */
class BrokenRuleTest {

  @Test
  void wrongPowRule_failsTheFiniteDifferenceCheck_onDalec() {
    // d/da pow(a, b) written as b * pow(a, b) (missing the -1 in the exponent)
    DerivativeRules broken = DerivativeRules.standard().with(Prim.POW, DerivativeRules.binary(
        o -> Expr.mul(o.arg(1), Expr.call(Prim.POW, o.arg(0), o.arg(1))),
        o -> Expr.mul(o.result(), Expr.call(Prim.LOG, o.arg(0)))));
    Model m = TestModels.dalec();
    Runner good = new Runner(m.with(AutoDiff.differentiate(m.program())));
    Runner bad = new Runner(m.with(AutoDiff.differentiate(m.program(), broken)));
    double[] p = midpoint(m);
    assertTrue(Checks.gradientError(good, p) <= 1e-6, "the correct rules pass");
    assertTrue(Checks.gradientError(bad, p) > 1e-3, "the broken rule is caught");
    assertTrue(Checks.dotError(bad, p, direction(m)) <= 1e-10, "tangent and adjoint stay consistent with each other");
  }

  @Test
  void wrongExpRule_failsTheHessianVectorCheck() {
    DerivativeRules broken = DerivativeRules.standard().with(Prim.EXP, DerivativeRules.unary(o -> Expr.mul(Expr.num(1.01), o.result())));
    Model m = TestModels.straightLine();
    Runner bad = new Runner(m.with(AutoDiff.differentiate(m.program(), broken)));
    double[] p = midpoint(m);
    assertTrue(Checks.gradientError(bad, p) > 1e-4);
    assertTrue(Checks.hessianVectorError(bad, p, direction(m)) > 1e-4);
  }

  private static double[] midpoint(Model m) {
    double[] p = new double[m.parameterCount()];
    for (int k = 0; k < p.length; k++) {
      p[k] = 0.5 * (m.lower()[k] + m.upper()[k]);
    }
    return p;
  }

  private static double[] direction(Model m) {
    Random r = new Random(3);
    double[] d = new double[m.parameterCount()];
    for (int k = 0; k < d.length; k++) {
      d[k] = 2 * r.nextDouble() - 1;
    }
    return d;
  }
}
