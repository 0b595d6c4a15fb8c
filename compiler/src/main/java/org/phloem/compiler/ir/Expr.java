package org.phloem.compiler.ir;

import java.util.List;

/** A real-valued expression. */
public sealed interface Expr permits Expr.Num, Expr.Get, Expr.Call, Expr.Select, Expr.ToReal {

  /** A literal. */
  record Num(double value) implements Expr {}

  /** The value of a scalar local or an array element. */
  record Get(Ref ref) implements Expr {}

  /** A primitive applied to its operands. */
  record Call(Prim prim, List<Expr> args) implements Expr {
    public Call {
      args = List.copyOf(args);
      if (args.size() != prim.arity()) {
        throw new IllegalArgumentException(prim + " takes " + prim.arity() + " operands, got " + args.size());
      }
    }
  }

  /** {@code cond ? ifTrue : ifFalse}; only the branch taken is evaluated. */
  record Select(Cond cond, Expr ifTrue, Expr ifFalse) implements Expr {}

  /** An integer used as a real. */
  record ToReal(IExpr value) implements Expr {}

  // Small constructors that keep transforms and tests readable.

  static Expr num(double v) {
    return new Num(v);
  }

  static Expr local(String name) {
    return new Get(new Ref.Local(name));
  }

  static Expr elem(String array, IExpr index) {
    return new Get(new Ref.Elem(array, index));
  }

  static Expr call(Prim prim, Expr... args) {
    return new Call(prim, List.of(args));
  }

  static Expr add(Expr a, Expr b) {
    return call(Prim.ADD, a, b);
  }

  static Expr sub(Expr a, Expr b) {
    return call(Prim.SUB, a, b);
  }

  static Expr mul(Expr a, Expr b) {
    return call(Prim.MUL, a, b);
  }

  static Expr div(Expr a, Expr b) {
    return call(Prim.DIV, a, b);
  }

  static Expr neg(Expr a) {
    return call(Prim.NEG, a);
  }
}
