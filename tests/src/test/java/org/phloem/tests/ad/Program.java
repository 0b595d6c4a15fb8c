package org.phloem.tests.ad;

import java.util.List;

/**
 * A random model's program as a tree that names nothing itself: a reference to a local, a loop index
 * or a function is a number ("the pick-th one in scope"), resolved by {@link ModelText} when the tree is
 * printed, with a fixed fallback when nothing fitting is in scope. So every tree prints as a well-formed
 * model, and jqwik can shrink any part of it (drop a statement, replace an expression by a leaf) without
 * breaking the rest.
 *
 * <p>The declarations around the program are fixed (see {@link ModelText}): dims {@code day} (4) and
 * {@code k} (3); params {@code a} (bounded), {@code b} (bounded, may be negative), {@code r} (log),
 * {@code e0} (flat, unbounded) and {@code v[k]}; consts {@code c0}, {@code w[k]}, {@code obs[day]};
 * state {@code s} and {@code pool[k]}; vars {@code y}, {@code x[day]}, {@code m2[day, k]}; outputs
 * {@code tot} and {@code z[day]}; fns {@code f1(u1, u2)} (expression form) and {@code f2(u)} (block form).
 *
 * @param f1 the body of {@code fn f1(u1, u2) = ...}
 * @param f2 the body of {@code fn f2(u) { ... }}
 * @param before statements before the time loop
 * @param step statements inside {@code for t in day}, after the state update
 * @param after statements after the time loop
 */
record Program(Ex f1, FnBody f2, List<St> before, List<St> step, List<St> after) {

  @Override
  public String toString() {
    return ModelText.of(this);
  }

  /** {@code fn f2(u) { let q = let; if c1 { return r1 } else if c2 { return r2 } return last }}. */
  record FnBody(Ex let, Cnd c1, Ex r1, Cnd c2, Ex r2, Ex last) {}

  /** A scalar a program can read. */
  enum Scalar {
    A("a"), B("b"), R("r"), E0("e0"), C0("c0"), S("s"), Y("y"), TOT("tot"), PI("pi"), SIZE("size(day)");

    final String text;

    Scalar(String text) {
      this.text = text;
    }
  }

  /** The dims an array position or a loop can range over. */
  enum Dim {
    DAY("day", 4), K("k", 3);

    final String name;
    final int size;

    Dim(String name, int size) {
      this.name = name;
      this.size = size;
    }
  }

  /** An array a program can read. */
  enum Array {
    V("v", Dim.K), W("w", Dim.K), OBS("obs", Dim.DAY), POOL("pool", Dim.K), X("x", Dim.DAY), Z("z", Dim.DAY),
    M2("m2", Dim.DAY, Dim.K);

    final String name;
    final List<Dim> dims;

    Array(String name, Dim... dims) {
      this.name = name;
      this.dims = List.of(dims);
    }
  }

  /** What an assignment can write: a state, var or output, scalar or one element. */
  enum Target {
    S("s"), Y("y"), TOT("tot"), X("x", Dim.DAY), Z("z", Dim.DAY), POOL("pool", Dim.K), M2("m2", Dim.DAY, Dim.K);

    final String name;
    final List<Dim> dims;

    Target(String name, Dim... dims) {
      this.name = name;
      this.dims = List.of(dims);
    }
  }

  /** What a loop or a reduction runs over. */
  enum Over { DAY, K, RANGE, DAY_K }

  // ---- indices ----

  /** An index at an array position. */
  sealed interface Ix permits Ix.At, Ix.Loop, Ix.Wrap {
    /** The literal {@code n} modulo the position's size. */
    record At(int n) implements Ix {}

    /** The pick-th loop index in scope that fits the position (else the literal {@code pick}). */
    record Loop(int pick) implements Ix {}

    /** {@code (i + 1) % size(dim)} for the pick-th loop index in scope (index arithmetic). */
    record Wrap(int pick) implements Ix {}
  }

