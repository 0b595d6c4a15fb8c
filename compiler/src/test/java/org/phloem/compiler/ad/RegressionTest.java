package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phloem.compiler.ad.Ir.*;

import java.util.List;
import org.junit.jupiter.api.Test;
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
  void output_isDeterministic() {
    Model m = TestModels.straightLine();
    String first = IrPrinter.print(AutoDiff.differentiate(m.program()));
    for (int k = 0; k < 20; k++) {
      assertEquals(first, IrPrinter.print(AutoDiff.differentiate(m.program())));
    }
  }
}
