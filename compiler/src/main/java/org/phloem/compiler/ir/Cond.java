package org.phloem.compiler.ir;

/** A boolean condition: of {@code if} statements and {@link Expr.Select}. */
public sealed interface Cond permits Cond.Compare, Cond.IntCompare, Cond.And, Cond.Or, Cond.Not, Cond.IsNaN, Cond.Const {

  /** A comparison of reals. */
  record Compare(CmpOp op, Expr a, Expr b) implements Cond {}

  /** A comparison of integers. */
  record IntCompare(CmpOp op, IExpr a, IExpr b) implements Cond {}

  /** Both (short-circuit). */
  record And(Cond a, Cond b) implements Cond {}

  /** Either (short-circuit). */
  record Or(Cond a, Cond b) implements Cond {}

  /** Negation. */
  record Not(Cond a) implements Cond {}

  /** The value is NaN (a missing observation). */
  record IsNaN(Expr value) implements Cond {}

  /** A literal. */
  record Const(boolean value) implements Cond {}

  /** Comparison operators, with Java's IEEE semantics (any comparison with NaN but != is false). */
  enum CmpOp {
    LT("<"), LE("<="), GT(">"), GE(">="), EQ("=="), NE("!=");
    private final String symbol;

    CmpOp(String symbol) {
      this.symbol = symbol;
    }

    /** The printed operator. */
    public String symbol() {
      return symbol;
    }

    /** Compares reals. */
    public boolean test(double a, double b) {
      switch (this) {
        case LT: return a < b;
        case LE: return a <= b;
        case GT: return a > b;
        case GE: return a >= b;
        case EQ: return a == b;
        case NE: return a != b;
        default: throw new AssertionError(this);
      }
    }

    /** Compares integers. */
    public boolean test(int a, int b) {
      return test((double) a, (double) b);
    }
  }
}
