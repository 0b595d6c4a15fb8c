package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.data.DimSpec;

/**
 * An adjoint element that a reverse loop adds into at the same index in every iteration is held in a
 * local for the loop. The reverse of a forward read that does not move with the loop ({@code tr_c[1, j]}
 * in the 2-D transport's convection loop over levels, read by every level's detrainment) accumulates
 * into one element: {@code tr_c$b[18 + j] = tr_c$b[18 + j] + cflux[k, j] · a} for every {@code k}. The
 * JIT cannot keep that element in a register: every store into another {@code double[]} of the loop
 * (here {@code tr_c$b[k, j]} itself, one level away) may alias it, so each iteration stores the sum and
 * the next loads it back, a chain of store-to-load forwarding plus an addition per iteration. Held in a
 * local the chain is an addition per iteration (hand-written copy of the transport's reverse step: its
 * reverse convection 277 → ~150 µs a month, the whole reverse step −11 %; tests/BENCHMARKS.md, "Session
 * 10 (branch transport10)").
 *
 * <p>In a loop, an element {@code A[e]} of a work array (not an input, not an argument: no other array of
 * the generated code is the same object) is promoted when: some statement of the loop (at any depth)
 * assigns it; its index {@code e} reads no integer the loop writes (its index, inner loops' indices,
 * integer locals set in it); {@code e} lies inside {@code A} for every value the enclosing loops give it
 * (so loading it before the loop and storing it after cannot fail, even where the loop runs no
 * iteration or its guards never let the body touch it); and every other access of {@code A} in the loop
 * is at an index that provably never equals {@code e} (both indices affine in the loop indices, their
 * difference kept away from zero by the loops' constant bounds or by divisibility) or at an index that
 * always equals it (then it is the same element, read or written through the local too). The loop then
 * reads the element into a new local before it, uses the local for every access of the element, and
 * stores it back after it.
 *
 * <p>The same operations on the same values in the same order: the gradient is the same bit for bit,
 * zero-adjoint guards included (a guard that skips the accumulation leaves the local as it leaves the
 * element). The load and store around a loop whose body never touches the element store back the value
 * loaded. Applied to the gradient functions, after {@link ReductionSplit}.
 */
final class ElementAccumulators {
  /** Set to {@code false} to compile without it (to measure it, and in the tests that show what it does). */
  static final String PROPERTY = "phloem.elementAccumulators";

  private ElementAccumulators() {}

  /** {@code program} with the named functions' invariant element accumulations held in locals. */
  static IrProgram apply(IrProgram program, Set<String> functions) {
    return GradientPasses.onEach(program, functions, PROPERTY, (out, f) -> {
      Run run = new Run(out, f);
      List<Stmt> body = run.block(run.f.body(), new HashMap<>());
      return run.locals.any() ? out.withFunction(run.locals.with(body)) : out;
    });
  }

  /** The fixed sizes of the arrays a promotion may hold an element of: work arrays over fixed dims. */
  static Map<String, Long> promotable(IrProgram program, IrFunction f) {
    Map<String, Integer> dimSizes = new HashMap<>();
    for (DimSpec d : program.dims()) {
      dimSizes.put(d.name(), d.fixedSize());
    }
    Map<String, Long> out = new HashMap<>();
    for (ModelLayout.ArraySlot a : program.arrays()) {
      if (a.fill() != ModelLayout.Fill.WORK || f.arguments().contains(a.name())) {
        continue;
      }
      long size = 1;
      for (String d : a.dims()) {
        Integer s = dimSizes.get(d);
        if (s == null || s < 0) {
          size = -1;
          break;
        }
        size *= s;
      }
      if (size >= 0) {
        out.put(a.name(), size);
      }
    }
    return out;
  }

  /** {@code ranges} and the values the index of {@code l} takes (none known where its bounds are not). */
  static Map<String, long[]> withLoop(Map<String, long[]> ranges, Stmt.For l, Map<String, Integer> dimSizes) {
    Map<String, long[]> out = new HashMap<>(ranges);
    Affine from = Affine.of(l.from(), dimSizes);
    Affine to = Affine.of(l.to(), dimSizes);
    long[] f = from == null ? null : from.interval(ranges);
    long[] t = to == null ? null : to.interval(ranges);
    if (f != null && t != null) {
      out.put(l.index(), new long[] {f[0], t[1] - 1});
    } else {
      out.remove(l.index());
    }
    return out;
  }

