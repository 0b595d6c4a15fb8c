package org.phloem.compiler.codegen;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * Collects the arrays, dims and scalar locals a piece of code touches, so a method's prologue loads
 * only those and a split method knows which locals cross between its pieces.
 */
final class UsedNames {
  final Set<String> arrays = new LinkedHashSet<>();
  final Set<String> dims = new LinkedHashSet<>();
  /** Scalar locals read or written. */
  final Set<String> locals = new LinkedHashSet<>();
  /** Scalar locals written (assigned, popped, or stepped as a loop index). */
  final Set<String> written = new LinkedHashSet<>();
  boolean tape;

  static UsedNames of(List<Stmt> body) {
    UsedNames u = new UsedNames();
    u.block(body);
    return u;
  }

  /** Adds everything {@code other} touches. */
  void addAll(UsedNames other) {
    arrays.addAll(other.arrays);
    dims.addAll(other.dims);
    locals.addAll(other.locals);
    written.addAll(other.written);
    tape |= other.tape;
  }

  void block(List<Stmt> body) {
    body.forEach(this::stmt);
  }

  void stmt(Stmt s) {
    if (s instanceof Stmt.Assign) {
      ref(((Stmt.Assign) s).target(), true);
      expr(((Stmt.Assign) s).value());
    } else if (s instanceof Stmt.SetInt) {
      write(((Stmt.SetInt) s).local());
      iexpr(((Stmt.SetInt) s).value());
    } else if (s instanceof Stmt.For) {
      Stmt.For f = (Stmt.For) s;
      loopHeader(f);
      block(f.body());
    } else if (s instanceof Stmt.If) {
      Stmt.If i = (Stmt.If) s;
      cond(i.cond());
      block(i.then());
      block(i.otherwise());
    } else if (s instanceof Stmt.Push) {
      tape = true;
      expr(((Stmt.Push) s).value());
    } else if (s instanceof Stmt.Pop) {
      tape = true;
      ref(((Stmt.Pop) s).target(), true);
    } else if (s instanceof Stmt.PushInt) {
      tape = true;
      iexpr(((Stmt.PushInt) s).value());
    } else if (s instanceof Stmt.PopInt) {
      tape = true;
      write(((Stmt.PopInt) s).local());
    } else if (s instanceof Stmt.Fill) {
      arrays.add(((Stmt.Fill) s).array());
    } else if (s instanceof Stmt.Schedule) {
      tape = true; // the schedule hangs on the tape
      ((Stmt.Schedule) s).args().forEach(this::expr);
      write(((Stmt.Schedule) s).result());
    }
  }

  /** A loop's bounds and index, without its body. */
  void loopHeader(Stmt.For f) {
    iexpr(f.from());
    iexpr(f.to());
    write(f.index());
  }

  private void write(String local) {
    locals.add(local);
    written.add(local);
  }

  private void ref(Ref r, boolean store) {
    if (r instanceof Ref.Elem) {
      arrays.add(r.name());
      iexpr(((Ref.Elem) r).index());
    } else if (store) {
      write(r.name());
    } else {
      locals.add(r.name());
    }
  }

  void expr(Expr e) {
    if (e instanceof Expr.Get) {
      ref(((Expr.Get) e).ref(), false);
    } else if (e instanceof Expr.Call) {
      ((Expr.Call) e).args().forEach(this::expr);
    } else if (e instanceof Expr.Select) {
      Expr.Select s = (Expr.Select) e;
      cond(s.cond());
      expr(s.ifTrue());
      expr(s.ifFalse());
    } else if (e instanceof Expr.ToReal) {
      iexpr(((Expr.ToReal) e).value());
    }
  }

  void iexpr(IExpr e) {
    if (e instanceof IExpr.Local) {
      locals.add(((IExpr.Local) e).name());
    } else if (e instanceof IExpr.DimSize) {
      dims.add(((IExpr.DimSize) e).dim());
    } else if (e instanceof IExpr.Bin) {
      iexpr(((IExpr.Bin) e).a());
      iexpr(((IExpr.Bin) e).b());
    }
  }

  void cond(Cond c) {
    if (c instanceof Cond.Compare) {
      expr(((Cond.Compare) c).a());
      expr(((Cond.Compare) c).b());
    } else if (c instanceof Cond.IntCompare) {
      iexpr(((Cond.IntCompare) c).a());
      iexpr(((Cond.IntCompare) c).b());
    } else if (c instanceof Cond.And) {
      cond(((Cond.And) c).a());
      cond(((Cond.And) c).b());
    } else if (c instanceof Cond.Or) {
      cond(((Cond.Or) c).a());
      cond(((Cond.Or) c).b());
    } else if (c instanceof Cond.Not) {
      cond(((Cond.Not) c).a());
    } else if (c instanceof Cond.IsNaN) {
      expr(((Cond.IsNaN) c).value());
    }
  }
}