  // ---- expressions (REAL) ----

  /** A real expression. Printed with the wrappers that keep every math function inside its domain. */
  sealed interface Ex permits Ex.Num, Ex.Read, Ex.Get, Ex.Local, Ex.LoopValue, Ex.Lagged, Ex.Neg, Ex.Arith,
      Ex.Unary, Ex.Binary, Ex.IfElse, Ex.Reduce, Ex.Call {

    record Num(double value) implements Ex {}

    record Read(Scalar scalar) implements Ex {}

    record Get(Array array, Ix i, Ix j) implements Ex {}

    /** The pick-th real local in scope: a let or a fn argument (else {@code c0}). */
    record Local(int pick) implements Ex {}

    /** The pick-th loop index in scope used as a number (else 1). */
    record LoopValue(int pick) implements Ex {}

    /**
     * {@code array[t - 1]} for the pick-th day index t in scope: bare inside {@code if t > 0}, else as
     * {@code (if t > 0 then array[t - 1] else 0)}.
     */
    record Lagged(Array array, int pick) implements Ex {}

    record Neg(Ex a) implements Ex {}

    /** {@code + - * /}; a divisor is printed as {@code 1.5 + sin(b)}. */
    record Arith(char op, Ex a, Ex b) implements Ex {}

    record Unary(Fn1 fn, Ex a) implements Ex {}

    record Binary(Fn2 fn, Ex a, Ex b) implements Ex {}

    record IfElse(Cnd c, Ex a, Ex b) implements Ex {}

    record Reduce(ReduceOp op, Over over, Ex body) implements Ex {}

    /** A user fn: the pick-th callable one ({@code f1(a, b)} or {@code f2(a)}; else {@code a}). */
    record Call(int pick, Ex a, Ex b) implements Ex {}
  }

  /** One-argument math functions, each printed with an argument kept in its domain. */
  enum Fn1 { EXP, LOG, LOG10, SQRT, ABS, TANH, SINH, COSH, SIN, COS, TAN, ASIN, ACOS, ATAN }

  /** Two-argument functions and powers. */
  enum Fn2 { MIN, MAX, POW, POW_OPERATOR, SQUARE }

  enum ReduceOp { SUM, MEAN, PROD }

  // ---- conditions (BOOL) ----

  sealed interface Cnd permits Cnd.Compare, Cnd.IndexTest, Cnd.And, Cnd.Or, Cnd.Not {
    record Compare(String op, Ex a, Ex b) implements Cnd {}

    /** {@code i op value} for the pick-th loop index in scope (else {@code b op value / 4}). */
    record IndexTest(int pick, String op, int value) implements Cnd {}

    record And(Cnd a, Cnd b) implements Cnd {}

    record Or(Cnd a, Cnd b) implements Cnd {}

    record Not(Cnd a) implements Cnd {}
  }

  // ---- statements ----

  /** How an assigned value is kept bounded, so no program overflows whatever loops it runs in. */
  enum Squash { TANH, ATAN, SIN, COS }

  sealed interface St permits St.Assign, St.Let, St.If, St.For, St.Guard {
    /** {@code target[i, j] = squash(e)}, or with {@code accumulate} {@code target[i, j] += 0.1 * squash(e)}. */
    record Assign(Target target, Ix i, Ix j, Squash squash, Ex e, boolean accumulate) implements St {}

    /** {@code let lN = e}, visible to the rest of the block. */
    record Let(Ex e) implements St {}

    /** {@code if c { ... } else { ... }} (no else when empty; {@code else if} when it is one if). */
    record If(Cnd c, List<St> then, List<St> otherwise) implements St {}

    record For(Over over, List<St> body) implements St {}

    /** {@code if t > 0 { ... }} for the pick-th day index t in scope, inside which {@code x[t - 1]} may be read. */
    record Guard(int pick, List<St> body) implements St {}
  }
}
