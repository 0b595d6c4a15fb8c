package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.analysis.Recomputable;
import org.phloem.compiler.ir.Bodies;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.ModelLayout;

/**
 * Divisions out of the reverse loops that only accumulate. A reverse loop over a dim whose (guarded)
 * body computes temporaries and adds them into (or subtracts them from) scalar adjoints ({@code b$b = b$b + x[i] · t}: the partials
 * of parameters a curve fit's points share) runs scalar: C2 keeps the order of double sums, so it never
 * vectorises the loop, and its divisions (and square roots) cost their full latency per point while the
 * forward's same quotient runs four points at a time. Such a loop becomes two over the same range in the
 * same order:
 *
 * <ol>
 *   <li>a loop with no branch and no sum that computes, for every point, the temporaries the sums read
 *       that depend on a division or square root, and stores them in work arrays of the dim: C2's
 *       SuperWord vectorises it (only arithmetic, square roots, squares, elements at the loop index and
 *       loop-invariant values, and at most {@link #MAX_OPERATIONS} operations: a bigger body is not
 *       unrolled, so not vectorised either);
 *   <li>the original loop, guard included, reading those temporaries back instead of computing them.
 * </ol>
 *
 * The stored values are the same expressions of the same operands, and the sums add the same terms in
 * the same order, so the gradient is the same bit for bit; the first loop computes the temporaries also
 * where the guard is false (values the second never reads: arithmetic cannot throw, and every element
 * it reads lies in the dim the loop runs over). Measured on NIST Kirby2's shape (151 points, one
 * division and five sums a point): the reverse loop 2.2 → 0.9 ns a point (hand-written copy of the
 * generated code; tests/BENCHMARKS.md, "Session 9 (branch reverse9)").
 *
 * <p>Applied to the gradient functions only, after the Hessian-vector code was derived from them (its
 * tangent of the unsplit code has the same values).
 */
final class ReductionSplit {
  /** Set to {@code false} to compile without the split (to measure it, and in the tests that show what it does). */
  static final String PROPERTY = "phloem.reductionSplit";
  /** The most operations of the vectorised loop (C2 unrolls, and so vectorises, only small loop bodies). */
  static final int MAX_OPERATIONS = 16;
  /** The most temporaries it stores. */
  static final int MAX_STORED = 3;

  private ReductionSplit() {}

  /** {@code program} with the named functions' accumulating reverse loops split, and the work arrays they use added. */
  static IrProgram apply(IrProgram program, Set<String> functions) {
    return GradientPasses.onEach(program, functions, PROPERTY, (out, f) -> {
      Run run = new Run(out, f);
      List<Stmt> body = run.code(run.f.body());
      return run.arrays.isEmpty() ? out : out.withArrays(run.arrays).withFunction(
          new IrFunction(run.f.name(), run.f.arguments(), run.f.results(), run.f.locals(), body));
    });
  }

  private static final class Run {
    final IrProgram program;
    final IrFunction f;
    final List<ModelLayout.ArraySlot> arrays = new ArrayList<>();
    final Set<String> taken = new LinkedHashSet<>();

    Run(IrProgram program, IrFunction f) {
      this.program = program;
      this.f = f;
      taken.addAll(f.locals().keySet());
      taken.addAll(f.arguments());
      program.arrays().forEach(a -> taken.add(a.name()));
    }

    List<Stmt> code(List<Stmt> code) {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : code) {
        List<Stmt> split = s instanceof Stmt.For l ? split(l) : null;
        if (split != null) {
          out.addAll(split);
        } else {
          out.add(Bodies.map(s, this::code));
        }
      }
      return out;
    }

