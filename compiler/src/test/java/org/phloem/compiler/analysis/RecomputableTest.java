package org.phloem.compiler.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

class RecomputableTest {
  private static final IExpr D = IExpr.local("d");

  private static Stmt set(String x, Expr e) {
    return new Stmt.Assign(new Ref.Local(x), e, 0);
  }

  private static Stmt store(String a, IExpr i, Expr e) {
    return new Stmt.Assign(new Ref.Elem(a, i), e, 0);
  }

  private static Stmt loop(String i, Stmt... body) {
    return new Stmt.For(i, IExpr.of(0), IExpr.of(10), false, List.of(body), 0);
  }

  private static Recomputable analyze(Set<String> locals, Stmt... body) {
    return Recomputable.analyze(List.of(body), locals, Set.of("J"));
  }

  /** The shape ObserveLowering gives an observation, after the model loop that wrote {@code flux}. */
  @Test
  void observationLoop_everyLocalIsRecomputed() {
    Stmt model = loop("t", store("flux", IExpr.local("t"), Expr.mul(Expr.elem("p", IExpr.of(0)), Expr.elem("drive", IExpr.local("t")))));
    Stmt observe = loop("d",
        set("observed", Expr.elem("obs", D)),
        set("obs_sd", Expr.call(Prim.MAX, Expr.num(0.1), Expr.mul(Expr.elem("rel", D), Expr.call(Prim.ABS, Expr.elem("obs", D))))),
        new Stmt.If(new Cond.Or(new Cond.IsNaN(Expr.local("observed")), new Cond.IsNaN(Expr.local("obs_sd"))),
            List.of(store("model", D, Expr.num(Double.NaN))),
            List.of(
                set("modelled", Expr.elem("flux", D)),
                store("model", D, Expr.local("modelled")),
                set("residual", Expr.div(Expr.sub(Expr.local("modelled"), Expr.local("observed")), Expr.local("obs_sd"))),
                set("J", Expr.add(Expr.local("J"), Expr.mul(Expr.num(0.5), Expr.mul(Expr.local("residual"), Expr.local("residual")))))),
            0));
    Recomputable r = analyze(Set.of("t", "d", "observed", "obs_sd", "modelled", "residual", "J"), model, observe);
    assertEquals(Set.of("observed", "obs_sd", "modelled", "residual"), r.names());
  }

  @Test
  void arrayWrittenLaterInTheSameLoop_isNotRecomputedFrom() {
    // r reads nee[t], which the next iteration's store overwrites (another element, but the
    // analysis does not compare indices)
    Stmt body = loop("t",
        store("nee", IExpr.local("t"), Expr.elem("p", IExpr.of(0))),
        set("r", Expr.elem("nee", IExpr.local("t"))),
        set("J", Expr.mul(Expr.local("r"), Expr.local("r"))));
    assertFalse(analyze(Set.of("t", "r", "J"), body).contains("r"));
  }

  @Test
  void arrayWrittenAfterwards_isNotRecomputedFrom() {
    Stmt read = set("x", Expr.elem("a", IExpr.of(0)));
    Stmt use = set("J", Expr.mul(Expr.local("x"), Expr.local("x")));
    Stmt overwrite = store("a", IExpr.of(0), Expr.num(3));
    assertFalse(analyze(Set.of("x", "J"), read, use, overwrite).contains("x"));
    assertTrue(analyze(Set.of("x", "J"), overwrite, read, use).contains("x"), "written before: holds");
  }

  @Test
  void loopCarriedOrTwiceAssigned_isNot() {
    // x read at the top of an iteration holds the previous iteration's value
    Stmt carried = loop("t", set("y", Expr.mul(Expr.local("x"), Expr.local("x"))), set("x", Expr.elem("in", IExpr.local("t"))));
    assertFalse(analyze(Set.of("t", "x", "y"), carried).contains("x"));
    Stmt twice = loop("t", set("x", Expr.num(1)), set("y", Expr.mul(Expr.local("x"), Expr.local("x"))), set("x", Expr.num(2)));
    assertFalse(analyze(Set.of("t", "x", "y"), twice).contains("x"));
  }

  @Test
  void readOutsideItsBlock_isNot() {
    // z is assigned in a branch and read after it
    Stmt branch = new Stmt.If(new Cond.IsNaN(Expr.elem("in", IExpr.of(0))), List.of(set("z", Expr.num(1))), List.of(), 0);
    Stmt use = set("y", Expr.mul(Expr.local("z"), Expr.local("z")));
    assertFalse(analyze(Set.of("z", "y"), branch, use).contains("z"));
  }

  @Test
  void transcendental_isRecomputedOnlyInALoopOfManyIterations() {
    Stmt rate = loop("t",
        set("rate", Expr.call(Prim.POW, Expr.num(2), Expr.elem("temp", IExpr.local("t")))),
        set("q", Expr.mul(Expr.local("rate"), Expr.num(3))),
        set("y", Expr.mul(Expr.local("q"), Expr.local("rate"))));
    Recomputable r = analyze(Set.of("t", "rate", "q", "y"), rate);
    assertFalse(r.contains("rate"), "a pow costs more than a push and a pop while the tape stays in the cache");
    assertFalse(r.contains("q"), "reads rate, which is not recomputed");
    Stmt many = new Stmt.For("u", IExpr.of(0), IExpr.of(1 << 10), false, List.of(
        new Stmt.For("t", IExpr.of(0), IExpr.of(1 << 7), false, List.of(
            set("rate", Expr.call(Prim.POW, Expr.num(2), Expr.elem("temp", IExpr.local("t")))),
            set("acc", Expr.add(Expr.local("acc"), Expr.local("rate"))),
            set("late", Expr.call(Prim.EXP, Expr.local("acc"))),
            set("y", Expr.mul(Expr.local("late"), Expr.local("rate")))), 0)), 0);
    Recomputable big = analyze(Set.of("u", "t", "rate", "acc", "late", "y"), many);
    assertTrue(big.contains("rate"), "2^17 iterations: computed again, not pushed 2^17 times");
    assertFalse(big.contains("late"), "reads acc, which is assigned in every iteration from its old value");
  }

  @Test
  void longExpression_isNot() {
    Expr e = Expr.elem("temp", IExpr.local("t"));
    for (int k = 0; k < 30; k++) {
      e = Expr.call(Prim.EXP, e);
    }
    Stmt body = new Stmt.For("t", IExpr.of(0), IExpr.of(1 << 20), false,
        List.of(set("x", e), set("y", Expr.mul(Expr.local("x"), Expr.local("x")))), 0);
    assertFalse(analyze(Set.of("t", "x", "y"), body).contains("x"), "more work than a push and a pop");
  }

  @Test
  void integerLocalFromALiteral_andResults_areHandled() {
    Stmt bound = new Stmt.SetInt("m", IExpr.of(3));
    Stmt l = new Stmt.For("j", IExpr.of(0), IExpr.local("m"), false, List.of(set("J", Expr.num(1))), 0);
    Recomputable r = analyze(Set.of("m", "j", "J"), bound, l);
    assertTrue(r.contains("m"));
    assertFalse(r.contains("J"), "the function's result is never recomputed");
    assertFalse(r.contains("j"), "loop indices are the loop's business");
  }
}
