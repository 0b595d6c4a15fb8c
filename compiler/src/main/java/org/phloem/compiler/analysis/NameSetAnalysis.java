package org.phloem.compiler.analysis;

import java.util.HashSet;
import java.util.Set;

/**
 * The common shape of Phloem's "may" analyses: the state is a set of variable names (varied, useful,
 * needed by the reverse sweep, live adjoint arrays), paths meet by union, and only the direction, the
 * boundary set and the effect of each statement differ. Subclasses give {@link #transfer}.
 */
public abstract class NameSetAnalysis implements FlowAnalysis<Set<String>> {
  private final boolean forward;
  private final Set<String> boundary;

  /**
   * @param forward the direction of the analysis
   * @param boundary the set at the function's entry (forward) or exit (backward)
   */
  protected NameSetAnalysis(boolean forward, Set<String> boundary) {
    this.forward = forward;
    this.boundary = Set.copyOf(boundary);
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
