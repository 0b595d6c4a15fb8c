package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * Leaves out of an assignment's reverse code, and of the pop that restores its target, the index checks
 * ({@code i within n}) and overflow checks (exact integer operations, {@link IExpr.Bin#exact}) its
 * forward statement has already made. The reverse code of {@code y = e} runs, in the same iteration of the same loops, only
 * where the forward sweep ran that statement, and every integer it reads (loop indices regenerated,
 * integer locals restored or recomputed, dim sizes) has the value it had there ({@link Adjoint}): an index
 * expression written as in the forward statement therefore has the same value, which the forward check
 * found inside its dim, or the run stopped there with the index fault before the reverse sweep began.
 * Checked in the reverse code again, it costs a compare and a branch per access, often inside a zero guard
 * where the JIT cannot hoist it out of the loop.
 *
 * <p>Only checks the forward statement makes whenever it runs count: those of its target and of the
 * reads outside any select (a select evaluates one branch, and its condition may short-circuit). Any
 * other check in the reverse code stays.
 */
final class ForwardCheckedIndices {

  private ForwardCheckedIndices() {}

  /** {@code code} (reverse code of {@code forward}) without the checks {@code forward} makes each time it runs. */
  static List<Stmt> dropFrom(List<Stmt> code, Stmt.Assign forward) {
    Set<IExpr> checked = new LinkedHashSet<>();
    collect(forward.target(), checked);
    collect(forward.value(), checked);
    if (checked.isEmpty()) {
      return code;
    }
    return new Rewriter(checked).block(code);
  }

  /** The target of {@code forward} without its checks: where the reverse sweep pops its old value back. */
  static Ref target(Stmt.Assign forward) {
    Set<IExpr> checked = new LinkedHashSet<>();
    collect(forward.target(), checked);
    return checked.isEmpty() ? forward.target() : new Rewriter(checked).ref(forward.target());
  }

  private static void collect(Ref r, Set<IExpr> out) {
    if (r instanceof Ref.Elem) {
      collect(((Ref.Elem) r).index(), out);
    }
  }

  private static void collect(Expr e, Set<IExpr> out) {
    if (e instanceof Expr.Get) {
      collect(((Expr.Get) e).ref(), out);
    } else if (e instanceof Expr.Call) {
      for (Expr a : ((Expr.Call) e).args()) {
        collect(a, out);
      }
    } else if (e instanceof Expr.ToReal) {
      collect(((Expr.ToReal) e).value(), out);
    }
    // Expr.Select: evaluated conditionally; Expr.Num: no index
  }

  private static void collect(IExpr e, Set<IExpr> out) {
    if (e instanceof IExpr.Bin) {
      IExpr.Bin b = (IExpr.Bin) e;
      if (b.op() == IExpr.IOp.WITHIN || b.exact()) {
        out.add(b);
      }
      collect(b.a(), out);
      collect(b.b(), out);
    }
  }

  /** Replaces each checked index by its unchecked value, everywhere in reverse code. */
  private static final class Rewriter {
    private final Set<IExpr> checked;

    Rewriter(Set<IExpr> checked) {
      this.checked = checked;
    }

    List<Stmt> block(List<Stmt> code) {
      List<Stmt> out = new ArrayList<>(code.size());
      for (Stmt s : code) {
        out.add(stmt(s));
      }
      return out;
    }

    private Stmt stmt(Stmt s) {
      if (s instanceof Stmt.Assign) {
        Stmt.Assign a = (Stmt.Assign) s;
        return new Stmt.Assign(ref(a.target()), expr(a.value()), a.line());
      }
      if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        return new Stmt.If(cond(i.cond()), block(i.then()), block(i.otherwise()), i.line());
      }
      return s; // reverse code of one assignment holds only assignments and their zero guard
    }

    private Ref ref(Ref r) {
      return r instanceof Ref.Elem ? new Ref.Elem(r.name(), index(((Ref.Elem) r).index())) : r;
    }

    private Expr expr(Expr e) {
      if (e instanceof Expr.Get) {
        return new Expr.Get(ref(((Expr.Get) e).ref()));
      }
      if (e instanceof Expr.Call) {
        Expr.Call c = (Expr.Call) e;
        List<Expr> args = new ArrayList<>(c.args().size());
        for (Expr a : c.args()) {
          args.add(expr(a));
        }
        return new Expr.Call(c.prim(), args);
      }
      if (e instanceof Expr.Select) {
        Expr.Select s = (Expr.Select) e;
        return new Expr.Select(cond(s.cond()), expr(s.ifTrue()), expr(s.ifFalse()));
      }
      if (e instanceof Expr.ToReal) {
        return new Expr.ToReal(index(((Expr.ToReal) e).value()));
      }
      return e;
    }

    private Cond cond(Cond c) {
      if (c instanceof Cond.Compare) {
        Cond.Compare k = (Cond.Compare) c;
        return new Cond.Compare(k.op(), expr(k.a()), expr(k.b()));
      }
      if (c instanceof Cond.IntCompare) {
        Cond.IntCompare k = (Cond.IntCompare) c;
        return new Cond.IntCompare(k.op(), index(k.a()), index(k.b()));
      }
      if (c instanceof Cond.And) {
        return new Cond.And(cond(((Cond.And) c).a()), cond(((Cond.And) c).b()));
      }
      if (c instanceof Cond.Or) {
        return new Cond.Or(cond(((Cond.Or) c).a()), cond(((Cond.Or) c).b()));
      }
      if (c instanceof Cond.Not) {
        return new Cond.Not(cond(((Cond.Not) c).a()));
      }
      if (c instanceof Cond.IsNaN) {
        return new Cond.IsNaN(expr(((Cond.IsNaN) c).value()));
      }
      return c;
    }

    private IExpr index(IExpr e) {
      if (!(e instanceof IExpr.Bin)) {
        return e;
      }
      IExpr.Bin b = (IExpr.Bin) e;
      if (b.op() == IExpr.IOp.WITHIN && checked.contains(b)) {
        return index(b.a());
      }
      if (b.exact() && checked.contains(b)) {
        return new IExpr.Bin(b.op(), index(b.a()), index(b.b())); // the forward found it inside int
      }
      return new IExpr.Bin(b.op(), index(b.a()), index(b.b()), b.exact());
    }
  }
}
