package org.phloem.compiler.analysis;

import java.util.LinkedHashSet;
import java.util.Set;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Ref;

/**
 * The variables IR reads. Two views: the variables whose <em>values flow into</em> a real expression
 * (what derivatives propagate through: operands and the branches of a select, never a condition or an
 * index), and <em>every</em> name read (also conditions, indices, integer locals), which is what must be
 * available to re-run a piece of code.
 */
public final class Reads {

  private Reads() {}

  /** Names of the locals and arrays whose values flow into {@code e} (not conditions, not indices). */
  public static Set<String> values(Expr e) {
    Set<String> out = new LinkedHashSet<>();
    values(e, out);
    return out;
  }

  private static void values(Expr e, Set<String> out) {
    if (e instanceof Expr.Get) {
      out.add(((Expr.Get) e).ref().name());
    } else if (e instanceof Expr.Call) {
      for (Expr a : ((Expr.Call) e).args()) {
        values(a, out);
      }
    } else if (e instanceof Expr.Select) {
      values(((Expr.Select) e).ifTrue(), out);
      values(((Expr.Select) e).ifFalse(), out);
    }
  }

  /** Every name {@code e} reads: reals, arrays, integer locals (in indices and conditions). */
  public static Set<String> all(Expr e) {
    Set<String> out = new LinkedHashSet<>();
    all(e, out);
    return out;
  }

  /** Every name {@code c} reads. */
  public static Set<String> all(Cond c) {
    Set<String> out = new LinkedHashSet<>();
    all(c, out);
    return out;
  }

  /** Every integer local {@code e} reads. */
  public static Set<String> all(IExpr e) {
    Set<String> out = new LinkedHashSet<>();
    all(e, out);
    return out;
  }

  /** The integer locals in a reference's index (nothing for a scalar local). */
  public static Set<String> index(Ref r) {
    Set<String> out = new LinkedHashSet<>();
    if (r instanceof Ref.Elem) {
      all(((Ref.Elem) r).index(), out);
    }
    return out;
  }

  /** Adds every name {@code e} reads to {@code out}. */
  public static void all(Expr e, Set<String> out) {
    if (e instanceof Expr.Get) {
      Ref r = ((Expr.Get) e).ref();
      out.add(r.name());
      if (r instanceof Ref.Elem) {
        all(((Ref.Elem) r).index(), out);
      }
    } else if (e instanceof Expr.Call) {
      for (Expr a : ((Expr.Call) e).args()) {
        all(a, out);
      }
    } else if (e instanceof Expr.Select) {
      Expr.Select s = (Expr.Select) e;
      all(s.cond(), out);
      all(s.ifTrue(), out);
      all(s.ifFalse(), out);
    } else if (e instanceof Expr.ToReal) {
      all(((Expr.ToReal) e).value(), out);
    }
  }

  /** Adds every name {@code c} reads to {@code out}. */
  public static void all(Cond c, Set<String> out) {
    if (c instanceof Cond.Compare) {
      all(((Cond.Compare) c).a(), out);
      all(((Cond.Compare) c).b(), out);
    } else if (c instanceof Cond.IntCompare) {
      all(((Cond.IntCompare) c).a(), out);
      all(((Cond.IntCompare) c).b(), out);
    } else if (c instanceof Cond.And) {
      all(((Cond.And) c).a(), out);
      all(((Cond.And) c).b(), out);
    } else if (c instanceof Cond.Or) {
      all(((Cond.Or) c).a(), out);
      all(((Cond.Or) c).b(), out);
    } else if (c instanceof Cond.Not) {
      all(((Cond.Not) c).a(), out);
    } else if (c instanceof Cond.IsNaN) {
      all(((Cond.IsNaN) c).value(), out);
    }
  }

  /** Adds every integer local {@code e} reads to {@code out}. */
  public static void all(IExpr e, Set<String> out) {
    if (e instanceof IExpr.Local) {
      out.add(((IExpr.Local) e).name());
    } else if (e instanceof IExpr.Bin) {
      all(((IExpr.Bin) e).a(), out);
      all(((IExpr.Bin) e).b(), out);
    }
  }
}
