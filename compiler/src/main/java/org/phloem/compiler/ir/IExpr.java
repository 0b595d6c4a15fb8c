package org.phloem.compiler.ir;

/** An integer expression: loop indices, flat array offsets, loop bounds. */
public sealed interface IExpr permits IExpr.Const, IExpr.Local, IExpr.Bin, IExpr.DimSize {

  /** A literal. */
  record Const(int value) implements IExpr {}

  /** An integer local (a loop index, a recorded bound). */
  record Local(String name) implements IExpr {}

  /** Integer arithmetic. */
  record Bin(IOp op, IExpr a, IExpr b) implements IExpr {}

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
