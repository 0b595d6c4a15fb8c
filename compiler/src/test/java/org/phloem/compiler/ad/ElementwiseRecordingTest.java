package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phloem.compiler.ad.Ir.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Stmt;

/**
 * The element-wise to-be-recorded analysis on the patterns it changes: a per-step array written at the
 * loop index and read nonlinearly in the same iteration is no longer pushed (its old value is the zero
 * nothing reads), while the patterns that do need the old value still push it and give the right
 * gradient: a write to another iteration's element, a read before the write in the same iteration, and
 * values needed by reverse code from before the loop.
 */
class ElementwiseRecordingTest {
  private static final int T = 5;
  private static final double[] P = {0.6, -0.3};

  /** J = Σ x² after a loop over t with {@code body}; B over t starts at zero. */
  private static Model model(List<Stmt> before, Stmt... body) {
    List<Stmt> all = new ArrayList<>();
    all.add(set("J", n(0)));
    all.add(loop("z", c(0), c(T), store("B", i("z"), n(0))));
    all.add(set("x0", at("p", 0)));
    all.add(set("x1", at("p", 1)));
    all.addAll(before);
    all.add(loop("t", c(0), c(T), body));
    all.add(set("J", add(v("J"), add(mul(v("x0"), v("x0")), mul(v("x1"), v("x1"))))));
    all.add(loop("e", c(0), c(T), set("J", add(v("J"), f(Prim.SIN, at("B", i("e")))))));
    Model m = new Model.Builder("elementwise").dim("time", T)
        .input("in", new double[] {0.3, -1.2, 2.0, 0.8, -0.5}, "time")
        .work("B", "time")
        .param("p", 2, -1, 1)
        .build(function("forward", List.of("p"), "J", all.toArray(new Stmt[0])));
    return m.with(AutoDiff.differentiate(m.program(), CheckpointOptions.off()));
  }

  private static long pushesOf(Model m, String array) {
    return org.phloem.compiler.ir.IrPrinter.print(m.program().function("gradient")).lines()
        .filter(l -> l.trim().startsWith("push " + array + "[")).count();
  }

  private static void assertGradientRight(Model m) {
    Runner r = new Runner(m);
    double err = Checks.gradientError(r, P);
    assertTrue(err <= 1e-7, "gradient vs finite differences: " + err);
    assertTrue(Checks.dotError(r, P, new double[] {0.4, -0.9}) <= 1e-12);
  }

  @Test
  void perStepOutput_readNonlinearlyAfterItsWrite_isNotRecorded() {
    Model m = model(List.of(),
        store("B", i("t"), mul(v("x0"), at("in", i("t")))),
        set("x1", add(v("x1"), f(Prim.EXP, mul(n(0.3), at("B", i("t")))))));
    assertEquals(0, pushesOf(m, "B"), "B[t] holds the initial zero when written: nothing to record");
    assertGradientRight(m);
  }

  @Test
  void perStepOutput_atACheckedIndex_isNotRecorded() {
    IExpr t = IExpr.within(i("t"), c(T)); // lowering checks an index it cannot prove in range
    Model m = model(List.of(),
        store("B", t, mul(v("x0"), at("in", i("t")))),
        set("x1", add(v("x1"), f(Prim.EXP, mul(n(0.3), at("B", t))))));
    assertEquals(0, pushesOf(m, "B"));
    assertGradientRight(m);
  }

  @Test
  void perStepOutput_readBeforeItsWriteInTheIteration_isRecorded() {
    Model m = model(List.of(),
        set("x1", add(v("x1"), f(Prim.SIN, at("B", i("t"))))),
        store("B", i("t"), mul(v("x0"), at("in", i("t")))),
        store("B", i("t"), f(Prim.TANH, mul(v("x1"), at("B", i("t"))))));
    assertEquals(2, pushesOf(m, "B"), "both writes overwrite a value this iteration's reverse code reads");
    assertGradientRight(m);
  }

  @Test
  void writeToAnotherIterationsElement_isRecorded() {
    // iteration T-1 overwrites B[0], which iteration 0's reverse code reads (nothing in iteration T-1 reads it first)
    IExpr next = new IExpr.Bin(IExpr.IOp.MOD, iadd(i("t"), c(1)), c(T));
    Model m = model(List.of(),
        store("B", next, mul(v("x0"), v("x1"))),
        set("x0", add(v("x0"), f(Prim.SIN, at("B", i("t"))))));
    assertEquals(1, pushesOf(m, "B"));
    assertGradientRight(m);
  }

  @Test
  void valuesNeededFromBeforeTheLoop_areRecorded() {
    Model m = model(List.of(
            loop("b", c(0), c(T), store("B", i("b"), mul(v("x1"), at("in", i("b"))))),
            set("x1", mul(v("x1"), f(Prim.SIN, at("B", 2))))),
        store("B", i("t"), mul(v("x0"), at("in", i("t")))));
    assertEquals(1, pushesOf(m, "B"), "sin(B[2])'s reverse code needs B[2] as it was before the loop");
    assertGradientRight(m);
  }
}
