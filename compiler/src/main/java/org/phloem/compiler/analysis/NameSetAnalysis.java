package org.phloem.compiler.analysis;

import java.util.HashSet;
import java.util.Set;
import org.phloem.compiler.ir.Stmt;

/**
 * The common shape of Phloem's "may" analyses: the state is a set of variable names (varied, useful,
 * needed by the reverse sweep, live adjoint arrays), paths meet by union, and only the direction, the
 * boundary set and the effect of each statement differ. Subclasses give {@link #transfer}.
 */
public abstract class NameSetAnalysis implements FlowAnalysis<Set<String>> {
  private final boolean forward;
  private final Set<String> boundary;
  private final ElementNames elements;

  /**
   * @param forward the direction of the analysis
   * @param boundary the set at the function's entry (forward) or exit (backward)
   */
  protected NameSetAnalysis(boolean forward, Set<String> boundary) {
    this(forward, boundary, null);
  }

  /**
   * An analysis that follows per-step arrays element by element: its set holds {@code elements}' names,
   * renamed from one iteration to the next and when a loop is left.
   */
  protected NameSetAnalysis(boolean forward, Set<String> boundary, ElementNames elements) {
    this.forward = forward;
    this.boundary = Set.copyOf(boundary);
    this.elements = elements;
  }

  @Override
  public final Set<String> nextIteration(Stmt.For loop, Set<String> state) {
    return elements == null ? state : elements.nextIteration(loop, state);
  }

  @Override
  public final Set<String> leaveLoop(Stmt.For loop, Set<String> head) {
    return elements == null ? head : elements.leaveLoop(loop, head);
  }

  @Override
  public final boolean forward() {
    return forward;
  }

  @Override
  public final Set<String> boundary() {
    return boundary;
  }

  @Override
  public final Set<String> join(Set<String> a, Set<String> b) {
    return union(a, b);
  }

  /** a ∪ b, returning {@code a} itself when it already holds b (no allocation on the common path). */
  public static Set<String> union(Set<String> a, Set<String> b) {
    if (a.containsAll(b)) {
      return a;
    }
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }
}