    /** The two loops replacing {@code loop}, or null when it is not an accumulating loop the split pays for. */
    private List<Stmt> split(Stmt.For loop) {
      if (!(loop.from() instanceof IExpr.Const) || ((IExpr.Const) loop.from()).value() != 0 || !(loop.to() instanceof IExpr.DimSize)) {
        return null;
      }
      String dim = ((IExpr.DimSize) loop.to()).dim();
      Cond guard = null;
      List<Stmt> block = loop.body();
      if (block.size() == 1 && block.get(0) instanceof Stmt.If && ((Stmt.If) block.get(0)).otherwise().isEmpty()) {
        guard = ((Stmt.If) block.get(0)).cond();
        block = ((Stmt.If) block.get(0)).then();
      }
      Map<String, Stmt.Assign> temporaries = new LinkedHashMap<>();
      Set<String> sums = new LinkedHashSet<>();
      Set<String> readSoFar = new LinkedHashSet<>();
      if (guard != null) {
        readSoFar.addAll(Reads.all(guard));
      }
      for (Stmt s : block) {
        if (!(s instanceof Stmt.Assign) || !(((Stmt.Assign) s).target() instanceof Ref.Local)) {
          return null;
        }
        Stmt.Assign a = (Stmt.Assign) s;
        String t = a.target().name();
        if (temporaries.containsKey(t) || sums.contains(t)) {
          return null;
        }
        if (accumulation(a)) {
          sums.add(t);
        } else if (readSoFar.contains(t) || Reads.all(a.value()).contains(t)) {
          return null; // read before it is set: carried from the previous iteration
        } else {
          temporaries.put(t, a);
        }
        readSoFar.addAll(Reads.all(a.value()));
      }
      if (sums.isEmpty()) {
        return null;
      }
      // a sum is read only by its own accumulation; nothing else in the loop reads a sum
      for (Stmt s : block) {
        Stmt.Assign a = (Stmt.Assign) s;
        Set<String> reads = new LinkedHashSet<>(Reads.all(a.value()));
        if (sums.contains(a.target().name())) {
          reads = Reads.all(((Expr.Call) a.value()).args().get(1));
        }
        for (String sum : sums) {
          if (reads.contains(sum)) {
            return null;
          }
        }
      }
      if (guard != null) {
        for (String w : temporaries.keySet()) {
          if (Reads.all(guard).contains(w)) {
            return null;
          }
        }
        for (String sum : sums) {
          if (Reads.all(guard).contains(sum)) {
            return null;
          }
        }
      }
      // the temporaries are the loop's own: nothing outside it reads them
      Set<String> outside = readsOutside(f.body(), loop);
      for (String t : temporaries.keySet()) {
        if (outside.contains(t)) {
          return null;
        }
      }
      // the temporaries the sums read, of a division or square root, computed by vectorisable code
      Set<String> written = new LinkedHashSet<>(temporaries.keySet());
      written.addAll(sums);
      Map<String, Set<String>> needs = new HashMap<>();
      Set<String> slow = new LinkedHashSet<>();
      for (Map.Entry<String, Stmt.Assign> e : temporaries.entrySet()) {
        Set<String> need = new LinkedHashSet<>();
        need.add(e.getKey());
        for (String r : Reads.all(e.getValue().value())) {
          if (temporaries.containsKey(r)) {
            need.addAll(needs.get(r));
            if (slow.contains(r)) {
              slow.add(e.getKey());
            }
          }
        }
        needs.put(e.getKey(), need);
        if (divides(e.getValue().value())) {
          slow.add(e.getKey());
        }
      }
      Set<String> stored = new LinkedHashSet<>();
      for (String sum : sums) {
        Stmt.Assign a = accumulationOf(block, sum);
        for (String r : Reads.all(((Expr.Call) a.value()).args().get(1))) {
          if (slow.contains(r)) {
            stored.add(r);
          }
        }
      }
      if (stored.isEmpty() || stored.size() > MAX_STORED) {
        return null;
      }
      Set<String> vectorCode = new LinkedHashSet<>();
      stored.forEach(t -> vectorCode.addAll(needs.get(t)));
      int operations = 0;
      for (String t : vectorCode) {
        Expr v = temporaries.get(t).value();
        if (!vectorisable(v, loop.index(), dim, written)) {
          return null;
        }
        operations += operations(v);
      }
      if (operations > MAX_OPERATIONS) {
        return null;
      }
      // the vectorised loop, then the original one reading the stored temporaries back
      Map<String, String> arrayOf = new LinkedHashMap<>();
      for (String t : stored) {
        String name = fresh(t + "$v");
        arrayOf.put(t, name);
        arrays.add(new ModelLayout.ArraySlot(name, List.of(dim), ModelLayout.Fill.WORK, null));
      }
      IExpr i = new IExpr.Local(loop.index());
      List<Stmt> first = new ArrayList<>();
      List<Stmt> second = new ArrayList<>();
      for (Stmt s : block) {
        Stmt.Assign a = (Stmt.Assign) s;
        String t = a.target().name();
        if (vectorCode.contains(t)) {
          first.add(a);
          if (stored.contains(t)) {
            first.add(new Stmt.Assign(new Ref.Elem(arrayOf.get(t), i), Expr.local(t), a.line()));
            second.add(new Stmt.Assign(a.target(), Expr.elem(arrayOf.get(t), i), a.line()));
            continue;
          }
        }
        second.add(a);
      }
      second = withoutDeadTemporaries(second, temporaries.keySet());
      List<Stmt> body = guard == null ? second : List.of(new Stmt.If(guard, second, List.of(), ((Stmt.If) loop.body().get(0)).line()));
      return List.of(loop.withBody(first), loop.withBody(body));
    }

