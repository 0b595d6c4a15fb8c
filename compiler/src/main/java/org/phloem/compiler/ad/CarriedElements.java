package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.ad.ElementAccumulators.Access;
import org.phloem.compiler.ad.ElementAccumulators.Accesses;
import org.phloem.compiler.ad.ElementAccumulators.Affine;
import org.phloem.compiler.ir.Bodies;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * An adjoint element that a reverse loop writes in one iteration and reads again in the next is handed
 * over in a local instead of reloaded (predictive commoning, Carr &amp; Kennedy's scalar replacement with a
 * loop-carried reuse). The reverse of a flux stencil {@code f[e] = a[e]·c[e-1] − b[e]·c[e]} is, over
 * {@code e} downwards, {@code c$b[e-1] += a[e]·f$b[e]; c$b[e] −= b[e]·f$b[e]}: the element stored as
 * {@code e - 1} in iteration {@code e} is loaded as {@code e} in iteration {@code e - 1}. The JIT does not
 * forward that store to the load (other {@code double[]} stores of the loop may alias it), so each
 * iteration waits on the previous one's store. Here the value stored is kept in a local and the next
 * iteration reads the local (hand-written copy of the 2-D transport's reverse step: −5.5 %;
 * tests/BENCHMARKS.md, "Session 10 (branch transport10)" and "(branch carry10)").
 *
 * <p>In a loop over {@code i} with step {@code s} (−1 downwards, +1 upwards), an element form {@code P(i)}
 * of a work array {@code A} (not an input or argument: no other array is the same object) is carried
 * when: the loop writes {@code A[P(i)]}; it reads {@code A[Q(i)]} with {@code Q(i) = P(i − s)} (so
 * {@code Q} of one iteration is the {@code P} of the one before); both read no integer the loop writes
 * but {@code i}; every access of {@code A} in the loop is at {@code P}, at {@code Q}, or at an index that
 * provably differs from both in the same iteration (the tests of {@link ElementAccumulators}), and none is
 * inside a nested loop; {@code Q} of the first iteration, and {@code P} of every iteration, lie in
 * {@code A} for every value of the enclosing loops (they are loaded where the original code may not touch
 * them: before the loop, and where a guard skipped the store). Then a local {@code c} holds {@code A[Q(i)]} and a local {@code n} the value last stored to
 * {@code A[P(i)]}: {@code c} is loaded before the loop from {@code Q} of the first iteration; reads of
 * {@code A[Q(i)]} read {@code c}; a store to {@code A[Q(i)]} or {@code A[P(i)]} computes the value into
 * {@code c} or {@code n} and stores that (the array stays current: every other reader sees what it saw);
 * reads of {@code A[P(i)]} after such a store read {@code n}; at the end of the iteration {@code c = n}.
 * Where a branch (a zero-adjoint guard) skips the store to {@code P}, that branch loads {@code n} from
 * the element; where no path stored it, the end of the iteration does.
 *
 * <p>The same operations on the same values in the same order (a value through a local keeps its bits):
 * the gradient is the same bit for bit. Applied to the gradient functions, after {@link ElementAccumulators}.
 */
final class CarriedElements {
  /** Set to {@code false} to compile without it (to measure it, and in the tests that show what it does). */
  static final String PROPERTY = "phloem.carriedElements";

  private CarriedElements() {}

  /** {@code program} with the named functions' loop-carried adjoint elements handed over in locals. */
  static IrProgram apply(IrProgram program, Set<String> functions) {
    return GradientPasses.onEach(program, functions, PROPERTY, (out, f) -> {
      Run run = new Run(out, f);
      List<Stmt> body = run.block(run.f.body(), new HashMap<>());
      return run.locals.any() ? out.withFunction(run.locals.with(body)) : out;
    });
  }

  /** {@code e} with the integer local {@code name} replaced by {@code value}. */
  private static IExpr substitute(IExpr e, String name, IExpr value) {
    if (e instanceof IExpr.Local l && l.name().equals(name)) {
      return value;
    }
    if (e instanceof IExpr.Bin b) {
      return new IExpr.Bin(b.op(), substitute(b.a(), name, value), substitute(b.b(), name, value), b.exact());
    }
    return e;
  }

