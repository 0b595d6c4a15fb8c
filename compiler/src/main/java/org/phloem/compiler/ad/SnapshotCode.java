package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * The code that takes a snapshot of a loop's carried state onto the tape and restores it (pops it back,
 * in reverse order), and the bytes one snapshot takes. Shared by the checkpointing schedules.
 */
final class SnapshotCode {
  private final Checkpointing.Snapshot snapshot;
  private final Function<String, String> freshInt;

  /**
   * @param snapshot what a snapshot holds
   * @param freshInt declares a fresh integer local with the given prefix and returns its name
   */
  SnapshotCode(Checkpointing.Snapshot snapshot, Function<String, String> freshInt) {
    this.snapshot = snapshot;
    this.freshInt = freshInt;
  }

  /** Pushes the state: reals, integers, then every element of each array. */
  List<Stmt> push() {
    List<Stmt> out = new ArrayList<>();
    for (String r : snapshot.reals()) {
      out.add(new Stmt.Push(Expr.local(r)));
    }
    for (String i : snapshot.ints()) {
      out.add(new Stmt.PushInt(IExpr.local(i)));
    }
    for (String a : snapshot.arrays()) {
      String k = freshInt.apply("ck");
      out.add(new Stmt.For(k, IExpr.of(0), snapshot.sizeOf().apply(a), false,
          List.of(new Stmt.Push(Expr.elem(a, IExpr.local(k)))), 0));
    }
    return out;
  }

  /** Pops the state {@link #push} pushed. */
  List<Stmt> pop() {
    List<Stmt> out = new ArrayList<>();
    for (int x = snapshot.arrays().size() - 1; x >= 0; x--) {
      String a = snapshot.arrays().get(x);
      String k = freshInt.apply("ck");
      out.add(new Stmt.For(k, IExpr.of(0), snapshot.sizeOf().apply(a), true,
          List.of(new Stmt.Pop(new Ref.Elem(a, IExpr.local(k)))), 0));
    }
    for (int x = snapshot.ints().size() - 1; x >= 0; x--) {
      out.add(new Stmt.PopInt(snapshot.ints().get(x)));
    }
    for (int x = snapshot.reals().size() - 1; x >= 0; x--) {
      out.add(new Stmt.Pop(new Ref.Local(snapshot.reals().get(x))));
    }
    return out;
  }

  /** The bytes one snapshot takes on the tape, as a real expression of the dim sizes. */
  Expr bytes() {
    Expr total = Expr.num(8.0 * snapshot.reals().size() + 4.0 * snapshot.ints().size());
    for (String a : snapshot.arrays()) {
      total = Expr.add(total, Expr.mul(Expr.num(8), new Expr.ToReal(snapshot.sizeOf().apply(a))));
    }
    return total;
  }
}
