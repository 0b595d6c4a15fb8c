package org.phloem.compiler.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * Arrays that each iteration of a loop touches at one element of its own: inside the loop every access
 * of the array (read or write, at any depth) uses the same index, and that index is an affine function
 * of the loop's index with a non-zero step whose other terms do not change while the loop runs (such as
 * {@code gpp[d]} in the loop over {@code d}, or {@code flux[d * size(site) + s]} in the loop over
 * {@code s}). Different iterations then touch different elements, so what one iteration's reverse code
 * needs of the array is never overwritten by another iteration: the to-be-recorded analysis can follow
 * such an array element by element ({@link ToBeRecorded}).
 *
 * <p>A step that is a product of dim sizes is accepted only when those dims are dims of the array: a
 * zero size then means an empty array, which no access reaches.
 */
public final class IterationPrivate {
  /** For a simple statement: the arrays it accesses privately, each with the loop it is private to. */
  private final Map<Stmt, Map<String, Stmt.For>> privateAccess = new IdentityHashMap<>();
  /** Every loop that has a private array, with those arrays. */
  private final Map<Stmt.For, Set<String>> privateTo = new IdentityHashMap<>();

  private IterationPrivate() {}

  /**
   * Analyses {@code body}.
   *
   * @param dimsOf the dims of an array (empty when unknown: only constant steps are accepted then)
   */
  public static IterationPrivate analyze(List<Stmt> body, Function<String, List<String>> dimsOf) {
    IterationPrivate r = new IterationPrivate();
    r.walk(body, new ArrayList<>(), dimsOf);
    return r;
  }

  /** The loop {@code s} accesses {@code array} privately in (the innermost such loop), or null. */
  public Stmt.For loopOf(Stmt s, String array) {
    Map<String, Stmt.For> m = privateAccess.get(s);
    return m == null ? null : m.get(array);
  }

  /** The arrays private to loop {@code l} (empty when none). */
  public Set<String> privateTo(Stmt.For l) {
    return privateTo.getOrDefault(l, Set.of());
  }

  private void walk(List<Stmt> body, List<String> enclosing, Function<String, List<String>> dimsOf) {
    for (Stmt s : body) {
      if (s instanceof Stmt.For) {
        Stmt.For l = (Stmt.For) s;
        if (!assigned(l.body(), l.index())) {
          classify(l, enclosing, dimsOf);
        }
        List<String> inner = new ArrayList<>(enclosing);
        inner.add(l.index());
        walk(l.body(), inner, dimsOf);
      } else if (s instanceof Stmt.If) {
        walk(((Stmt.If) s).then(), enclosing, dimsOf);
        walk(((Stmt.If) s).otherwise(), enclosing, dimsOf);
      }
    }
  }

  /** Finds the arrays private to {@code l} and marks their accesses (an inner loop's mark, made later, wins). */
  private void classify(Stmt.For l, List<String> enclosing, Function<String, List<String>> dimsOf) {
    Map<String, Set<IExpr>> indices = new LinkedHashMap<>();
    Set<String> whole = new HashSet<>();
    accesses(l.body(), indices, whole);
    Set<String> invariant = new HashSet<>(enclosing);
    Set<String> found = new HashSet<>();
    for (Map.Entry<String, Set<IExpr>> e : indices.entrySet()) {
      String array = e.getKey();
      if (whole.contains(array) || e.getValue().size() != 1) {
        continue;
      }
      Step step = step(e.getValue().iterator().next(), l.index(), invariant);
      if (step != null && step.injective(dimsOf.apply(array))) {
        found.add(array);
      }
    }
    if (found.isEmpty()) {
      return;
    }
    privateTo.put(l, found);
    mark(l.body(), l, found);
  }

  private void mark(List<Stmt> body, Stmt.For l, Set<String> arrays) {
    for (Stmt s : body) {
      if (s instanceof Stmt.For) {
        mark(((Stmt.For) s).body(), l, arrays);
      } else if (s instanceof Stmt.If) {
        mark(((Stmt.If) s).then(), l, arrays);
        mark(((Stmt.If) s).otherwise(), l, arrays);
      } else {
        Map<String, Set<IExpr>> indices = new LinkedHashMap<>();
        accessesOf(s, indices, new HashSet<>());
        for (String a : indices.keySet()) {
          if (arrays.contains(a)) {
            privateAccess.computeIfAbsent(s, k -> new HashMap<>()).put(a, l);
          }
        }
      }
    }
  }

  private static boolean assigned(List<Stmt> body, String local) {
    for (Stmt s : body) {
      if (s instanceof Stmt.SetInt && ((Stmt.SetInt) s).local().equals(local)
          || s instanceof Stmt.PopInt && ((Stmt.PopInt) s).local().equals(local)
          || s instanceof Stmt.Schedule && ((Stmt.Schedule) s).result().equals(local)) {
        return true;
      }
      if (s instanceof Stmt.For && assigned(((Stmt.For) s).body(), local)) {
        return true;
      }
      if (s instanceof Stmt.If && (assigned(((Stmt.If) s).then(), local) || assigned(((Stmt.If) s).otherwise(), local))) {
        return true;
      }
    }
    return false;
  }

  // ---- the accesses of a body ----

  private static void accesses(List<Stmt> body, Map<String, Set<IExpr>> indices, Set<String> whole) {
    for (Stmt s : body) {
      if (s instanceof Stmt.For) {
        accesses(((Stmt.For) s).body(), indices, whole);
      } else if (s instanceof Stmt.If) {
        cond(((Stmt.If) s).cond(), indices);
        accesses(((Stmt.If) s).then(), indices, whole);
        accesses(((Stmt.If) s).otherwise(), indices, whole);
      } else {
        accessesOf(s, indices, whole);
      }
    }
  }

