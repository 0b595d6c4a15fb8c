package org.phloem.compiler.ir;

/** An integer expression: loop indices, flat array offsets, loop bounds. */
public sealed interface IExpr permits IExpr.Const, IExpr.Local, IExpr.Bin, IExpr.DimSize {

  /** A literal. */
  record Const(int value) implements IExpr {}

  /** An integer local (a loop index, a recorded bound). */
  record Local(String name) implements IExpr {}

  /**
   * Integer arithmetic. An {@code exact} ADD, SUB or MUL stops the run with an {@link ArithmeticException}
   * when its true value lies outside int ({@code Math.addExact} and its kin) instead of wrapping around
   * to a wrong, possibly in-range, index; the lowering makes exact every operation of the model's index
   * arithmetic that the loop bounds do not prove to stay inside int ({@code IndexRanges}). A plain one
   * wraps, as Java's int arithmetic does: the compiler's own offsets, proven to fit.
   */
  record Bin(IOp op, IExpr a, IExpr b, boolean exact) implements IExpr {
    /** A plain (wrapping) operation. */
    public Bin(IOp op, IExpr a, IExpr b) {
      this(op, a, b, false);
    }

    /** The value for operands {@code x} and {@code y}, as the generated code computes it. */
    public int apply(int x, int y) {
      return exact ? op.applyExact(x, y) : op.apply(x, y);
    }
  }

  /** The bound size of a dim. */
  record DimSize(String dim) implements IExpr {}

  /**
   * Integer operators. {@code WITHIN} is an index check: {@code a within b} is {@code a} when
   * 0 &lt;= a &lt; b and otherwise stops the run with an {@link IndexOutOfBoundsException}; it guards an
   * index of a multi-dim array against its own dim, which the flat array's bounds cannot do.
   */
  enum IOp {
    ADD("+"), SUB("-"), MUL("*"), MOD("%"), WITHIN("within");
    private final String symbol;

    IOp(String symbol) {
      this.symbol = symbol;
    }

    /** The printed operator. */
    public String symbol() {
      return symbol;
    }

    /** The value (MOD is Java's remainder). */
    public int apply(int a, int b) {
      switch (this) {
        case ADD: return a + b;
        case SUB: return a - b;
        case MUL: return a * b;
        case MOD: return a % b;
        case WITHIN: return java.util.Objects.checkIndex(a, b);
        default: throw new AssertionError(this);
      }
    }

    /** The value, with ADD, SUB and MUL throwing an {@link ArithmeticException} where they would wrap. */
    public int applyExact(int a, int b) {
      switch (this) {
        case ADD: return Math.addExact(a, b);
        case SUB: return Math.subtractExact(a, b);
        case MUL: return Math.multiplyExact(a, b);
        default: return apply(a, b);
      }
    }

    /** The {@code java.lang.Math} method an exact operation calls, or null when it has none. */
    public String exactMethod() {
      switch (this) {
        case ADD: return "addExact";
        case SUB: return "subtractExact";
        case MUL: return "multiplyExact";
        default: return null;
      }
    }
  }

  static IExpr of(int v) {
    return new Const(v);
  }

  static IExpr local(String name) {
    return new Local(name);
  }

  /** {@code index}, checked to lie in 0 .. size - 1 when it runs. */
  static IExpr within(IExpr index, IExpr size) {
    return new Bin(IOp.WITHIN, index, size);
  }

  /** a + b, folding literal zeros so flat offsets stay readable. */
  static IExpr plus(IExpr a, IExpr b) {
    if (a instanceof Const && ((Const) a).value() == 0) {
      return b;
    }
    if (b instanceof Const && ((Const) b).value() == 0) {
      return a;
    }
    if (a instanceof Const && b instanceof Const) {
      return new Const(((Const) a).value() + ((Const) b).value());
    }
    return new Bin(IOp.ADD, a, b);
  }

  /** a * b, folding literal ones and zeros. */
  static IExpr times(IExpr a, IExpr b) {
    if (a instanceof Const && ((Const) a).value() == 1) {
      return b;
    }
    if (b instanceof Const && ((Const) b).value() == 1) {
      return a;
    }
    if (a instanceof Const && b instanceof Const) {
      return new Const(((Const) a).value() * ((Const) b).value());
    }
    return new Bin(IOp.MUL, a, b);
  }
}
