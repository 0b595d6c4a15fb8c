package org.phloem.compiler.ir;

/**
 * The differentiable primitive operations on reals. Each has a fixed arity, a run-time meaning (see
 * {@link #apply}) and, in {@code ad.DerivativeRules}, exactly one derivative rule.
 */
public enum Prim {
  ADD(2, "+"), SUB(2, "-"), MUL(2, "*"), DIV(2, "/"), NEG(1, "-"),
  POW(2, "pow"), EXP(1, "exp"), LOG(1, "log"), LOG10(1, "log10"), SQRT(1, "sqrt"),
  ABS(1, "abs"), MIN(2, "min"), MAX(2, "max"),
  TANH(1, "tanh"), SINH(1, "sinh"), COSH(1, "cosh"),
  SIN(1, "sin"), COS(1, "cos"), TAN(1, "tan"), ASIN(1, "asin"), ACOS(1, "acos"), ATAN(1, "atan");

  private final int arity;
  private final String symbol;

  Prim(int arity, String symbol) {
    this.arity = arity;
    this.symbol = symbol;
  }

  /** Number of operands. */
  public int arity() {
    return arity;
  }

  /** How the printer writes it: an infix operator for arithmetic, a function name otherwise. */
  public String symbol() {
    return symbol;
  }

  /** True for + - * / written infix. */
  public boolean infix() {
    return this == ADD || this == SUB || this == MUL || this == DIV;
  }

  /**
   * True for + - * /, negation, abs, min and max: arithmetic, as cheap as a load; exp, log, pow, sqrt and
   * the trigonometric and hyperbolic functions cost tens of times more.
   */
  public boolean arithmetic() {
    return infix() || this == NEG || this == ABS || this == MIN || this == MAX;
  }

  /** The primitive for a built-in function name of the language, or null. */
  public static Prim ofFunction(String name) {
    for (Prim p : values()) {
      if (!p.infix() && p != NEG && p.symbol.equals(name)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The value, exactly as generated code computes it (the interpreter and the code generator must
   * agree bit for bit: both use java.lang.Math).
   */
  public double apply(double a, double b) {
    switch (this) {
      case ADD: return a + b;
      case SUB: return a - b;
      case MUL: return a * b;
      case DIV: return a / b;
      case NEG: return -a;
      case POW: return Math.pow(a, b);
      case EXP: return Math.exp(a);
      case LOG: return Math.log(a);
      case LOG10: return Math.log10(a);
      case SQRT: return Math.sqrt(a);
      case ABS: return Math.abs(a);
      case MIN: return Math.min(a, b);
      case MAX: return Math.max(a, b);
      case TANH: return Math.tanh(a);
      case SINH: return Math.sinh(a);
      case COSH: return Math.cosh(a);
      case SIN: return Math.sin(a);
      case COS: return Math.cos(a);
      case TAN: return Math.tan(a);
      case ASIN: return Math.asin(a);
      case ACOS: return Math.acos(a);
      case ATAN: return Math.atan(a);
      default: throw new AssertionError(this);
    }
  }
}
