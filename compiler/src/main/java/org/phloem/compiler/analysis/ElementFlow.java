package org.phloem.compiler.analysis;

import org.phloem.compiler.ir.Stmt;

/**
 * The common shape of the analyses that follow per-step arrays element by element ({@link ToBeRecorded},
 * the adjoint's dead-store removal): the state is a {@link NameBits} set of tracked names
 * ({@link ElementNames}), empty at the boundary, paths meet by union, and the current iteration's
 * elements are renamed from one iteration to the next and when a loop is left. Subclasses give the
 * direction and {@link #transfer}.
 */
public abstract class ElementFlow implements FlowAnalysis<NameBits> {
  private final boolean forward;
  /** The tracked names and their numbers. */
  protected final ElementNames names;

  /** An analysis in direction {@code forward} over {@code names}. */
  protected ElementFlow(boolean forward, ElementNames names) {
    this.forward = forward;
    this.names = names;
  }

  @Override
  public final boolean forward() {
    return forward;
  }

  @Override
  public final NameBits boundary() {
    return NameBits.EMPTY;
  }

  @Override
  public final NameBits join(NameBits a, NameBits b) {
    return a.or(b);
  }

  @Override
  public final NameBits nextIteration(Stmt.For loop, NameBits state) {
    return names.nextIteration(loop, state);
  }

  @Override
  public final NameBits leaveLoop(Stmt.For loop, NameBits head) {
    return names.leaveLoop(loop, head);
  }
}
