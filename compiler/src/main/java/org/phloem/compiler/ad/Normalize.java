package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.phloem.compiler.ir.Bodies;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.Stmt;

/**
 * Prepares a function for differentiation: a select whose branches may carry a derivative ({@code y
 * = f(c ? a : b)}) becomes an {@code if} assigning a fresh temporary ({@code if c { s$1 = a } else {
 * s$1 = b }; y = f(s$1)}), so derivative code sees branches only as statements, which both transforms
 * already handle (the adjoint records the branch taken). Only the branch taken is evaluated, as
 * before, and the values computed are the same.
 *
 * <p>It also copies every statement, so each place in the result is a distinct object: the analyses
 * key statements by identity, and immutable IR may share one statement object at two places (the
 * same inlined code twice, say).
 */
final class Normalize {

  private Normalize() {}

  /**
   * {@code f} with its selects turned into branches.
   *
   * @param constant true for the arrays no code writes (inputs, constants): reads of them carry no
   *     derivative
   */
  static IrFunction selects(IrFunction f, Predicate<String> constant, Names names) {
    Map<String, ScalarType> locals = new LinkedHashMap<>(f.locals());
    List<Stmt> body = new Rewriter(constant, names, locals).block(f.body());
    return new IrFunction(f.name(), f.arguments(), f.results(), locals, body);
  }

  private static final class Rewriter {
    private final Predicate<String> constant;
    private final Names names;
    private final Map<String, ScalarType> locals;

    Rewriter(Predicate<String> constant, Names names, Map<String, ScalarType> locals) {
      this.constant = constant;
      this.names = names;
      this.locals = locals;
    }

    List<Stmt> block(List<Stmt> body) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : body) {
        stmt(s, out);
      }
      return out;
    }

    void stmt(Stmt s, List<Stmt> out) {
      if (s instanceof Stmt.Assign) {
        Stmt.Assign a = (Stmt.Assign) s;
        out.add(new Stmt.Assign(a.target(), expr(a.value(), out, a.line()), a.line()));
      } else if (s instanceof Stmt.Push) {
        out.add(new Stmt.Push(expr(((Stmt.Push) s).value(), out, 0)));
      } else if (s instanceof Stmt.For || s instanceof Stmt.If) {
        out.add(Bodies.map(s, this::block));
      } else {
        out.add(copy(s));
      }
    }

    /** A new object equal to {@code s} (a statement without nested statements or real expressions). */
    private static Stmt copy(Stmt s) {
      if (s instanceof Stmt.SetInt) {
        return new Stmt.SetInt(((Stmt.SetInt) s).local(), ((Stmt.SetInt) s).value());
      }
      if (s instanceof Stmt.Pop) {
        return new Stmt.Pop(((Stmt.Pop) s).target());
      }
      if (s instanceof Stmt.PushInt) {
        return new Stmt.PushInt(((Stmt.PushInt) s).value());
      }
      if (s instanceof Stmt.PopInt) {
        return new Stmt.PopInt(((Stmt.PopInt) s).local());
      }
      if (s instanceof Stmt.Fill) {
        return new Stmt.Fill(((Stmt.Fill) s).array(), ((Stmt.Fill) s).value());
      }
      if (s instanceof Stmt.Schedule) {
        Stmt.Schedule c = (Stmt.Schedule) s;
        return new Stmt.Schedule(c.result(), c.call(), c.args());
      }
      throw new AssertionError(s);
    }

    /** {@code e} with its varying selects replaced by temporaries, whose branches go to {@code out}. */
    Expr expr(Expr e, List<Stmt> out, int line) {
      if (e instanceof Expr.Call) {
        Expr.Call c = (Expr.Call) e;
        List<Expr> args = new ArrayList<>();
        boolean changed = false;
        for (Expr a : c.args()) {
          Expr b = expr(a, out, line);
          changed |= b != a;
          args.add(b);
        }
        return changed ? new Expr.Call(c.prim(), args) : e;
      }
      if (e instanceof Expr.Select) {
        Expr.Select s = (Expr.Select) e;
        if (!mayVary(s.ifTrue()) && !mayVary(s.ifFalse())) {
          return e;
        }
        String name = names.fresh("s");
        locals.put(name, ScalarType.REAL);
        List<Stmt> then = new ArrayList<>();
        then.add(new Stmt.Assign(new Ref.Local(name), expr(s.ifTrue(), then, line), line));
        List<Stmt> otherwise = new ArrayList<>();
        otherwise.add(new Stmt.Assign(new Ref.Local(name), expr(s.ifFalse(), otherwise, line), line));
        out.add(new Stmt.If(s.cond(), then, otherwise, line));
        return Expr.local(name);
      }
      return e;
    }

    private boolean mayVary(Expr e) {
      if (e instanceof Expr.Get) {
        return !constant.test(((Expr.Get) e).ref().name());
      }
      if (e instanceof Expr.Call) {
        for (Expr a : ((Expr.Call) e).args()) {
          if (mayVary(a)) {
            return true;
          }
        }
        return false;
      }
      if (e instanceof Expr.Select) {
        return mayVary(((Expr.Select) e).ifTrue()) || mayVary(((Expr.Select) e).ifFalse());
      }
      return false;
    }
  }
}
