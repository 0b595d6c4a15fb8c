package org.phloem.compiler.ad;

import java.util.List;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.Prim;

/**
 * Arithmetic on derivative expressions that folds the identities derivative code is full of (times
 * one, plus zero, double negation, a 0/1 select times a value, x + x, literal factors, reciprocals and
 * quotients by one denominator), so no code is emitted for symbolic zeros and units and a partial
 * costs as few divisions as it can. Only derivative expressions go through here: primal expressions are kept exactly as
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
    if (a instanceof Expr.Num && scaled(b) != null) {
      return times(scaled(b), Expr.num(((Expr.Num) a).value() * scale(b))); // 2 (x 0.5) = x
    }
    if (b instanceof Expr.Num && scaled(a) != null) {
      return times(b, a);
    }
    if (reciprocal(b) != null) {
      return Expr.div(a, reciprocal(b)); // a (1/y) = a/y: one division, no product
    }
    if (reciprocal(a) != null) {
      return Expr.div(b, reciprocal(a));
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
    if (a.equals(b)) {
      return times(Expr.num(2), a); // x 0.5 + x 0.5 (the partial of 0.5 x x) is x
    }
    if (isNeg(b)) {
      return minus(a, operand(b));
    }
    if (isNeg(a)) {
      return minus(b, operand(a));
    }
    if (sameDenominator(a, b)) {
      return Expr.div(plus(numerator(a), numerator(b)), denominator(a)); // x/z + y/z = (x + y)/z
    }
    if (a instanceof Expr.Select && b instanceof Expr.Select
        && ((Expr.Select) a).cond().equals(((Expr.Select) b).cond())) {
      Expr.Select x = (Expr.Select) a;
      Expr.Select y = (Expr.Select) b;
      return new Expr.Select(x.cond(), plus(x.ifTrue(), y.ifTrue()), plus(x.ifFalse(), y.ifFalse()));
    }
    return Expr.add(a, b);
  }

  /** {@code a - b}, as one division when both are quotients by the same denominator. */
  private static Expr minus(Expr a, Expr b) {
    if (sameDenominator(a, b)) {
      return Expr.div(Expr.sub(numerator(a), numerator(b)), denominator(a));
    }
    return Expr.sub(a, b);
  }

  private static boolean isDiv(Expr e) {
    return e instanceof Expr.Call && ((Expr.Call) e).prim() == Prim.DIV;
  }

  private static boolean sameDenominator(Expr a, Expr b) {
    return isDiv(a) && isDiv(b) && denominator(a).equals(denominator(b));
  }

  private static Expr numerator(Expr e) {
    return ((Expr.Call) e).args().get(0);
  }

  private static Expr denominator(Expr e) {
    return ((Expr.Call) e).args().get(1);
  }

  /** y for {@code 1/y}, else null. */
  private static Expr reciprocal(Expr e) {
    return isDiv(e) && isNum(numerator(e), 1) ? denominator(e) : null;
  }

  /** x for {@code x * c} or {@code c * x} with a literal c, else null. */
  private static Expr scaled(Expr e) {
    if (!(e instanceof Expr.Call) || ((Expr.Call) e).prim() != Prim.MUL) {
      return null;
    }
    List<Expr> args = ((Expr.Call) e).args();
    if (args.get(1) instanceof Expr.Num) {
      return args.get(0);
    }
    return args.get(0) instanceof Expr.Num ? args.get(1) : null;
  }

  /** c for {@code x * c} or {@code c * x} with a literal c. */
  private static double scale(Expr e) {
    List<Expr> args = ((Expr.Call) e).args();
    return args.get(1) instanceof Expr.Num ? ((Expr.Num) args.get(1)).value() : ((Expr.Num) args.get(0)).value();
  }
}
