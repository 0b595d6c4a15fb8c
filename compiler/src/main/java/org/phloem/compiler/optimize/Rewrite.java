package org.phloem.compiler.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.Stmt;

/** Rebuilds real expressions bottom-up through a function of each node (children first). */
public final class Rewrite {
  private Rewrite() {}

  public static Expr expr(Expr e, UnaryOperator<Expr> f) {
    if (e instanceof Expr.Call) {
      Expr.Call c = (Expr.Call) e;
      List<Expr> args = new ArrayList<>(c.args().size());
      boolean same = true;
      for (Expr a : c.args()) {
        Expr b = expr(a, f);
        same &= b == a;
        args.add(b);
      }
      return f.apply(same ? e : new Expr.Call(c.prim(), args));
    }
    if (e instanceof Expr.Select) {
      Expr.Select s = (Expr.Select) e;
      Cond c = cond(s.cond(), f);
      Expr t = expr(s.ifTrue(), f);
      Expr o = expr(s.ifFalse(), f);
      return f.apply(c == s.cond() && t == s.ifTrue() && o == s.ifFalse() ? e : new Expr.Select(c, t, o));
    }
    return f.apply(e);
  }

  public static Cond cond(Cond c, UnaryOperator<Expr> f) {
    if (c instanceof Cond.Compare) {
      Cond.Compare k = (Cond.Compare) c;
      Expr a = expr(k.a(), f);
      Expr b = expr(k.b(), f);
      return a == k.a() && b == k.b() ? c : new Cond.Compare(k.op(), a, b);
    }
    if (c instanceof Cond.And) {
      Cond a = cond(((Cond.And) c).a(), f);
      Cond b = cond(((Cond.And) c).b(), f);
      return a == ((Cond.And) c).a() && b == ((Cond.And) c).b() ? c : new Cond.And(a, b);
    }
    if (c instanceof Cond.Or) {
      Cond a = cond(((Cond.Or) c).a(), f);
      Cond b = cond(((Cond.Or) c).b(), f);
      return a == ((Cond.Or) c).a() && b == ((Cond.Or) c).b() ? c : new Cond.Or(a, b);
    }
    if (c instanceof Cond.Not) {
      Cond a = cond(((Cond.Not) c).a(), f);
      return a == ((Cond.Not) c).a() ? c : new Cond.Not(a);
    }
    if (c instanceof Cond.IsNaN) {
      Expr v = expr(((Cond.IsNaN) c).value(), f);
      return v == ((Cond.IsNaN) c).value() ? c : new Cond.IsNaN(v);
    }
    return c;
  }

  /** {@code s} with its own expressions rewritten (not those of nested statements). */
  static Stmt shallow(Stmt s, UnaryOperator<Expr> f) {
    if (s instanceof Stmt.Assign) {
      Stmt.Assign a = (Stmt.Assign) s;
      Expr v = expr(a.value(), f);
      return v == a.value() ? s : new Stmt.Assign(a.target(), v, a.line());
    }
    if (s instanceof Stmt.If) {
      Stmt.If i = (Stmt.If) s;
      Cond c = cond(i.cond(), f);
      return c == i.cond() ? s : new Stmt.If(c, i.then(), i.otherwise(), i.line());
    }
    if (s instanceof Stmt.Push) {
      Expr v = expr(((Stmt.Push) s).value(), f);
      return v == ((Stmt.Push) s).value() ? s : new Stmt.Push(v);
    }
    if (s instanceof Stmt.Schedule) {
      Stmt.Schedule k = (Stmt.Schedule) s;
      List<Expr> args = new ArrayList<>();
      for (Expr a : k.args()) {
        args.add(expr(a, f));
      }
      return args.equals(k.args()) ? s : new Stmt.Schedule(k.result(), k.call(), args);
    }
    return s;
  }
}