  /** True when every value {@code e} takes under {@code ranges} lies in 0 .. size - 1. */
  static boolean inside(Affine e, Map<String, long[]> ranges, long size) {
    long[] r = e.interval(ranges);
    return r != null && r[0] >= 0 && r[1] < size;
  }

  /** True when {@code d} is never zero for the values {@code ranges} allow (or by divisibility). */
  static boolean neverZero(Affine d, Map<String, long[]> ranges) {
    long g = 0;
    for (long c : d.coefficients.values()) {
      g = gcd(g, Math.abs(c));
    }
    if (g != 0 && d.constant % g != 0) {
      return true;
    }
    long[] r = d.interval(ranges);
    return r != null && (r[0] > 0 || r[1] < 0);
  }

  static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private static final class Run {
    final IrFunction f;
    final Map<String, Long> sizes;
    final Map<String, Integer> dimSizes = new HashMap<>();
    final NewRealLocals locals;

    Run(IrProgram program, IrFunction f) {
      this.f = f;
      this.sizes = promotable(program, f);
      program.dims().forEach(d -> dimSizes.put(d.name(), d.fixedSize()));
      this.locals = new NewRealLocals(program, f);
    }

    /** {@code code} with its loops' invariant accumulations promoted; {@code ranges} of the loop indices around it. */
    List<Stmt> block(List<Stmt> code, Map<String, long[]> ranges) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : code) {
        if (s instanceof Stmt.For l) {
          Map<String, long[]> inner = withLoop(ranges, l, dimSizes);
          Stmt.For done = new Stmt.For(l.index(), l.from(), l.to(), l.descending(), block(l.body(), inner), l.line());
          out.addAll(promote(done, ranges, inner));
        } else if (s instanceof Stmt.If i) {
          out.add(new Stmt.If(i.cond(), block(i.then(), ranges), block(i.otherwise(), ranges), i.line()));
        } else {
          out.add(s);
        }
      }
      return out;
    }


    /** {@code loop}, with the elements it accumulates into at an invariant index held in locals around it. */
    private List<Stmt> promote(Stmt.For loop, Map<String, long[]> outside, Map<String, long[]> inside) {
      Accesses acc = new Accesses(dimSizes);
      acc.collect(loop.body(), inside);
      if (acc.unknown) {
        return List.of(loop);
      }
      Set<String> variant = acc.intsWritten;
      variant.add(loop.index());
      List<Stmt> before = new ArrayList<>();
      List<Stmt> after = new ArrayList<>();
      Stmt.For current = loop;
      Set<Map.Entry<String, Affine>> done = new LinkedHashSet<>();
      for (Access w : acc.list) {
        Affine e = Affine.of(w.index, dimSizes);
        if (!w.write || !sizes.containsKey(w.array) || e == null || !done.add(Map.entry(w.array, e))) {
          continue;
        }
        if (e.readsAny(variant) || !inside(e, outside, sizes.get(w.array))) {
          continue;
        }
        boolean ok = true;
        for (Access other : acc.list) {
          if (other.array.equals(w.array)) {
            Affine o = Affine.of(other.index, dimSizes);
            if (o == null || !(o.minus(e).isZero() || neverZero(o.minus(e), other.ranges))) {
              ok = false;
              break;
            }
          }
        }
        if (!ok) {
          continue;
        }
        String local = locals.fresh(w.array + "$acc");
        current = (Stmt.For) replace(current, w.array, e, local);
        before.add(new Stmt.Assign(new Ref.Local(local), Expr.elem(w.array, w.index), loop.line()));
        after.add(0, new Stmt.Assign(new Ref.Elem(w.array, w.index), Expr.local(local), loop.line()));
      }
      List<Stmt> out = new ArrayList<>(before);
      out.add(current);
      out.addAll(after);
      return out;
    }




    /** {@code s} with every access of {@code array} at an index equal to {@code e} made an access of {@code local}. */
    private Stmt replace(Stmt s, String array, Affine e, String local) {
      if (s instanceof Stmt.Assign a) {
        return new Stmt.Assign(ref(a.target(), array, e, local), expr(a.value(), array, e, local), a.line());
      }
      if (s instanceof Stmt.For l) {
        return new Stmt.For(l.index(), l.from(), l.to(), l.descending(), replace(l.body(), array, e, local), l.line());
      }
      if (s instanceof Stmt.If i) {
        return new Stmt.If(cond(i.cond(), array, e, local), replace(i.then(), array, e, local),
            replace(i.otherwise(), array, e, local), i.line());
      }
      if (s instanceof Stmt.Push p) {
        return new Stmt.Push(expr(p.value(), array, e, local));
      }
      if (s instanceof Stmt.Pop p) {
        return new Stmt.Pop(ref(p.target(), array, e, local));
      }
      return s;
    }

    private List<Stmt> replace(List<Stmt> code, String array, Affine e, String local) {
      List<Stmt> out = new ArrayList<>();
      code.forEach(s -> out.add(replace(s, array, e, local)));
      return out;
    }

    private Ref ref(Ref r, String array, Affine e, String local) {
      if (r instanceof Ref.Elem el && el.name().equals(array)) {
        Affine i = Affine.of(el.index(), dimSizes);
        if (i != null && i.minus(e).isZero()) {
          return new Ref.Local(local);
        }
      }
      return r;
    }

    private Expr expr(Expr x, String array, Affine e, String local) {
      return mapRefs(x, r -> ref(r, array, e, local));
    }

    private Cond cond(Cond c, String array, Affine e, String local) {
      return mapRefs(c, r -> ref(r, array, e, local));
    }
  }

  /** {@code x} with each element or local it reads replaced by {@code f} of it (shared with {@link CarriedElements}). */
  static Expr mapRefs(Expr x, UnaryOperator<Ref> f) {
    if (x instanceof Expr.Get g) {
      return new Expr.Get(f.apply(g.ref()));
    }
    if (x instanceof Expr.Call c) {
      List<Expr> args = new ArrayList<>();
      c.args().forEach(a -> args.add(mapRefs(a, f)));
      return new Expr.Call(c.prim(), args);
    }
    if (x instanceof Expr.Select s) {
      return new Expr.Select(mapRefs(s.cond(), f), mapRefs(s.ifTrue(), f), mapRefs(s.ifFalse(), f));
    }
    return x;
  }

  /** {@code c} with each element or local it reads replaced by {@code f} of it. */
  static Cond mapRefs(Cond c, UnaryOperator<Ref> f) {
    if (c instanceof Cond.Compare k) {
      return new Cond.Compare(k.op(), mapRefs(k.a(), f), mapRefs(k.b(), f));
    }
    if (c instanceof Cond.And a) {
      return new Cond.And(mapRefs(a.a(), f), mapRefs(a.b(), f));
    }
    if (c instanceof Cond.Or o) {
      return new Cond.Or(mapRefs(o.a(), f), mapRefs(o.b(), f));
    }
    if (c instanceof Cond.Not n) {
      return new Cond.Not(mapRefs(n.a(), f));
    }
    if (c instanceof Cond.IsNaN n) {
      return new Cond.IsNaN(mapRefs(n.value(), f));
    }
    return c;
  }

  /** One access of an array element in a loop, with the ranges of the loop indices around it. */
  record Access(String array, IExpr index, boolean write, Map<String, long[]> ranges) {}

  /** Every array element access of a loop body, and the integers it writes. */
  static final class Accesses {
    final List<Access> list = new ArrayList<>();
    final Set<String> intsWritten = new LinkedHashSet<>();
    final Map<String, Integer> dimSizes;
    /** A statement the promotion does not follow (a fill, a scheduled call): nothing is promoted. */
    boolean unknown;

    Accesses(Map<String, Integer> dimSizes) {
      this.dimSizes = dimSizes;
    }

    void collect(List<Stmt> code, Map<String, long[]> ranges) {
      for (Stmt s : code) {
        if (s instanceof Stmt.Assign a) {
          expr(a.value(), ranges);
          ref(a.target(), true, ranges);
        } else if (s instanceof Stmt.For l) {
          intsWritten.add(l.index());
          collect(l.body(), withLoop(ranges, l, dimSizes));
        } else if (s instanceof Stmt.If i) {
          cond(i.cond(), ranges);
          collect(i.then(), ranges);
          collect(i.otherwise(), ranges);
        } else if (s instanceof Stmt.SetInt si) {
          intsWritten.add(si.local());
        } else if (s instanceof Stmt.PopInt pi) {
          intsWritten.add(pi.local());
        } else if (s instanceof Stmt.Push p) {
          expr(p.value(), ranges);
        } else if (s instanceof Stmt.Pop p) {
          ref(p.target(), true, ranges);
        } else if (s instanceof Stmt.PushInt) {
          continue;
        } else {
          unknown = true;
        }
      }
    }

    private void ref(Ref r, boolean write, Map<String, long[]> ranges) {
      if (r instanceof Ref.Elem el) {
        list.add(new Access(el.name(), el.index(), write, ranges));
      }
    }

    private void expr(Expr x, Map<String, long[]> ranges) {
      if (x instanceof Expr.Get g) {
        ref(g.ref(), false, ranges);
      } else if (x instanceof Expr.Call c) {
        c.args().forEach(a -> expr(a, ranges));
      } else if (x instanceof Expr.Select s) {
        cond(s.cond(), ranges);
        expr(s.ifTrue(), ranges);
        expr(s.ifFalse(), ranges);
      }
    }

    private void cond(Cond c, Map<String, long[]> ranges) {
      if (c instanceof Cond.Compare k) {
        expr(k.a(), ranges);
        expr(k.b(), ranges);
      } else if (c instanceof Cond.And a) {
        cond(a.a(), ranges);
        cond(a.b(), ranges);
      } else if (c instanceof Cond.Or o) {
        cond(o.a(), ranges);
        cond(o.b(), ranges);
      } else if (c instanceof Cond.Not n) {
        cond(n.a(), ranges);
      } else if (c instanceof Cond.IsNaN n) {
        expr(n.value(), ranges);
      }
    }
  }

  /** An index as a sum of integer locals times literals plus a literal (null where it is not one). */
  record Affine(Map<String, Long> coefficients, long constant) {
    /** {@code e} as an affine form, dims of fixed size as literals; null for products of locals, remainders, checks. */
    static Affine of(IExpr e, Map<String, Integer> dimSizes) {
      if (e instanceof IExpr.Const c) {
        return new Affine(Map.of(), c.value());
      }
      if (e instanceof IExpr.Local l) {
        return new Affine(Map.of(l.name(), 1L), 0);
      }
      if (e instanceof IExpr.DimSize d) {
        Integer s = dimSizes.get(d.dim());
        return s == null || s < 0 ? null : new Affine(Map.of(), s);
      }
      IExpr.Bin b = (IExpr.Bin) e;
      Affine x = of(b.a(), dimSizes);
      Affine y = of(b.b(), dimSizes);
      if (x == null || y == null) {
        return null;
      }
      switch (b.op()) {
        case ADD:
          return x.plus(y, 1);
        case SUB:
          return x.plus(y, -1);
        case MUL:
          if (x.coefficients.isEmpty()) {
            return y.times(x.constant);
          }
          return y.coefficients.isEmpty() ? x.times(y.constant) : null;
        default:
          return null;
      }
    }

    Affine plus(Affine o, long sign) {
      Map<String, Long> c = new HashMap<>(coefficients);
      o.coefficients.forEach((k, v) -> c.merge(k, sign * v, Long::sum));
      c.values().removeIf(v -> v == 0);
      return new Affine(c, constant + sign * o.constant);
    }

    Affine minus(Affine o) {
      return plus(o, -1);
    }

    Affine times(long k) {
      Map<String, Long> c = new HashMap<>();
      coefficients.forEach((n, v) -> c.put(n, v * k));
      c.values().removeIf(v -> v == 0);
      return new Affine(c, constant * k);
    }

    boolean isZero() {
      return coefficients.isEmpty() && constant == 0;
    }

    boolean readsAny(Set<String> names) {
      return coefficients.keySet().stream().anyMatch(names::contains);
    }

    /** The lowest and highest value for the locals' {@code ranges}, or null when a local has none. */
    long[] interval(Map<String, long[]> ranges) {
      long lo = constant;
      long hi = constant;
      for (Map.Entry<String, Long> t : coefficients.entrySet()) {
        long[] r = ranges.get(t.getKey());
        if (r == null || r[0] > r[1]) {
          return null;
        }
        long c = t.getValue();
        lo += Math.min(c * r[0], c * r[1]);
        hi += Math.max(c * r[0], c * r[1]);
      }
      return new long[] {lo, hi};
    }
  }
}
