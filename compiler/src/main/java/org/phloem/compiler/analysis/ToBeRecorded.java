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
 *
 * <p>The states are {@link NameBits} over the tracked names ({@link ElementNames}), and what each
 * statement reads, writes and needs for its index is numbered once per statement.
 */
public final class ToBeRecorded {
  private final DataFlow.Result<NameBits> needed;
  private final Needed analysis;

  private ToBeRecorded(DataFlow.Result<NameBits> needed, Needed analysis) {
    this.needed = needed;
    this.analysis = analysis;
  }

  /** As {@link #analyze(List, Function, Function, Set)} for reverse code that reads only values from before its statement. */
  public static ToBeRecorded analyze(List<Stmt> body, Function<Stmt, Set<String>> reverseReads, Set<String> regenerated) {
    return analyze(body, reverseReads, s -> Set.of(), regenerated);
  }

  /**
   * Analyses {@code body}.
   *
   * @param reverseReads for a simple statement, every name its reverse code reads with the value it
   *     had before the statement (empty when it has none); called once per statement
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
    Needed analysis = new Needed(elements, reverseReads, reverseReadsAfter, regenerated);
    return new ToBeRecorded(DataFlow.run(body, analysis), analysis);
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
    Effect e = analysis.effect(s);
    if (e == null) {
      return false;
    }
    NameBits before = needed.before(s);
    return before.has(e.element) || before.has(e.target) || e.reads.has(e.element);
  }

  /**
   * The variables whose values at the point just before {@code s} reverse code already seen will read
   * (so code that re-runs {@code s} in the reverse sweep, as checkpointing does, must leave them as they
   * were there).
   */
  public Set<String> neededBefore(Stmt s) {
    return java.util.Collections.unmodifiableSet(analysis.names.variables(needed.before(s)));
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

  /**
   * What a statement with a target does to the state, numbered once: the target's name and its tracked
   * name, what its reverse code reads from before and from after it, and what the pop of an element
   * store needs for the index.
   */
  private record Effect(int target, int element, boolean elementStore, NameBits reads, NameBits readsAfter, NameBits index) {}

  /** The set of variables whose current values the reverse sweep will read. */
  private static final class Needed extends ElementFlow {
    private final Function<Stmt, Set<String>> reverseReads;
    private final Function<Stmt, Set<String>> reverseReadsAfter;
    private final Set<String> regenerated;
    private final Map<Stmt, Effect> effects = new IdentityHashMap<>();

    Needed(ElementNames elements, Function<Stmt, Set<String>> reverseReads, Function<Stmt, Set<String>> reverseReadsAfter,
        Set<String> regenerated) {
      super(true, elements);
      this.reverseReads = reverseReads;
      this.reverseReadsAfter = reverseReadsAfter;
      this.regenerated = regenerated;
    }

    /** {@code s}'s effect, or null for a statement without a target. */
    Effect effect(Stmt s) {
      Effect e = effects.get(s);
      if (e == null && !effects.containsKey(s)) {
        String target = target(s);
        if (target != null) {
          boolean elementStore = s instanceof Stmt.Assign && ((Stmt.Assign) s).target() instanceof Ref.Elem;
          e = new Effect(names.id(target), names.id(s, target), elementStore,
              names.bits(s, without(reverseReads.apply(s), regenerated)),
              names.bits(s, without(reverseReadsAfter.apply(s), regenerated)),
              elementStore ? names.bits(without(Reads.index(((Stmt.Assign) s).target()), regenerated)) : NameBits.EMPTY);
        }
        effects.put(s, e);
      }
      return e;
    }

    @Override
    public NameBits transfer(Stmt s, NameBits in) {
      if (s instanceof Stmt.Push || s instanceof Stmt.Pop || s instanceof Stmt.PushInt || s instanceof Stmt.PopInt) {
        throw new IllegalArgumentException("to-be-recorded analysis of code that already uses the tape: " + s);
      }
      Effect e = effect(s);
      if (e == null) {
        return in;
      }
      NameBits out = in.or(e.reads);
      boolean recorded = out.has(e.target) || out.has(e.element);
      if (e.elementStore) {
        if (recorded) {
          out = out.or(e.index); // the pop needs the element's index
        }
        // this iteration's own element is replaced like a scalar: its old value is restored by the pop
        if (e.element != e.target) {
          out = out.without(e.element);
        }
      } else {
        out = out.without(e.target); // scalars and whole-array fills are replaced: their old value is restored by the pop
      }
      return out.or(e.readsAfter);
    }
  }
}
