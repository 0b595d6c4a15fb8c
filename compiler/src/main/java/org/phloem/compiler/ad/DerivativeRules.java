package org.phloem.compiler.ad;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.Prim;

/**
 * The derivative rules: one entry per {@link Prim}, giving each partial derivative of the primitive's
 * value with respect to each operand as an IR expression of the operands (and of the value itself
 * where that saves work, as for {@code exp}, {@code sqrt}, {@code tanh}, {@code sinh}). The same table drives the
 * tangent transform ({@code ẏ = Σ ∂y/∂xᵢ · ẋᵢ}) and the adjoint transform ({@code x̄ᵢ += ∂y/∂xᵢ · ȳ}).
 *
 * <p>Rules are built from a few shapes: {@link #linear} (constant partials), {@link #unary} (one
 * partial), {@link #bilinear} (each partial is the other operand), {@link #binary} (two partials) and
 * {@link #zero} (piecewise-constant primitives). A partial that is the literal 0 is a symbolic zero:
 * no code is emitted for it.
 *
 * <p>At a kink the derivative of the branch the primitive takes is used: {@code min(a, b)} is {@code
 * a} when {@code a <= b} (so ∂/∂a = 1 there, also at a tie), {@code max(a, b)} is {@code a} when
 * {@code a >= b}, and {@code abs(a)} has slope +1 for {@code a >= 0} (also at 0) and -1 below.
 * These match {@link Math#min}, {@link Math#max} and {@link Math#abs}.
 *
 * <p>{@code pow(a, b)}: ∂/∂a = b·a^b/a (b·a^(b-1) at a = 0; 2a, 3a² for the literal exponents 2 and 3); ∂/∂b = a^b·log(a), which is NaN for a &lt; 0 and -∞·0 at
 * a = 0, so an active exponent needs a positive base (a constant exponent has no ∂/∂b at all).
 */
public final class DerivativeRules {

  /** What a rule may ask about the operation it differentiates. */
  public interface Operands {
    /** Operand {@code i}'s value, as a cheap expression (a literal, a variable read or a temp). */
    Expr arg(int i);

    /** The operation's own value, as a cheap expression (computed once into a temp when asked for). */
    Expr result();
  }

  /** A primitive's derivative. */
  @FunctionalInterface
  public interface Rule {
    /** ∂value/∂operand {@code i}; the literal 0 for a symbolic zero. */
    Expr partial(int i, Operands o);
  }

  private final Map<Prim, Rule> rules;

  /**
   * A rule table; it must hold a rule for every primitive (fails otherwise, naming the missing ones).
   * Tests build altered tables with {@link #with}.
   */
  public DerivativeRules(Map<Prim, Rule> rules) {
    EnumMap<Prim, Rule> copy = new EnumMap<>(Prim.class);
    copy.putAll(rules);
    StringBuilder missing = new StringBuilder();
    for (Prim p : Prim.values()) {
      if (copy.get(p) == null) {
        missing.append(missing.length() == 0 ? "" : ", ").append(p);
      }
    }
    if (missing.length() > 0) {
      throw new IllegalArgumentException("no derivative rule for " + missing + "; see docs/adding-a-primitive.md");
    }
    this.rules = copy;
  }

  private static final DerivativeRules STANDARD = new DerivativeRules(table());

  /** The rules Phloem differentiates with. */
  public static DerivativeRules standard() {
    return STANDARD;
  }

  /** This table with {@code prim}'s rule replaced (to test that a wrong rule is caught). */
  public DerivativeRules with(Prim prim, Rule rule) {
    EnumMap<Prim, Rule> copy = new EnumMap<>(rules);
    copy.put(prim, rule);
    return new DerivativeRules(copy);
  }

  /** ∂prim/∂operand {@code i}. */
  public Expr partial(Prim prim, int i, Operands o) {
    if (i < 0 || i >= prim.arity()) {
      throw new IllegalArgumentException(prim + " has no operand " + i);
    }
    return rules.get(prim).partial(i, o);
  }

  // ---- the table ----

