package org.phloem.compiler.analysis;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * To-be-recorded analysis for the adjoint's forward sweep. The reverse sweep of a statement reads some
 * values (operands of nonlinear operations, indices); it runs after everything later in the forward
 * sweep has been undone, so a value must be <em>restored</em> there if the forward sweep overwrote it
 * in between. The state (forward analysis) is the set of variables whose current value some reverse
 * code already seen will read. A statement that overwrites such a variable (or one its own reverse
 * code reads) records the old value on the tape, and its reverse code pops it back. Values never
 * overwritten after being needed are never recorded.
 *
 * <p>Loop indices are not tracked: the reverse sweep regenerates them by running the loop backwards.
 * Neither are other names the caller says the reverse sweep sets itself (locals it computes again,
 * {@link Recomputable}).
 *
 * <p>An array is one variable, except inside a loop it is private to ({@link IterationPrivate}: every
 * iteration touches one element of its own, such as {@code gpp[d]} in the loop over {@code d}). There
 * the analysis follows the current iteration's element alone, so a write records its old value only
 * when reverse code of the same iteration (or of code before the loop) reads it, not because another
 * iteration's element is needed: a per-step output whose old value is the initial zero is not pushed.
 * When the iteration ends, that element joins "earlier iterations' elements", which become the whole
 * array again when the loop is left.
 */
public final class ToBeRecorded {
  private final DataFlow.Result<Set<String>> needed;
  private final Function<Stmt, Set<String>> reverseReads;
  private final ElementNames elements;

  private ToBeRecorded(DataFlow.Result<Set<String>> needed, Function<Stmt, Set<String>> reverseReads, ElementNames elements) {
    this.needed = needed;
    this.reverseReads = reverseReads;
    this.elements = elements;
  }

  /** As {@link #analyze(List, Function, Function, Set)} for reverse code that reads only values from before its statement. */
  public static ToBeRecorded analyze(List<Stmt> body, Function<Stmt, Set<String>> reverseReads, Set<String> regenerated) {
    return analyze(body, reverseReads, s -> Set.of(), regenerated);
  }

  /**
   * Analyses {@code body}.
   *
   * @param reverseReads for a simple statement, every name its reverse code reads with the value it
   *     had before the statement (empty when it has none); called several times per statement inside
   *     loops, so callers should cache it
   * @param reverseReadsAfter every name the reverse code reads with the value it had just after the
   *     statement (a result reused from the forward sweep: the statement's own target, read before
   *     its old value is popped back)
   * @param regenerated names the reverse sweep regenerates itself (loop indices, recomputed locals)
   */
  public static ToBeRecorded analyze(List<Stmt> body, Function<Stmt, Set<String>> reverseReads,
      Function<Stmt, Set<String>> reverseReadsAfter, Set<String> regenerated) {
    return analyze(body, reverseReads, reverseReadsAfter, regenerated, a -> List.of());
  }

  /**
   * As {@link #analyze(List, Function, Function, Set)}, knowing the dims of the arrays ({@code dimsOf}),
   * so that an element stepped by a dim size per iteration ({@code a[d * size(site) + s]}) is followed
   * element by element too.
   */
  public static ToBeRecorded analyze(List<Stmt> body, Function<Stmt, Set<String>> reverseReads,
      Function<Stmt, Set<String>> reverseReadsAfter, Set<String> regenerated, Function<String, List<String>> dimsOf) {
    ElementNames elements = new ElementNames(IterationPrivate.analyze(body, dimsOf));
    Function<Stmt, Set<String>> reads = once(s -> elements.of(s, without(reverseReads.apply(s), regenerated)));
    Function<Stmt, Set<String>> readsAfter = once(s -> elements.of(s, without(reverseReadsAfter.apply(s), regenerated)));
    return new ToBeRecorded(DataFlow.run(body, new Needed(reads, readsAfter, regenerated, elements)), reads, elements);
  }

  /** {@code f} computed once per statement: a loop's body is analysed again at every pass to its fixed point. */
  private static Function<Stmt, Set<String>> once(Function<Stmt, Set<String>> f) {
    Map<Stmt, Set<String>> done = new IdentityHashMap<>();
    return s -> done.computeIfAbsent(s, f);
  }

