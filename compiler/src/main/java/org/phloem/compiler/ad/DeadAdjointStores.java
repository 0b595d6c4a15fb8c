package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.phloem.compiler.analysis.DataFlow;
import org.phloem.compiler.analysis.ElementNames;
import org.phloem.compiler.analysis.ElementFlow;
import org.phloem.compiler.analysis.IterationPrivate;
import org.phloem.compiler.analysis.NameBits;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.ir.Bodies;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * Removes stores into adjoint work arrays that nothing reads afterwards, and the loops and branches
 * left empty. The reverse sweep ends by zeroing the adjoints of arrays the forward sweep initialised
 * (the reverse of {@code flux[k] = 0} is {@code flux$b[k] = 0}), which the next call never sees: every
 * gradient call fills its adjoint arrays with zeros before it starts. Only adjoint arrays are touched
 * (the JIT removes dead stores to locals itself, but not to arrays); primal code and the gradient
 * argument are kept as they are.
 *
 * <p>Liveness is by whole array, backwards: a store is dead when no statement that may run after it
 * reads the array before a {@code Fill} replaces all of it. Inside a loop an array is private to
 * ({@link IterationPrivate}: each iteration touches one element of its own, like {@code flux$b[d * n + s]}
 * in the loop over {@code s}) it is followed element by element ({@link ElementNames}), so the zeroing of
 * an element after its last read in the reverse sweep goes too. Reads by a dead store do not count (so a
 * chain of dead stores goes at once). Adjoint values are read only by assignments and pushes (never by
 * a branch condition or a loop bound), which is all the analysis looks at. The states are {@link NameBits}
 * over the tracked names, each statement's effect numbered once.
 */
final class DeadAdjointStores {

  private DeadAdjointStores() {}

  /**
   * {@code body} without the dead stores into {@code adjointArrays}.
   *
   * @param dimsOf the dims of an array (see {@link IterationPrivate#analyze})
   */
  static List<Stmt> remove(List<Stmt> body, Set<String> adjointArrays, Function<String, List<String>> dimsOf) {
    List<Stmt> distinct = copy(body); // the analysis keys statements by identity; the sweeps may share some
    Live analysis = new Live(adjointArrays, new ElementNames(IterationPrivate.analyze(distinct, dimsOf)));
    DataFlow.Result<NameBits> live = DataFlow.run(distinct, analysis);
    return block(distinct, live, analysis);
  }

  /** A copy of {@code body} in which every statement is a new object. */
  private static List<Stmt> copy(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.For || s instanceof Stmt.If) {
        out.add(Bodies.map(s, DeadAdjointStores::copy));
      } else if (s instanceof Stmt.Assign) {
        Stmt.Assign a = (Stmt.Assign) s;
        out.add(new Stmt.Assign(a.target(), a.value(), a.line()));
      } else if (s instanceof Stmt.SetInt) {
        out.add(new Stmt.SetInt(((Stmt.SetInt) s).local(), ((Stmt.SetInt) s).value()));
      } else if (s instanceof Stmt.Push) {
        out.add(new Stmt.Push(((Stmt.Push) s).value()));
      } else if (s instanceof Stmt.Pop) {
        out.add(new Stmt.Pop(((Stmt.Pop) s).target()));
      } else if (s instanceof Stmt.PushInt) {
        out.add(new Stmt.PushInt(((Stmt.PushInt) s).value()));
      } else if (s instanceof Stmt.PopInt) {
        out.add(new Stmt.PopInt(((Stmt.PopInt) s).local()));
      } else if (s instanceof Stmt.Fill) {
        out.add(new Stmt.Fill(((Stmt.Fill) s).array(), ((Stmt.Fill) s).value()));
      } else if (s instanceof Stmt.Schedule) {
        Stmt.Schedule c = (Stmt.Schedule) s;
        out.add(new Stmt.Schedule(c.result(), c.call(), c.args()));
      } else {
        throw new IllegalArgumentException("unknown statement " + s);
      }
    }
    return out;
  }

  private static List<Stmt> block(List<Stmt> body, DataFlow.Result<NameBits> live, Live arrays) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.For) {
        Stmt.For f = (Stmt.For) s;
        List<Stmt> inner = block(f.body(), live, arrays);
        if (!inner.isEmpty()) {
          out.add(f.withBody(inner));
        }
      } else if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        List<Stmt> then = block(i.then(), live, arrays);
        List<Stmt> otherwise = block(i.otherwise(), live, arrays);
        if (!then.isEmpty() || !otherwise.isEmpty()) {
          out.add(i.withBranches(then, otherwise));
        }
      } else if (!arrays.dead(s, live.after(s))) {
        out.add(s);
      }
    }
    return out;
  }

  /** The adjoint array {@code s} writes (a store or a fill), or null. */
  private static String written(Stmt s, Set<String> arrays) {
    String name = null;
    if (s instanceof Stmt.Assign && ((Stmt.Assign) s).target() instanceof Ref.Elem) {
      name = ((Stmt.Assign) s).target().name();
    } else if (s instanceof Stmt.Fill) {
      name = ((Stmt.Fill) s).array();
    }
    return name != null && arrays.contains(name) ? name : null;
  }

  /**
   * What a statement does to the live set, numbered once: the adjoint array it writes (its whole name and
   * its tracked one; -1 for none), whether it is a fill of one, and the tracked adjoint arrays its value reads.
   */
  private record Effect(int written, int element, boolean fill, NameBits reads) {}

  /** Backward: the adjoint arrays (or their elements, see {@link ElementNames}) some later statement may read. */
  private static final class Live extends ElementFlow {
    private static final Effect NONE = new Effect(-1, -1, false, NameBits.EMPTY);
    private final Set<String> arrays;
    private final Map<Stmt, Effect> effects = new IdentityHashMap<>();

    Live(Set<String> arrays, ElementNames names) {
      super(false, names);
      this.arrays = arrays;
    }

    private Effect effect(Stmt s) {
      Effect e = effects.get(s);
      if (e == null) {
        String w = written(s, arrays);
        Expr read = s instanceof Stmt.Assign ? ((Stmt.Assign) s).value() : s instanceof Stmt.Push ? ((Stmt.Push) s).value() : null;
        NameBits reads = NameBits.EMPTY;
        if (read != null) {
          for (String n : Reads.all(read)) {
            if (arrays.contains(n)) {
              reads = reads.with(names.id(s, n));
            }
          }
        }
        e = w == null && reads == NameBits.EMPTY ? NONE
            : new Effect(w == null ? -1 : names.id(w), w == null ? -1 : names.id(s, w), w != null && s instanceof Stmt.Fill, reads);
        effects.put(s, e);
      }
      return e;
    }

    /** True when {@code s} stores into an adjoint array (or element) nothing later reads. */
    boolean dead(Stmt s, NameBits liveAfter) {
      Effect e = effect(s);
      return e.written >= 0 && !liveAfter.has(e.written) && !liveAfter.has(e.element);
    }

    @Override
    public NameBits transfer(Stmt s, NameBits after) {
      if (dead(s, after)) {
        return after;
      }
      Effect e = effect(s);
      if (e.fill) {
        return after.without(e.written); // a fill of an adjoint array replaces all of it
      }
      NameBits out = after;
      if (e.written >= 0 && e.element != e.written) {
        out = out.without(e.element); // this iteration's own element is replaced whole
      }
      return out.or(e.reads);
    }
  }
}
