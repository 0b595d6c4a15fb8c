package org.phloem.compiler.ir;

import java.util.List;

/** A statement. {@code line} fields are 1-based model-file lines (0: generated, no source line). */
public sealed interface Stmt
    permits Stmt.Assign, Stmt.SetInt, Stmt.For, Stmt.If, Stmt.Push, Stmt.Pop, Stmt.PushInt, Stmt.PopInt, Stmt.Fill,
        Stmt.Schedule {

  /** {@code target = value}. */
  record Assign(Ref target, Expr value, int line) implements Stmt {}

  /** {@code local = value} for an integer local. */
  record SetInt(String local, IExpr value) implements Stmt {}

  /**
   * {@code for index in from until to}: runs {@code body} with index = from, from+1, ..., to-1, or in
   * the opposite order when {@code descending} (to-1 down to from). The bounds are evaluated once.
   */
  record For(String index, IExpr from, IExpr to, boolean descending, List<Stmt> body, int line) implements Stmt {
    public For {
      body = List.copyOf(body);
    }

    /** This loop (index, bounds, direction, line) around {@code newBody}: a new object. */
    public For withBody(List<Stmt> newBody) {
      return new For(index, from, to, descending, newBody, line);
    }
  }

  /** {@code if cond { then } else { otherwise }}. */
  record If(Cond cond, List<Stmt> then, List<Stmt> otherwise, int line) implements Stmt {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }

    /** This test (condition, line) choosing between {@code newThen} and {@code newOtherwise}: a new object. */
    public If withBranches(List<Stmt> newThen, List<Stmt> newOtherwise) {
      return new If(cond, newThen, newOtherwise, line);
    }
  }

  /** Records a real on the tape. */
  record Push(Expr value) implements Stmt {}

  /** Takes the last recorded real back into {@code target}. */
  record Pop(Ref target) implements Stmt {}

  /** Records an integer on the tape. */
  record PushInt(IExpr value) implements Stmt {}

  /** Takes the last recorded integer back into an integer local. */
  record PopInt(String local) implements Stmt {}

  /** Sets every element of an array to {@code value} (clearing adjoint and tangent arrays). */
  record Fill(String array, double value) implements Stmt {}

  /**
   * {@code result = schedule.call(args)}: asks the runtime's checkpointing schedule (the tape's {@code
   * Revolve}) where a checkpointed loop goes next; an integer local gets the answer. The arguments are
   * reals (integers among them are exact).
   */
  record Schedule(String result, ScheduleCall call, List<Expr> args) implements Stmt {
    public Schedule {
      args = List.copyOf(args);
      if (args.size() != call.arity()) {
        throw new IllegalArgumentException(call + " takes " + call.arity() + " arguments, got " + args.size());
      }
    }
  }
}