  private static Set<String> without(Set<String> names, Set<String> drop) {
    Set<String> r = new HashSet<>(names);
    r.removeAll(drop);
    return r;
  }

  /**
   * True when the forward sweep must record the value {@code s} overwrites ({@code Assign}: the old
   * target element, {@code SetInt}: the old integer, {@code Fill}: the whole old array).
   */
  public boolean record(Stmt s) {
    String target = target(s);
    if (target == null) {
      return false;
    }
    Set<String> before = needed.before(s);
    String element = elements.of(s, target);
    return before.contains(element) || before.contains(target) || reverseReads.apply(s).contains(element);
  }

  /**
   * The variables whose values at the point just before {@code s} reverse code already seen will read
   * (so code that re-runs {@code s} in the reverse sweep, as checkpointing does, must leave them as they
   * were there).
   */
  public Set<String> neededBefore(Stmt s) {
    Set<String> names = new HashSet<>();
    for (String n : needed.before(s)) {
      names.add(ElementNames.variable(n));
    }
    return java.util.Collections.unmodifiableSet(names);
  }

  private static String target(Stmt s) {
    if (s instanceof Stmt.Assign) {
      return ((Stmt.Assign) s).target().name();
    }
    if (s instanceof Stmt.SetInt) {
      return ((Stmt.SetInt) s).local();
    }
    if (s instanceof Stmt.Fill) {
      return ((Stmt.Fill) s).array();
    }
    return null;
  }

  /** The set of variables whose current values the reverse sweep will read. */
  private static final class Needed extends NameSetAnalysis {
    private final Function<Stmt, Set<String>> reads;
    private final Function<Stmt, Set<String>> readsAfter;
    private final Set<String> regenerated;

    private final ElementNames elements;

    Needed(Function<Stmt, Set<String>> reads, Function<Stmt, Set<String>> readsAfter, Set<String> regenerated, ElementNames elements) {
      super(true, Set.of(), elements);
      this.reads = reads;
      this.readsAfter = readsAfter;
      this.regenerated = regenerated;
      this.elements = elements;
    }


    @Override
    public Set<String> transfer(Stmt s, Set<String> in) {
      if (s instanceof Stmt.Push || s instanceof Stmt.Pop || s instanceof Stmt.PushInt || s instanceof Stmt.PopInt) {
        throw new IllegalArgumentException("to-be-recorded analysis of code that already uses the tape: " + s);
      }
      String target = target(s);
      if (target == null) {
        return in;
      }
      String element = elements.of(s, target);
      if (unchanged(s, in, target, element)) {
        return in; // most statements: no copy of the set
      }
      Set<String> out = new HashSet<>(in);
      out.addAll(reads.apply(s));
      boolean recorded = out.contains(target) || out.contains(element);
      if (s instanceof Stmt.Assign && ((Stmt.Assign) s).target() instanceof Ref.Elem) {
        if (recorded) {
          // the pop needs the element's index
          out.addAll(without(Reads.index(((Stmt.Assign) s).target()), regenerated));
        }
        // this iteration's own element is replaced like a scalar: its old value is restored by the pop
        if (!element.equals(target)) {
          out.remove(element);
        }
      } else {
        out.remove(target); // scalars and whole-array fills are replaced: their old value is restored by the pop
      }
      out.addAll(readsAfter.apply(s));
      return out;
    }

    /** Whether {@link #transfer} would give {@code in} itself: it holds everything added and loses nothing. */
    private boolean unchanged(Stmt s, Set<String> in, String target, String element) {
      Set<String> after = readsAfter.apply(s);
      if (!in.containsAll(reads.apply(s)) || !in.containsAll(after)) {
        return false;
      }
      boolean elementStore = s instanceof Stmt.Assign && ((Stmt.Assign) s).target() instanceof Ref.Elem;
      if (elementStore && (in.contains(target) || in.contains(element))
          && !in.containsAll(without(Reads.index(((Stmt.Assign) s).target()), regenerated))) {
        return false;
      }
      String removed = elementStore ? (element.equals(target) ? null : element) : target;
      return removed == null || !in.contains(removed) || after.contains(removed);
    }
  }
}
