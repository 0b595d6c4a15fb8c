package org.phloem.compiler.ad;

import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.Prim;

/**
 * Arithmetic on derivative expressions that folds the identities derivative code is full of (times
 * one, plus zero, double negation, a 0/1 select times a value), so no code is emitted for symbolic
 * zeros and units. Only derivative expressions go through here: primal expressions are kept exactly as
 * written, so the primal value stays bit for bit the forward model's.
 */
final class Simplify {

  private Simplify() {}

  static boolean isNum(Expr e, double v) {
    return e instanceof Expr.Num && ((Expr.Num) e).value() == v;
  }

  static boolean isZero(Expr e) {
    return isNum(e, 0.0);
  }

  /** True for an expression cheap enough to evaluate twice: a literal or a variable read. */
  static boolean trivial(Expr e) {
    return e instanceof Expr.Num || e instanceof Expr.Get || e instanceof Expr.ToReal;
  }

  private static boolean isNeg(Expr e) {
    return e instanceof Expr.Call && ((Expr.Call) e).prim() == Prim.NEG;
  }

  private static Expr operand(Expr e) {
    return ((Expr.Call) e).args().get(0);
  }

  /** A select of two literals, each 0, 1 or -1 (a kink's partial). */
  private static boolean unitSelect(Expr e) {
    if (!(e instanceof Expr.Select)) {
      return false;
    }
    Expr.Select s = (Expr.Select) e;
    return unit(s.ifTrue()) && unit(s.ifFalse());
  }

  private static boolean unit(Expr e) {
    return isNum(e, 0) || isNum(e, 1) || isNum(e, -1);
  }

  static Expr times(Expr a, Expr b) {
    if (isZero(a) || isZero(b)) {
      return Expr.num(0);
    }
    if (isNum(a, 1)) {
      return b;
    }
    if (isNum(b, 1)) {
      return a;
    }
    if (isNum(a, -1)) {
      return negate(b);
    }
    if (isNum(b, -1)) {
      return negate(a);
    }
    if (a instanceof Expr.Num && b instanceof Expr.Num) {
      return Expr.num(((Expr.Num) a).value() * ((Expr.Num) b).value());
    }
    if (unitSelect(a) && trivial(b)) {
      Expr.Select s = (Expr.Select) a;
      return new Expr.Select(s.cond(), times(s.ifTrue(), b), times(s.ifFalse(), b));
    }
    if (unitSelect(b) && trivial(a)) {
      return times(b, a);
    }
    if (isNeg(a)) {
      return negate(times(operand(a), b)); // so that a sum of terms becomes a subtraction
    }
    if (isNeg(b)) {
      return negate(times(a, operand(b)));
    }
    return Expr.mul(a, b);
  }

  static Expr negate(Expr a) {
    if (a instanceof Expr.Num) {
      return Expr.num(-((Expr.Num) a).value());
    }
    if (isNeg(a)) {
      return operand(a);
    }
    if (a instanceof Expr.Select && unitSelect(a)) {
      Expr.Select s = (Expr.Select) a;
      return new Expr.Select(s.cond(), negate(s.ifTrue()), negate(s.ifFalse()));
    }
    return Expr.neg(a);
  }

  static Expr plus(Expr a, Expr b) {
    if (isZero(a)) {
      return b;
    }
    if (isZero(b)) {
      return a;
    }
    if (isNeg(b)) {
      return Expr.sub(a, operand(b));
    }
    if (isNeg(a)) {
      return Expr.sub(b, operand(a));
    }
    if (a instanceof Expr.Select && b instanceof Expr.Select
        && ((Expr.Select) a).cond().equals(((Expr.Select) b).cond())) {
      Expr.Select x = (Expr.Select) a;
      Expr.Select y = (Expr.Select) b;
      return new Expr.Select(x.cond(), plus(x.ifTrue(), y.ifTrue()), plus(x.ifFalse(), y.ifFalse()));
    }
    return Expr.add(a, b);
  }
}
