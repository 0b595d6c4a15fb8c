package org.phloem.compiler.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * Locals the adjoint's reverse sweep can compute again instead of taking from the tape: a local whose
 * value depends only on data that still holds, when the reverse sweep gets there, what it held when the
 * local was assigned.
 *
 * <p>A local {@code x} is recomputable when
 *
 * <ul>
 *   <li>it has exactly one assignment {@code D: x = e} (or one {@code SetInt}) in the function;
 *   <li>every other mention of {@code x} (read, condition, index, loop bound) sits after D in D's block,
 *       or inside a statement that does: so {@code x} is never read before D in an iteration, and the
 *       reverse code of every statement that reads it runs while the reverse sweep is in D's block after
 *       D. Re-running D at the start of the reverse code of D's block gives {@code x} the value all of
 *       them saw;
 *   <li>{@code e} is cheap: arithmetic, min, max, abs and selects of such, at most
 *       {@value #MAX_OPERATIONS} operations; or, where the loops around D are known to run at least
 *       {@value #MANY_ITERATIONS} times in all (constant bounds), any expression of at most
 *       {@value #MAX_OPERATIONS_MANY} operations, transcendental functions included. A push and a pop cost less than an exp while the
 *       tape stays in the cache (DALEC, the BETHY site model: measured slower when their exps were
 *       computed again); a value pushed a million times makes a tape that does not, and that forces
 *       checkpointing, which runs the whole loop again (the CCDAS experiment's canopy loop pushed 11
 *       values per layer, 64 MB per gradient: tests/BENCHMARKS.md, "CCDAS experiment"). And {@code e}
 *       reads only: enclosing loop indices; other
 *       recomputable locals; and arrays (or arguments) that no statement may write after D ran — no write
 *       after D in program order and no write inside a loop that also encloses D. Such an array holds
 *       the same values from D to the end of the forward sweep, and the reverse sweep only restores
 *       values that later writes overwrote. Input and constant arrays and the parameter vector are never
 *       written at all.
 * </ul>
 *
 * <p>A local with transcendental functions outside such loops is recomputed too when an assignment in
 * loops of {@value #MANY_ITERATIONS} iterations reads it, directly or through other recomputed locals
 * (a factor the optimiser moved out of those loops: {@code optimize.LoopInvariants}); recomputing it
 * costs a fraction of the loop's own recomputations, and recording it would make every value the loop
 * computes from it a recorded one.
 *
 * <p>A branch whose condition reads only such locals, loop indices and unwritten arrays can be evaluated
 * again in the reverse sweep; a loop's bounds likewise.
 */
public final class Recomputable {
  private static final int MAX_OPERATIONS = 12;
  /** The same for an expression with transcendental functions in a loop of {@link #MANY_ITERATIONS}. */
  private static final int MAX_OPERATIONS_MANY = 24;
  /** Iterations from which a transcendental value is computed again rather than pushed: 1 MiB of pushes. */
  public static final long MANY_ITERATIONS = 1L << 17;
  /** The system property that overrides {@link #MANY_ITERATIONS} (tests run small loops). */
  public static final String MANY_ITERATIONS_PROPERTY = "phloem.recomputeIterations";

  private final Map<String, Stmt> definitions;
  private final Walk walk;

  private Recomputable(Map<String, Stmt> definitions, Walk walk) {
    this.definitions = definitions;
    this.walk = walk;
  }

  /**
   * Analyses {@code body}.
   *
   * @param locals the function's locals (real and integer, loop indices included): every other name
   *     read is an array or an argument
   * @param excluded locals never to recompute (the function's results)
   */
  public static Recomputable analyze(List<Stmt> body, Set<String> locals, Set<String> excluded) {
    Walk w = new Walk(locals);
    w.block(body, List.of(), null);
    Map<String, Stmt> candidates = new LinkedHashMap<>();
    Map<String, Stmt> feeders = new LinkedHashMap<>();
    for (Map.Entry<String, List<Stmt>> e : w.defs.entrySet()) {
      String x = e.getKey();
      if (e.getValue().size() != 1 || excluded.contains(x) || w.loopIndices.contains(x)) {
        continue;
      }
      Stmt d = e.getValue().get(0);
      if (!w.mentionsFollow(x, d)) {
        continue;
      }
      if (cheap(d, w.places.get(d).loops())) {
        candidates.put(x, d);
      } else if (operations(((Stmt.Assign) d).value()) <= MAX_OPERATIONS_MANY) {
        feeders.put(x, d);
      }
    }
    feedManyIterations(candidates, feeders, w);
    // drop candidates reading what may change after them, until none is left to drop
    boolean changed = true;
    while (changed) {
      changed = false;
      for (var it = candidates.entrySet().iterator(); it.hasNext();) {
        var e = it.next();
        if (!w.operandsHold(e.getValue(), candidates.keySet())) {
          it.remove();
          changed = true;
        }
      }
    }
    return new Recomputable(Collections.unmodifiableMap(candidates), w);
  }

  /**
   * Adds to {@code candidates} the locals of {@code feeders} that an assignment in loops of {@link
   * #MANY_ITERATIONS} reads, directly or through candidates: an operand computed once outside
   * those loops (an Arrhenius factor the optimiser moved out of the canopy loops, see {@code
   * optimize.LoopInvariants}) is computed again once per evaluation of that outer code, a fraction of
   * what the loop's own recomputations cost; recorded instead, it would make every value computed from
   * it in the loop a recorded one too.
   */
  private static void feedManyIterations(Map<String, Stmt> candidates, Map<String, Stmt> feeders, Walk w) {
    if (feeders.isEmpty()) {
      return;
    }
    long many = Long.getLong(MANY_ITERATIONS_PROPERTY, MANY_ITERATIONS);
    List<Stmt> work = new ArrayList<>();
    w.places.forEach((s, at) -> {
      if (s instanceof Stmt.Assign && iterations(at.loops()) >= many) {
        work.add(s);
      }
    });
    work.sort(java.util.Comparator.comparingInt(s -> w.places.get(s).order()));
    Set<String> seen = new java.util.HashSet<>();
    while (!work.isEmpty()) {
      Stmt d = work.remove(work.size() - 1);
      for (String n : reads(d)) {
        Stmt f = feeders.remove(n);
        if (f != null) {
          candidates.put(n, f);
        }
        if (candidates.containsKey(n) && seen.add(n)) {
          work.add(candidates.get(n));
        }
      }
    }
  }

  /** True when the reverse sweep may compute {@code local} again rather than restore it. */
  public boolean contains(String local) {
    return definitions.containsKey(local);
  }

  /** Every recomputable local. */
  public Set<String> names() {
    return definitions.keySet();
  }

  /** True when {@code s} is the one assignment of a recomputable local. */
  public boolean isDefinition(Stmt s) {
    String t = target(s);
    return t != null && definitions.get(t) == s;
  }

  /**
   * True when some statement that may run after the assignment {@code s} (later in program order, or
   * in a loop around both, {@code s} itself included) writes the variable {@code s} assigns: a value the
   * reverse sweep took from the target after {@code s} would then have to be recorded.
   */
  public boolean overwrittenLater(Stmt.Assign s) {
    Walk.Place at = walk.places.get(s);
    if (at == null) {
      throw new IllegalArgumentException("statement not in the analysed body: " + s);
    }
    String name = s.target().name();
    List<Stmt> writes = s.target() instanceof Ref.Local ? walk.defs.getOrDefault(name, List.of())
        : walk.arrayWrites.getOrDefault(name, List.of());
    return walk.mayRunAfter(writes, at);
  }

  /**
   * {@link #overwrittenLater}, except that a loop around both does not count when the array is private
   * to it ({@link IterationPrivate}: each iteration writes an element of its own, so a later iteration
   * leaves the element {@code s} stored alone). NIST Kirby2's {@code fit[i] = num / den} in the loop over
   * {@code i}: {@code fit[i]} still holds the quotient when the reverse sweep gets there.
   */
  public boolean overwrittenLater(Stmt.Assign s, IterationPrivate privates) {
    if (s.target() instanceof Ref.Local) {
      return overwrittenLater(s);
    }
    Walk.Place at = walk.places.get(s);
    if (at == null) {
      throw new IllegalArgumentException("statement not in the analysed body: " + s);
    }
    String name = s.target().name();
    for (Stmt w : walk.arrayWrites.getOrDefault(name, List.of())) {
      Walk.Place pw = walk.places.get(w);
      if (pw.order() > at.order()) {
        return true;
      }
      for (Stmt.For l : pw.loops()) {
        if (at.loops().contains(l) && !privates.privateTo(l).contains(name)) {
          return true; // the loop runs W again after s, at an element s may have stored
        }
      }
    }
    return false;
  }

  /** The local {@code s} assigns ({@code Assign} to a local or {@code SetInt}), else null. */
  public static String target(Stmt s) {
    if (s instanceof Stmt.Assign && ((Stmt.Assign) s).target() instanceof Ref.Local) {
      return ((Stmt.Assign) s).target().name();
    }
    if (s instanceof Stmt.SetInt) {
      return ((Stmt.SetInt) s).local();
    }
    return null;
  }

  /** Every name {@code s} itself reads (not those of nested statements). */
  public static Set<String> reads(Stmt s) {
    Set<String> out = new LinkedHashSet<>();
    if (s instanceof Stmt.Assign) {
      Reads.all(((Stmt.Assign) s).value(), out);
      out.addAll(Reads.index(((Stmt.Assign) s).target()));
    } else if (s instanceof Stmt.SetInt) {
      Reads.all(((Stmt.SetInt) s).value(), out);
    } else if (s instanceof Stmt.For) {
      Reads.all(((Stmt.For) s).from(), out);
      Reads.all(((Stmt.For) s).to(), out);
    } else if (s instanceof Stmt.If) {
      Reads.all(((Stmt.If) s).cond(), out);
    } else if (s instanceof Stmt.Push) {
      Reads.all(((Stmt.Push) s).value(), out);
    } else if (s instanceof Stmt.PushInt) {
      Reads.all(((Stmt.PushInt) s).value(), out);
    } else if (s instanceof Stmt.Pop) {
      out.addAll(Reads.index(((Stmt.Pop) s).target()));
    }
    return out;
  }

  /** Every name {@code code} reads, nested statements included. */
  public static Set<String> readsDeep(List<Stmt> code) {
    Set<String> out = new LinkedHashSet<>();
    readsDeep(code, out);
    return out;
  }

  private static void readsDeep(List<Stmt> code, Set<String> out) {
    for (Stmt s : code) {
      out.addAll(reads(s));
      if (s instanceof Stmt.For) {
        readsDeep(((Stmt.For) s).body(), out);
      } else if (s instanceof Stmt.If) {
        readsDeep(((Stmt.If) s).then(), out);
        readsDeep(((Stmt.If) s).otherwise(), out);
      }
    }
  }

  private static boolean cheap(Stmt d, List<Stmt.For> loops) {
    if (d instanceof Stmt.SetInt) {
      return true;
    }
    Expr e = ((Stmt.Assign) d).value();
    int n = operations(e);
    return arithmetic(e) ? n <= MAX_OPERATIONS
        : n <= MAX_OPERATIONS_MANY && iterations(loops) >= Long.getLong(MANY_ITERATIONS_PROPERTY, MANY_ITERATIONS);
  }

  /** The iterations of {@code loops} nested in each other, counting a loop whose bounds are not constants as one. */
  private static long iterations(List<Stmt.For> loops) {
    long n = 1;
    for (Stmt.For l : loops) {
      if (l.from() instanceof IExpr.Const && l.to() instanceof IExpr.Const) {
        n *= Math.max(0, ((IExpr.Const) l.to()).value() - ((IExpr.Const) l.from()).value());
      }
    }
    return n;
  }

  /** True when {@code e} applies a transcendental function (exp, pow, sqrt, ...: not {@link Prim#arithmetic}). */
  public static boolean transcendental(Expr e) {
    return !arithmetic(e);
  }

  /** True when {@code e} holds no transcendental function (only + - * /, negation, abs, min, max). */
  private static boolean arithmetic(Expr e) {
    if (e instanceof Expr.Call) {
      Prim p = ((Expr.Call) e).prim();
      if (!p.arithmetic()) {
        return false;
      }
      return ((Expr.Call) e).args().stream().allMatch(Recomputable::arithmetic);
    }
    if (e instanceof Expr.Select) {
      Expr.Select s = (Expr.Select) e;
      return arithmetic(s.ifTrue()) && arithmetic(s.ifFalse()) && arithmetic(s.cond());
    }
    return true;
  }

  private static boolean arithmetic(Cond c) {
    if (c instanceof Cond.Compare) {
      return arithmetic(((Cond.Compare) c).a()) && arithmetic(((Cond.Compare) c).b());
    }
    if (c instanceof Cond.And) {
      return arithmetic(((Cond.And) c).a()) && arithmetic(((Cond.And) c).b());
    }
    if (c instanceof Cond.Or) {
      return arithmetic(((Cond.Or) c).a()) && arithmetic(((Cond.Or) c).b());
    }
    if (c instanceof Cond.Not) {
      return arithmetic(((Cond.Not) c).a());
    }
    if (c instanceof Cond.IsNaN) {
      return arithmetic(((Cond.IsNaN) c).value());
    }
    return true;
  }

  private static int operations(Expr e) {
    int n = 0;
    if (e instanceof Expr.Call) {
      n++;
      for (Expr a : ((Expr.Call) e).args()) {
        n += operations(a);
      }
    } else if (e instanceof Expr.Select) {
      Expr.Select s = (Expr.Select) e;
      n += 1 + operations(s.cond()) + operations(s.ifTrue()) + operations(s.ifFalse());
    }
    return n;
  }

  private static int operations(Cond c) {
    if (c instanceof Cond.Compare) {
      return 1 + operations(((Cond.Compare) c).a()) + operations(((Cond.Compare) c).b());
    }
    if (c instanceof Cond.And) {
      return 1 + operations(((Cond.And) c).a()) + operations(((Cond.And) c).b());
    }
    if (c instanceof Cond.Or) {
      return 1 + operations(((Cond.Or) c).a()) + operations(((Cond.Or) c).b());
    }
    if (c instanceof Cond.Not) {
      return 1 + operations(((Cond.Not) c).a());
    }
    if (c instanceof Cond.IsNaN) {
      return 1 + operations(((Cond.IsNaN) c).value());
    }
    return 1;
  }

  /** Where every statement sits: its block, its place there, its enclosing statement and loops. */
  private static final class Walk {
    private final Set<String> locals;
    private final Map<Stmt, Place> places = new IdentityHashMap<>();
    private final Map<String, List<Stmt>> defs = new LinkedHashMap<>();
    private final Map<String, List<Stmt>> mentions = new HashMap<>();
    private final Map<String, List<Stmt>> arrayWrites = new HashMap<>();
    private final Set<String> loopIndices = new LinkedHashSet<>();
    private int order;

    private record Place(List<Stmt> block, int index, Stmt parent, List<Stmt.For> loops, int order) {}

    Walk(Set<String> locals) {
      this.locals = locals;
    }

    void block(List<Stmt> body, List<Stmt.For> loops, Stmt parent) {
      for (int k = 0; k < body.size(); k++) {
        Stmt s = body.get(k);
        places.put(s, new Place(body, k, parent, loops, order++));
        String t = target(s);
        if (t != null) {
          defs.computeIfAbsent(t, n -> new ArrayList<>()).add(s);
        }
        for (String n : reads(s)) {
          mentions.computeIfAbsent(n, m -> new ArrayList<>()).add(s);
        }
        String written = arrayWritten(s);
        if (written != null) {
          arrayWrites.computeIfAbsent(written, m -> new ArrayList<>()).add(s);
        }
        if (s instanceof Stmt.For) {
          Stmt.For f = (Stmt.For) s;
          loopIndices.add(f.index());
          List<Stmt.For> inner = new ArrayList<>(loops);
          inner.add(f);
          block(f.body(), inner, s);
        } else if (s instanceof Stmt.If) {
          block(((Stmt.If) s).then(), loops, s);
          block(((Stmt.If) s).otherwise(), loops, s);
        }
      }
    }

    private static String arrayWritten(Stmt s) {
      if (s instanceof Stmt.Assign && ((Stmt.Assign) s).target() instanceof Ref.Elem) {
        return ((Stmt.Assign) s).target().name();
      }
      if (s instanceof Stmt.Pop && ((Stmt.Pop) s).target() instanceof Ref.Elem) {
        return ((Stmt.Pop) s).target().name();
      }
      if (s instanceof Stmt.Pop) {
        return null;
      }
      if (s instanceof Stmt.Fill) {
        return ((Stmt.Fill) s).array();
      }
      return null;
    }

    /** True when every mention of {@code x} but D's own reads sits after D in D's block (nested included). */
    boolean mentionsFollow(String x, Stmt d) {
      if (reads(d).contains(x)) {
        return false;
      }
      Place pd = places.get(d);
      for (Stmt s : mentions.getOrDefault(x, List.of())) {
        Stmt a = s;
        while (a != null && places.get(a).block() != pd.block()) {
          a = places.get(a).parent();
        }
        if (a == null || places.get(a).index() <= pd.index()) {
          return false;
        }
      }
      return true;
    }

    /** True when every name D reads holds, from D to the end of the forward sweep, the value D saw. */
    boolean operandsHold(Stmt d, Set<String> recomputable) {
      Place pd = places.get(d);
      for (String n : reads(d)) {
        if (locals.contains(n)) {
          if (!recomputable.contains(n) && !enclosingIndex(pd, n)) {
            return false;
          }
        } else if (mayBeWrittenAfter(n, pd)) {
          return false;
        }
      }
      return true;
    }

    private static boolean enclosingIndex(Place p, String n) {
      for (Stmt.For l : p.loops()) {
        if (l.index().equals(n)) {
          return true;
        }
      }
      return false;
    }

    private boolean mayBeWrittenAfter(String array, Place d) {
      return mayRunAfter(arrayWrites.getOrDefault(array, List.of()), d);
    }

    /** True when one of {@code statements} may run after the statement at {@code d}. */
    boolean mayRunAfter(List<Stmt> statements, Place d) {
      for (Stmt w : statements) {
        Place pw = places.get(w);
        if (pw.order() > d.order()) {
          return true;
        }
        for (Stmt.For l : pw.loops()) {
          for (Stmt.For m : d.loops()) {
            if (l == m) {
              return true; // the loop runs W again after D
            }
          }
        }
      }
      return false;
    }
  }
}