  private static final class Run {
    final IrFunction f;
    final Map<String, Long> sizes;
    final Map<String, Integer> dimSizes = new HashMap<>();
    final NewRealLocals locals;

    Run(IrProgram program, IrFunction f) {
      this.f = f;
      this.sizes = ElementAccumulators.promotable(program, f);
      program.dims().forEach(d -> dimSizes.put(d.name(), d.fixedSize()));
      this.locals = new NewRealLocals(program, f);
    }

    /** {@code code} with its loops' carried elements handed over; {@code ranges} of the loop indices around it. */
    List<Stmt> block(List<Stmt> code, Map<String, long[]> ranges) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : code) {
        if (s instanceof Stmt.For l) {
          Map<String, long[]> inner = ElementAccumulators.withLoop(ranges, l, dimSizes);
          out.addAll(carry(l.withBody(block(l.body(), inner)), ranges, inner));
        } else {
          out.add(Bodies.map(s, b -> block(b, ranges)));
        }
      }
      return out;
    }

    /** {@code loop} with (at most) one carried element per array handed over in locals, and their loads before it. */
    private List<Stmt> carry(Stmt.For loop, Map<String, long[]> outside, Map<String, long[]> inside) {
      Accesses acc = new Accesses(dimSizes);
      acc.collect(loop.body(), inside);
      if (acc.unknown) {
        return List.of(loop);
      }
      Set<String> nested = new HashSet<>();
      arraysInNestedLoops(loop.body(), inside, nested);
      Set<String> variant = new HashSet<>(acc.intsWritten);
      variant.remove(loop.index());
      long step = loop.descending() ? -1 : 1;
      List<Stmt> before = new ArrayList<>();
      Stmt.For current = loop;
      Set<String> done = new HashSet<>();
      for (Access w : acc.list) {
        if (!w.write() || done.contains(w.array()) || nested.contains(w.array()) || !sizes.containsKey(w.array())) {
          continue;
        }
        Affine p = Affine.of(w.index(), dimSizes);
        Long c = p == null ? null : p.coefficients().get(loop.index());
        if (c == null || p.readsAny(variant)) {
          continue;
        }
        Affine q = new Affine(p.coefficients(), p.constant() - c * step);
        Access read = null;
        boolean ok = true;
        for (Access o : acc.list) {
          if (!o.array().equals(w.array())) {
            continue;
          }
          Affine a = Affine.of(o.index(), dimSizes);
          if (a == null) {
            ok = false;
            break;
          }
          if (a.minus(q).isZero()) {
            read = o.write() || read != null ? read : o;
          } else if (!a.minus(p).isZero()
              && !(ElementAccumulators.neverZero(a.minus(p), o.ranges()) && ElementAccumulators.neverZero(a.minus(q), o.ranges()))) {
            ok = false;
            break;
          }
        }
        if (!ok || read == null) {
          continue;
        }
        IExpr first = loop.descending() ? new IExpr.Bin(IExpr.IOp.SUB, loop.to(), new IExpr.Const(1)) : loop.from();
        IExpr firstQ = substitute(read.index(), loop.index(), first);
        Affine firstQa = Affine.of(firstQ, dimSizes);
        // Q of the first iteration is loaded before the loop; P is loaded where a path skipped its store
        // (a guard's other arm, the end of the iteration), perhaps in an iteration where the original
        // code does not touch it (a guarded z[t - 1] at t = 0): both must lie in the array
        if (firstQa == null || !ElementAccumulators.inside(firstQa, outside, sizes.get(w.array()))
            || !ElementAccumulators.inside(p, inside, sizes.get(w.array()))) {
          continue;
        }
        done.add(w.array());
        String carried = locals.fresh(w.array() + "$carry");
        String next = locals.fresh(w.array() + "$next");
        before.add(new Stmt.Assign(new Ref.Local(carried), Expr.elem(w.array(), firstQ), loop.line()));
        Handover h = new Handover(w.array(), p, q, carried, next, w.index());
        List<Stmt> body = new ArrayList<>(h.body(current.body(), false));
        if (!h.stored) {
          body.add(h.reload());
        }
        body.add(new Stmt.Assign(new Ref.Local(carried), Expr.local(next), loop.line()));
        current = current.withBody(body);
      }
      List<Stmt> out = new ArrayList<>(before);
      out.add(current);
      return out;
    }

    /** Adds to {@code out} the arrays accessed inside loops nested in {@code code}. */
    private void arraysInNestedLoops(List<Stmt> code, Map<String, long[]> ranges, Set<String> out) {
      for (Stmt s : code) {
        if (s instanceof Stmt.For) {
          Accesses inner = new Accesses(dimSizes);
          inner.collect(List.of(s), ranges);
          inner.list.forEach(a -> out.add(a.array()));
        } else {
          Bodies.of(s).forEach(b -> arraysInNestedLoops(b, ranges, out));
        }
      }
    }


    /**
     * The rewrite of one loop body for one carried element: {@code carried} holds {@code array[q]},
     * {@code next} the value last stored to {@code array[p]} where {@link #stored} says it does.
     */
    private final class Handover {
      final String array;
      final Affine p;
      final Affine q;
      final String carried;
      final String next;
      final IExpr pIndex;
      /** True where every path so far stored {@code array[p]} or loaded it into {@code next}. */
      boolean stored;

      Handover(String array, Affine p, Affine q, String carried, String next, IExpr pIndex) {
        this.array = array;
        this.p = p;
        this.q = q;
        this.carried = carried;
        this.next = next;
        this.pIndex = pIndex;
      }

      Stmt reload() {
        return new Stmt.Assign(new Ref.Local(next), Expr.elem(array, pIndex), 0);
      }

      /** Which of the two forms {@code r} is: 'p', 'q', or 0 for neither. */
      private char form(Ref r) {
        if (r instanceof Ref.Elem el && el.name().equals(array)) {
          Affine a = Affine.of(el.index(), dimSizes);
          if (a != null && a.minus(q).isZero()) {
            return 'q';
          }
          if (a != null && a.minus(p).isZero()) {
            return 'p';
          }
        }
        return 0;
      }

      private Ref read(Ref r) {
        char k = form(r);
        if (k == 'q') {
          return new Ref.Local(carried);
        }
        return k == 'p' && stored ? new Ref.Local(next) : r;
      }

      /** {@code code} rewritten; {@code stored} on entry given, and left as it is at the end. */
      List<Stmt> body(List<Stmt> code, boolean storedIn) {
        stored = storedIn;
        List<Stmt> out = new ArrayList<>();
        for (Stmt s : code) {
          if (s instanceof Stmt.Assign a) {
            Expr value = ElementAccumulators.mapRefs(a.value(), this::read);
            char k = form(a.target());
            if (k == 0) {
              out.add(new Stmt.Assign(a.target(), value, a.line()));
            } else {
              String local = k == 'q' ? carried : next;
              out.add(new Stmt.Assign(new Ref.Local(local), value, a.line()));
              out.add(new Stmt.Assign(a.target(), Expr.local(local), a.line()));
              stored |= k == 'p';
            }
          } else if (s instanceof Stmt.If i) {
            boolean in = stored;
            Stmt.If cond = new Stmt.If(ElementAccumulators.mapRefs(i.cond(), this::read), i.then(), i.otherwise(), i.line());
            List<Stmt> then = new ArrayList<>(body(i.then(), in));
            boolean thenStored = stored;
            List<Stmt> otherwise = new ArrayList<>(body(i.otherwise(), in));
            boolean otherwiseStored = stored;
            if (thenStored != otherwiseStored) {
              (thenStored ? otherwise : then).add(reload());
            }
            stored = thenStored || otherwiseStored;
            out.add(cond.withBranches(then, otherwise));
          } else if (s instanceof Stmt.Push u) {
            out.add(new Stmt.Push(ElementAccumulators.mapRefs(u.value(), this::read)));
          } else if (s instanceof Stmt.Pop u && form(u.target()) != 0) {
            char k = form(u.target());
            out.add(u);
            out.add(new Stmt.Assign(new Ref.Local(k == 'q' ? carried : next), Expr.elem(array, ((Ref.Elem) u.target()).index()), 0));
            stored |= k == 'p';
          } else {
            out.add(s);
          }
        }
        return out;
      }
    }
  }
}
