package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phloem.compiler.ad.Ir.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Stmt;

/** Programs the random generator found wrong once, kept as fixed cases. */
class RegressionTest {
  private static final double[] P = {0.7};
  private static final double[] DIR = {0.3};

  private static Model.Builder base() {
    return new Model.Builder("regression").dim("n", 4).input("in", new double[] {0.3, -1.2, 2.0, 0.8}, "n")
        .work("A", "n").param("p", 1, -1, 1);
  }

  @Test
  void oneStatementObjectAtTwoPlaces_isDifferentiatedAtEach() {
    // the same (immutable) statement object twice in a row, as inlining may produce: the analyses key
    // statements by identity, so the transforms must treat the two places separately
    Stmt step = seti("k", new IExpr.Bin(IExpr.IOp.MOD, iadd(i("k"), c(1)), c(4)));
    Model m = base().build(function("forward", List.of("p"), "J",
        set("J", n(0)), set("x", at("p", 0)), seti("k", c(1)),
        loop("i", c(0), c(4), store("A", i("i"), mul(n(0.1), at("in", i("i"))))),
        set("x", f(Prim.SIN, add(v("x"), f(Prim.SIN, at("A", i("k")))))),
        step, step,
        set("x", mul(v("x"), at("in", i("k")))),
        set("J", mul(v("x"), v("x")))));
    Runner r = new Runner(m.with(AutoDiff.differentiate(m.program())));
    assertTrue(Checks.dotError(r, P, DIR) <= 1e-12);
    assertTrue(Checks.gradientError(r, P) <= 1e-8);
  }

  @Test
  void popOfAConstantValue_zeroesTheTangentInTheHessianVectorSweep() {
    // A[0] is constant until overwritten with a varying value; the adjoint's restore pops the constant
    // back, and the Hessian-vector sweep must then zero A[0]'s tangent
    Model m = base().build(function("forward", List.of("p"), "J",
        set("J", n(0)), set("x", at("p", 0)),
        loop("i", c(0), c(4), store("A", i("i"), mul(n(0.1), at("in", i("i"))))),
        store("A", 0, f(Prim.SIN, add(f(Prim.SIN, add(v("x"), at("A", 0))), v("x")))),
        set("J", mul(at("A", 0), at("A", 0)))));
    Runner r = new Runner(m.with(AutoDiff.differentiate(m.program())));
    assertTrue(Checks.hessianVectorError(r, P, DIR) <= 1e-8);
  }

  @Test
  void aGradientFarBelowTheCost_isCheckedAboveTheDifferencesRoundingNoise() {
    // PerStepArrayPropertiesTest's sample of 2026-12-05: x1 contracts through sin(x1) over five steps, so
    // the only non-zero gradient entry is about 7.6e-7 on a cost of about 1, and the finite differences'
    // rounding (about 1e-12 there) made a correct adjoint fail the 1e-6 relative tolerance
    Expr in = at("in", i("t"));
    List<Stmt> step = List.of(
        set("x2", f(Prim.SIN, mul(div(f(Prim.SIN, in), add(n(1.5), f(Prim.SIN, f(Prim.NEG, at("B", i("t")))))), in))),
        store("C", i("t"), f(Prim.TANH, f(Prim.EXP, f(Prim.SIN, in)))),
        set("x1", mul(n(0.5), add(mul(v("x2"), f(Prim.POW, add(n(1), mul(in, in)), f(Prim.SIN, v("x1")))), n(0.2)))),
        when(cmp(Cond.CmpOp.GT, v("x0"), n(0.1)), List.of(set("x0", f(Prim.SIN, v("x0")))),
            List.of(set("x0", f(Prim.SIN, v("x0"))))),
        set("x0", f(Prim.SIN, f(Prim.NEG, f(Prim.POW,
            add(n(1), mul(f(Prim.POW, add(n(1), mul(v("x1"), v("x1"))), f(Prim.SIN, v("x2"))),
                f(Prim.POW, add(n(1), mul(v("x1"), v("x1"))), f(Prim.SIN, v("x2"))))),
            f(Prim.SIN, f(Prim.EXP, f(Prim.SIN, at("B", i("t"))))))))),
        store("B", new IExpr.Bin(IExpr.IOp.MOD, iadd(i("t"), c(1)), c(5)), mul(n(0.5), add(v("x2"), n(0.2)))));
    Runner r = new Runner(PerStepArrayPropertiesTest.wrap(step, false).model());
    double[] p = {0.6, -0.3, 0.9};
    double[] g = new double[3];
    r.gradient(p, g);
    assertTrue(Math.abs(g[1]) < 1e-5 && g[0] == 0 && g[2] == 0, "the case: one tiny gradient entry " + java.util.Arrays.toString(g));
    assertTrue(Checks.gradientError(r, p) <= 1e-6);
    // the noise forgiven is far below an ordinary gradient entry: 100 ulps of the cost over the stencil
    double[] noise = Checks.roundingNoise(r.forward(p), p, 1e-4);
    for (double e : noise) {
      assertTrue(e < 1e-8, "noise " + e);
    }
  }

  @Test
  void output_isDeterministic() {
    Model m = TestModels.straightLine();
    String first = IrPrinter.print(AutoDiff.differentiate(m.program()));
    for (int k = 0; k < 20; k++) {
      assertEquals(first, IrPrinter.print(AutoDiff.differentiate(m.program())));
    }
  }
}