  private static void accessesOf(Stmt s, Map<String, Set<IExpr>> indices, Set<String> whole) {
    if (s instanceof Stmt.Assign) {
      ref(((Stmt.Assign) s).target(), indices);
      expr(((Stmt.Assign) s).value(), indices);
    } else if (s instanceof Stmt.Push) {
      expr(((Stmt.Push) s).value(), indices);
    } else if (s instanceof Stmt.Pop) {
      ref(((Stmt.Pop) s).target(), indices);
    } else if (s instanceof Stmt.Fill) {
      whole.add(((Stmt.Fill) s).array());
      indices.computeIfAbsent(((Stmt.Fill) s).array(), k -> new HashSet<>());
    }
  }

  private static void ref(Ref r, Map<String, Set<IExpr>> indices) {
    if (r instanceof Ref.Elem) {
      indices.computeIfAbsent(r.name(), k -> new HashSet<>()).add(((Ref.Elem) r).index());
    }
  }

  private static void expr(Expr e, Map<String, Set<IExpr>> indices) {
    if (e instanceof Expr.Get) {
      ref(((Expr.Get) e).ref(), indices);
    } else if (e instanceof Expr.Call) {
      for (Expr a : ((Expr.Call) e).args()) {
        expr(a, indices);
      }
    } else if (e instanceof Expr.Select) {
      cond(((Expr.Select) e).cond(), indices);
      expr(((Expr.Select) e).ifTrue(), indices);
      expr(((Expr.Select) e).ifFalse(), indices);
    }
  }

  private static void cond(Cond c, Map<String, Set<IExpr>> indices) {
    if (c instanceof Cond.Compare) {
      expr(((Cond.Compare) c).a(), indices);
      expr(((Cond.Compare) c).b(), indices);
    } else if (c instanceof Cond.And) {
      cond(((Cond.And) c).a(), indices);
      cond(((Cond.And) c).b(), indices);
    } else if (c instanceof Cond.Or) {
      cond(((Cond.Or) c).a(), indices);
      cond(((Cond.Or) c).b(), indices);
    } else if (c instanceof Cond.Not) {
      cond(((Cond.Not) c).a(), indices);
    } else if (c instanceof Cond.IsNaN) {
      expr(((Cond.IsNaN) c).value(), indices);
    }
  }

  // ---- affine steps ----

  /**
   * How an index changes from one iteration to the next: {@code constant} times the product of the
   * sizes of {@code dims} (a constant 0 for an index the loop does not change).
   */
  private record Step(int constant, List<String> dims) {
    static final Step ZERO = new Step(0, List.of());

    boolean injective(List<String> arrayDims) {
      return constant != 0 && arrayDims.containsAll(dims);
    }

    boolean isZero() {
      return constant == 0;
    }
  }

  /**
   * The step of {@code e} in {@code index}, or null when {@code e} is not affine in it with terms the
   * loop leaves unchanged ({@code invariant}: the indices of enclosing loops; literals and dim sizes).
   */
  static Step step(IExpr e, String index, Set<String> invariant) {
    if (e instanceof IExpr.Const || e instanceof IExpr.DimSize) {
      return Step.ZERO;
    }
    if (e instanceof IExpr.Local) {
      String n = ((IExpr.Local) e).name();
      if (n.equals(index)) {
        return new Step(1, List.of());
      }
      return invariant.contains(n) ? Step.ZERO : null;
    }
    IExpr.Bin b = (IExpr.Bin) e;
    Step a = step(b.a(), index, invariant);
    Step c = step(b.b(), index, invariant);
    if (a == null || c == null) {
      return null;
    }
    switch (b.op()) {
      case ADD:
      case SUB:
        if (a.isZero()) {
          return b.op() == IExpr.IOp.ADD ? c : new Step(-c.constant, c.dims);
        }
        return c.isZero() ? a : null;
      case MUL:
        if (!a.isZero() && !c.isZero()) {
          return null;
        }
        Step varying = a.isZero() ? c : a;
        IExpr factor = a.isZero() ? b.a() : b.b();
        if (varying.isZero()) {
          return Step.ZERO;
        }
        return scaled(varying, factor);
      case WITHIN:
        return c.isZero() ? a : null; // a checked index is the index itself (or the run stops)
      default:
        return varying(a, c) ? null : Step.ZERO; // a remainder wraps around: not injective
    }
  }

  private static boolean varying(Step a, Step b) {
    return !a.isZero() || !b.isZero();
  }

  /** {@code step} times an unchanging {@code factor} made of literals and dim sizes, or null. */
  private static Step scaled(Step step, IExpr factor) {
    if (factor instanceof IExpr.Const) {
      return new Step(step.constant * ((IExpr.Const) factor).value(), step.dims);
    }
    if (factor instanceof IExpr.DimSize) {
      List<String> dims = new ArrayList<>(step.dims);
      dims.add(((IExpr.DimSize) factor).dim());
      return new Step(step.constant, dims);
    }
    if (factor instanceof IExpr.Bin && ((IExpr.Bin) factor).op() == IExpr.IOp.MUL) {
      Step s = scaled(step, ((IExpr.Bin) factor).a());
      return s == null ? null : scaled(s, ((IExpr.Bin) factor).b());
    }
    return null;
  }
}
