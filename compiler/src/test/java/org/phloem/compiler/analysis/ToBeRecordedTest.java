package org.phloem.compiler.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

class ToBeRecordedTest {
  private static Stmt set(String x, Expr e) {
    return new Stmt.Assign(new Ref.Local(x), e, 0);
  }

  @Test
  void record_onlyOverwrittenValuesTheReverseSweepReads() {
    Stmt defX = set("x", Expr.elem("p", IExpr.of(0)));
    Stmt square = set("y", Expr.mul(Expr.local("x"), Expr.local("x"))); // reverse reads x
    Stmt sum = set("z", Expr.add(Expr.local("y"), Expr.local("x")));   // reverse reads nothing
    Stmt overwriteX = set("x", Expr.num(5));                            // x is needed: record
    Stmt overwriteY = set("y", Expr.num(6));                            // y is never needed: don't
    Map<Stmt, Set<String>> reads = new IdentityHashMap<>();
    reads.put(square, Set.of("x"));
    ToBeRecorded t = ToBeRecorded.analyze(List.of(defX, square, sum, overwriteX, overwriteY),
        s -> reads.getOrDefault(s, Set.of()), Set.of());
    assertTrue(t.record(overwriteX));
    assertFalse(t.record(overwriteY));
    assertFalse(t.record(defX), "x held nothing anyone needs before its first assignment");
    assertFalse(t.record(square));
  }

  @Test
  void record_selfReadingUpdate_recordsTheOldValue() {
    Stmt update = set("x", Expr.mul(Expr.local("x"), Expr.local("x")));
    ToBeRecorded t = ToBeRecorded.analyze(List.of(update), s -> s == update ? Set.of("x") : Set.of(), Set.of());
    assertTrue(t.record(update));
  }

  @Test
  void record_inALoop_seesTheNextIterationOverwrite() {
    Stmt use = set("y", Expr.mul(Expr.local("x"), Expr.local("c")));
    Stmt def = set("x", Expr.elem("in", IExpr.local("i")));
    Stmt loop = new Stmt.For("i", IExpr.of(0), IExpr.of(4), false, List.of(def, use), 0);
    ToBeRecorded t = ToBeRecorded.analyze(List.of(loop), s -> s == use ? Set.of("x", "c") : Set.of(), Set.of("i"));
    assertTrue(t.record(def), "x read by the previous iteration's reverse code");
  }

  @Test
  void record_integerIndexOfANeededElement() {
    Stmt use = set("y", Expr.mul(Expr.elem("A", IExpr.local("k")), Expr.local("c")));
    Stmt bump = new Stmt.SetInt("k", new IExpr.Bin(IExpr.IOp.ADD, IExpr.local("k"), IExpr.of(1)));
    ToBeRecorded t = ToBeRecorded.analyze(List.of(use, bump), s -> s == use ? Set.of("A", "k", "c") : Set.of(), Set.of());
    assertTrue(t.record(bump));
  }

  @Test
  void record_valueReusedAfterItsStatement_isRecordedWhenOverwrittenLater() {
    // y = exp(x): the reverse code reads y's new value (the exp) instead of recomputing it, so a
    // later overwrite of y must record it, though nothing reads y's value before the statement
    Stmt exp = set("y", Expr.call(org.phloem.compiler.ir.Prim.EXP, Expr.local("x")));
    Stmt overwrite = set("y", Expr.num(0));
    ToBeRecorded t = ToBeRecorded.analyze(List.of(exp, overwrite), s -> Set.of(), s -> s == exp ? Set.of("y") : Set.of(), Set.of());
    assertFalse(t.record(exp));
    assertTrue(t.record(overwrite));
  }
}
