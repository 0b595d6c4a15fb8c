package org.phloem.compiler.ad;

import java.util.List;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Stmt;

/**
 * How many bytes of tape a piece of the adjoint's forward sweep records, as a real expression of the
 * dim sizes (known once the data are bound): 8 per real pushed, 4 per integer, times the trip count of
 * each enclosing loop, the larger branch of an {@code if}. The generated model compares it with its
 * tape budget to choose between the plain and the checkpointed gradient (the tape a checkpointed loop
 * saves is what its plain sweep would record).
 *
 * <p>An inner loop whose bounds read a local (not only literals and dim sizes) cannot be sized before
 * the run; it counts as one trip, so the estimate is then a lower bound.
 */
final class TapeBytes {

  private TapeBytes() {}

  /** The bytes {@code code} records when it runs once. */
  static Expr of(List<Stmt> code) {
    Expr total = Expr.num(0);
    for (Stmt s : code) {
      total = plus(total, of(s));
    }
    return total;
  }

  /** The bytes loop {@code l}'s plain forward sweep records, its body's forward sweep being {@code body}. */
  static Expr ofLoop(Stmt.For l, List<Stmt> body) {
    return times(trips(l), of(body));
  }

  private static Expr of(Stmt s) {
    if (s instanceof Stmt.Push) {
      return Expr.num(8);
    }
    if (s instanceof Stmt.PushInt) {
      return Expr.num(4);
    }
    if (s instanceof Stmt.For) {
      Stmt.For l = (Stmt.For) s;
      Expr body = of(l.body());
      return sized(l) ? times(trips(l), body) : body;
    }
    if (s instanceof Stmt.If) {
      Expr then = of(((Stmt.If) s).then());
      Expr otherwise = of(((Stmt.If) s).otherwise());
      if (then instanceof Expr.Num && otherwise instanceof Expr.Num) {
        return Expr.num(Math.max(((Expr.Num) then).value(), ((Expr.Num) otherwise).value()));
      }
      return Expr.call(Prim.MAX, then, otherwise);
    }
    return Expr.num(0);
  }

  /** True when the loop's bounds read no local: its trip count is known once the dims are. */
  private static boolean sized(Stmt.For l) {
    return Reads.all(l.from()).isEmpty() && Reads.all(l.to()).isEmpty();
  }

  /** max(0, to − from) as a real. */
  private static Expr trips(Stmt.For l) {
    Expr n = new Expr.ToReal(new IExpr.Bin(IExpr.IOp.SUB, l.to(), l.from()));
    return Expr.call(Prim.MAX, Expr.num(0), n);
  }

  private static Expr plus(Expr a, Expr b) {
    if (a instanceof Expr.Num && b instanceof Expr.Num) {
      return Expr.num(((Expr.Num) a).value() + ((Expr.Num) b).value());
    }
    if (isZero(a)) {
      return b;
    }
    return isZero(b) ? a : Expr.add(a, b);
  }

  private static Expr times(Expr a, Expr b) {
    if (isZero(a) || isZero(b)) {
      return Expr.num(0);
    }
    return Expr.mul(a, b);
  }

  private static boolean isZero(Expr e) {
    return e instanceof Expr.Num && ((Expr.Num) e).value() == 0;
  }
}
