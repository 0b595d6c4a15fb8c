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
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

class ActivityTest {
  private static Stmt set(String x, Expr e) {
    return new Stmt.Assign(new Ref.Local(x), e, 0);
  }

  @Test
  void activity_isVariedAndUseful() {
    List<Stmt> body = List.of(
        set("x", Expr.elem("p", IExpr.of(0))),
        set("c", Expr.num(3)),                              // not varied
        set("y", Expr.mul(Expr.local("c"), Expr.local("x"))),
        set("z", Expr.local("y")),                          // varied, never useful
        set("J", Expr.mul(Expr.local("y"), Expr.local("y"))));
    Activity a = Activity.analyze(body, Set.of("p"), Set.of("J"));
    assertEquals(Set.of("p", "x", "y", "J"), a.activeNames());
    assertFalse(a.usefulAfter(body.get(3), "z"));
    assertTrue(a.variedBefore(body.get(3), "y"));
  }

  @Test
  void varied_scalarOverwrittenByAConstant_stopsVarying() {
    Stmt reset = set("x", Expr.num(1));
    Stmt use = set("J", Expr.local("x"));
    List<Stmt> body = List.of(set("x", Expr.elem("p", IExpr.of(0))), reset, use);
    Activity a = Activity.analyze(body, Set.of("p"), Set.of("J"));
    assertFalse(a.variedBefore(use, "x"), "strong update of a scalar");
    assertFalse(a.active("x"), "x's varied value is never useful, its useful value never varied");
  }

  @Test
  void varied_arrayElementOverwrittenByAConstant_keepsTheArrayVarying() {
    Stmt use = set("J", Expr.elem("A", IExpr.of(1)));
    List<Stmt> body = List.of(
        new Stmt.Assign(new Ref.Elem("A", IExpr.of(1)), Expr.elem("p", IExpr.of(0)), 0),
        new Stmt.Assign(new Ref.Elem("A", IExpr.of(0)), Expr.num(2), 0),
        use);
    assertTrue(Activity.analyze(body, Set.of("p"), Set.of("J")).variedBefore(use, "A"), "weak update of an array");
  }

  @Test
  void dataFlow_loopCarriedDependence_reachesAFixedPoint() {
    // for: { b = a; a = p[0] }; J = b -- b varies only from the second iteration on
    Stmt copy = set("b", Expr.local("a"));
    List<Stmt> body = List.of(
        new Stmt.For("i", IExpr.of(0), IExpr.of(3), false, List.of(copy, set("a", Expr.elem("p", IExpr.of(0)))), 0),
        set("J", Expr.local("b")));
    Activity a = Activity.analyze(body, Set.of("p"), Set.of("J"));
    assertTrue(a.variedBefore(copy, "a"));
    assertTrue(a.active("b"));
    assertTrue(a.active("a"));
  }

  @Test
  void conditions_carryNoDerivative() {
    List<Stmt> body = List.of(
        set("x", Expr.elem("p", IExpr.of(0))),
        new Stmt.If(new Cond.Compare(Cond.CmpOp.GT, Expr.local("x"), Expr.num(0)),
            List.of(set("J", Expr.num(1))), List.of(set("J", Expr.num(2))), 0));
    Activity a = Activity.analyze(body, Set.of("p"), Set.of("J"));
    assertFalse(a.active("x"), "J is piecewise constant in x");
  }

  @Test
  void tape_carriesActivityFromPushToPop() {
    Stmt pop = new Stmt.Pop(new Ref.Local("y"));
    List<Stmt> body = List.of(
        set("x", Expr.elem("p", IExpr.of(0))),
        new Stmt.Push(Expr.local("x")),
        pop,
        set("J", Expr.local("y")));
    Activity a = Activity.analyze(body, Set.of("p"), Set.of("J"));
    assertTrue(a.active(Activity.TAPE));
    assertTrue(a.active("x"));
    assertTrue(a.usefulAfter(pop, "y"));
  }
}