    /** {@code s = s + e} or {@code s = s - e} with {@code e} not reading {@code s}. */
    private static boolean accumulation(Stmt.Assign a) {
      String s = a.target().name();
      if (!(a.value() instanceof Expr.Call)) {
        return false;
      }
      Prim op = ((Expr.Call) a.value()).prim();
      if (op != Prim.ADD && op != Prim.SUB) {
        return false;
      }
      Expr.Call c = (Expr.Call) a.value();
      return c.args().get(0).equals(Expr.local(s)) && !Reads.all(c.args().get(1)).contains(s);
    }

    private static Stmt.Assign accumulationOf(List<Stmt> block, String sum) {
      for (Stmt s : block) {
        if (((Stmt.Assign) s).target().name().equals(sum)) {
          return (Stmt.Assign) s;
        }
      }
      throw new IllegalStateException("no accumulation of " + sum);
    }

    /** True when {@code e} divides or takes a square root (what the scalar loop pays most for). */
    private static boolean divides(Expr e) {
      if (e instanceof Expr.Call) {
        Expr.Call c = (Expr.Call) e;
        if (c.prim() == Prim.DIV || c.prim() == Prim.SQRT) {
          return true;
        }
        return c.args().stream().anyMatch(Run::divides);
      }
      return false;
    }

    /**
     * True for code C2 vectorises: + - * /, negation, abs, square roots and squares of elements at the
     * loop index of arrays over the loop's dim, literals, and values the loop does not write (invariants).
     */
    private boolean vectorisable(Expr e, String index, String dim, Set<String> written) {
      if (e instanceof Expr.Num) {
        return true;
      }
      if (e instanceof Expr.Get) {
        Ref r = ((Expr.Get) e).ref();
        if (r instanceof Ref.Local) {
          return true; // a temporary of the vectorised code, or a local the loop does not write
        }
        Ref.Elem el = (Ref.Elem) r;
        if (written.contains(el.name())) {
          return false;
        }
        if (el.index().equals(new IExpr.Local(index))) {
          ModelLayout.ArraySlot slot = program.array(el.name());
          return slot != null && slot.dims().equals(List.of(dim));
        }
        return el.index() instanceof IExpr.Const && program.array(el.name()) != null;
      }
      if (e instanceof Expr.Call) {
        Expr.Call c = (Expr.Call) e;
        switch (c.prim()) {
          case ADD: case SUB: case MUL: case DIV: case NEG: case ABS: case SQRT:
            break;
          case POW:
            if (!c.args().get(1).equals(Expr.num(2))) {
              return false;
            }
            break;
          default:
            return false;
        }
        return c.args().stream().allMatch(a -> vectorisable(a, index, dim, written));
      }
      return false;
    }

    private static int operations(Expr e) {
      if (e instanceof Expr.Call) {
        return 1 + ((Expr.Call) e).args().stream().mapToInt(Run::operations).sum();
      }
      return 0;
    }

    /** {@code code} without the temporaries no later statement reads. */
    private static List<Stmt> withoutDeadTemporaries(List<Stmt> code, Set<String> temporaries) {
      List<Stmt> out = new ArrayList<>(code);
      boolean changed = true;
      while (changed) {
        changed = false;
        for (int k = out.size() - 1; k >= 0; k--) {
          String t = ((Stmt.Assign) out.get(k)).target().name();
          if (!temporaries.contains(t)) {
            continue;
          }
          boolean read = false;
          for (int m = k + 1; m < out.size() && !read; m++) {
            read = Recomputable.reads(out.get(m)).contains(t);
          }
          if (!read) {
            out.remove(k);
            changed = true;
          }
        }
      }
      return out;
    }

    /** Every name {@code code} reads outside {@code loop}. */
    private static Set<String> readsOutside(List<Stmt> code, Stmt loop) {
      Set<String> out = new LinkedHashSet<>();
      for (Stmt s : code) {
        if (s == loop) {
          continue;
        }
        out.addAll(Recomputable.reads(s));
        if (s instanceof Stmt.For) {
          out.addAll(readsOutside(((Stmt.For) s).body(), loop));
        } else if (s instanceof Stmt.If) {
          out.addAll(readsOutside(((Stmt.If) s).then(), loop));
          out.addAll(readsOutside(((Stmt.If) s).otherwise(), loop));
        }
      }
      return out;
    }

    private String fresh(String base) {
      String n = base;
      int k = 2;
      while (taken.contains(n)) {
        n = base + k++;
      }
      taken.add(n);
      return n;
    }
  }
}