  private static Map<Prim, Rule> table() {
    Map<Prim, Rule> t = new EnumMap<>(Prim.class);
    t.put(Prim.ADD, linear(1, 1));
    t.put(Prim.SUB, linear(1, -1));
    t.put(Prim.NEG, linear(-1));
    t.put(Prim.MUL, bilinear());
    t.put(Prim.DIV, binary(o -> Expr.div(Expr.num(1), o.arg(1)), o -> Expr.neg(Expr.div(o.result(), o.arg(1)))));
    t.put(Prim.POW, binary(
        // a literal exponent 1, 2 or 3 (x ^ 2 is common): the polynomial's derivative, no pow, no select;
        // else b·a^b/a reuses the value, and at a = 0 (where that is 0/0) falls back to b·a^(b-1)
        o -> smallPowerPartial(o) != null ? smallPowerPartial(o) : new Expr.Select(new Cond.Compare(Cond.CmpOp.NE, o.arg(0), Expr.num(0)),
            Expr.mul(o.arg(1), Expr.div(o.result(), o.arg(0))),
            Expr.mul(o.arg(1), Expr.call(Prim.POW, o.arg(0), Expr.sub(o.arg(1), Expr.num(1))))),
        o -> Expr.mul(o.result(), Expr.call(Prim.LOG, o.arg(0)))));
    t.put(Prim.EXP, unary(Operands::result));
    t.put(Prim.LOG, unary(o -> Expr.div(Expr.num(1), o.arg(0))));
    t.put(Prim.LOG10, unary(o -> Expr.div(Expr.num(1 / Math.log(10)), o.arg(0))));
    t.put(Prim.SQRT, unary(o -> Expr.div(Expr.num(0.5), o.result())));
    t.put(Prim.ABS, unary(o -> select(new Cond.Compare(Cond.CmpOp.GE, o.arg(0), Expr.num(0)), 1, -1)));
    t.put(Prim.MIN, kink(Cond.CmpOp.LE));
    t.put(Prim.MAX, kink(Cond.CmpOp.GE));
    t.put(Prim.TANH, unary(o -> Expr.sub(Expr.num(1), Expr.mul(o.result(), o.result()))));
    t.put(Prim.SINH, unary(DerivativeRules::coshFromSinh));
    t.put(Prim.COSH, unary(o -> Expr.call(Prim.SINH, o.arg(0))));
    t.put(Prim.SIN, unary(o -> Expr.call(Prim.COS, o.arg(0))));
    t.put(Prim.COS, unary(o -> Expr.neg(Expr.call(Prim.SIN, o.arg(0)))));
    t.put(Prim.TAN, unary(o -> Expr.add(Expr.num(1), Expr.mul(o.result(), o.result()))));
    t.put(Prim.ASIN, unary(o -> Expr.div(Expr.num(1), Expr.call(Prim.SQRT, oneMinusSquare(o.arg(0))))));
    t.put(Prim.ACOS, unary(o -> Expr.div(Expr.num(-1), Expr.call(Prim.SQRT, oneMinusSquare(o.arg(0))))));
    t.put(Prim.ATAN, unary(o -> Expr.div(Expr.num(1), Expr.add(Expr.num(1), Expr.mul(o.arg(0), o.arg(0))))));
    return t;
  }

  /**
   * ∂sinh(a)/∂a = cosh(a), from the value s = sinh(a): sqrt(1 + s²) (the identity cosh² − sinh² = 1; no
   * cancellation, cosh ≥ 1), and |s| once s² would overflow (there 1 + s² rounds to s² anyway). The
   * reverse sweep has s at hand (it computes sinh again, or holds the assigned value): a square root
   * instead of a second hyperbolic function, which the JDK computes in native code (StrictMath, about
   * as costly as the sinh itself). The CCDAS experiment's soil pools take two per tile-month.
   */
  private static Expr coshFromSinh(Operands o) {
    Expr s = o.result();
    return new Expr.Select(new Cond.Compare(Cond.CmpOp.LT, Expr.call(Prim.ABS, s), Expr.num(1e150)),
        Expr.call(Prim.SQRT, Expr.add(Expr.num(1), Expr.mul(s, s))), Expr.call(Prim.ABS, s));
  }

  /** ∂(a^b)/∂a for a literal b of 1, 2 or 3: 1, 2a, 3a·a; else null. */
  private static Expr smallPowerPartial(Operands o) {
    Expr b = o.arg(1);
    if (!(b instanceof Expr.Num)) {
      return null;
    }
    double n = ((Expr.Num) b).value();
    if (n == 1) {
      return Expr.num(1);
    }
    if (n == 2) {
      return Expr.mul(Expr.num(2), o.arg(0));
    }
    if (n == 3) {
      return Expr.mul(Expr.num(3), Expr.mul(o.arg(0), o.arg(0)));
    }
    return null;
  }

  private static Expr oneMinusSquare(Expr a) {
    return Expr.sub(Expr.num(1), Expr.mul(a, a));
  }

  private static Expr select(Cond c, double ifTrue, double ifFalse) {
    return new Expr.Select(c, Expr.num(ifTrue), Expr.num(ifFalse));
  }

  // ---- shapes ----

  /** Constant partials, one per operand (sums, differences, negation). */
  public static Rule linear(double... coefficients) {
    return (i, o) -> Expr.num(coefficients[i]);
  }

  /** A one-operand primitive with partial {@code d}. */
  public static Rule unary(Function<Operands, Expr> d) {
    return (i, o) -> d.apply(o);
  }

  /** A two-operand primitive with partials {@code d0} (first operand) and {@code d1} (second). */
  public static Rule binary(Function<Operands, Expr> d0, Function<Operands, Expr> d1) {
    return (i, o) -> i == 0 ? d0.apply(o) : d1.apply(o);
  }

  /** A product: each partial is the other operand. */
  public static Rule bilinear() {
    return (i, o) -> o.arg(1 - i);
  }

  /** A piecewise-constant primitive: every partial is a symbolic zero. */
  public static Rule zero() {
    return (i, o) -> Expr.num(0);
  }

  /**
   * {@code min}/{@code max}: the value is the first operand when {@code a op b} holds, else the second,
   * and the derivative follows the operand taken.
   */
  private static Rule kink(Cond.CmpOp firstWhen) {
    return (i, o) -> {
      Cond first = new Cond.Compare(firstWhen, o.arg(0), o.arg(1));
      return i == 0 ? select(first, 1, 0) : select(first, 0, 1);
    };
  }
}
