package org.phloem.compiler.analysis;

import org.phloem.compiler.ir.Stmt;

/**
 * One data-flow analysis, as {@link DataFlow} runs it: a lattice of states (joined at branch merges
 * and loop heads; must be monotone with a finite height so loops reach a fixed point) and the effect
 * of each simple statement.
 *
 * @param <S> the state; compared with {@code equals} to detect the fixed point
 */
public interface FlowAnalysis<S> {

  /** True for a forward analysis (entry to exit), false for a backward one. */
  boolean forward();

  /** The state at the boundary: the function's entry (forward) or exit (backward). */
  S boundary();

  /** The state where two paths meet. */
  S join(S a, S b);

  /**
   * The effect of a statement that is neither a loop nor a branch ({@code Assign}, {@code SetInt},
   * {@code Push}, {@code Pop}, {@code PushInt}, {@code PopInt}, {@code Fill}, {@code Schedule}).
   *
   * @param state the state on the statement's incoming side in the analysis direction (before it
   *     for a forward analysis, after it for a backward one)
   * @return the state on its outgoing side
   */
  S transfer(Stmt simple, S state);

  /**
   * The state carried from the end of one iteration of {@code loop} to the start of the next (in the
   * analysis direction), before it joins the state reaching the loop. The identity unless an analysis
   * tells one iteration's facts from another's.
   */
  default S nextIteration(Stmt.For loop, S state) {
    return state;
  }

  /** The state leaving {@code loop}, from the state at its head. The identity unless {@link #nextIteration} is not. */
  default S leaveLoop(Stmt.For loop, S head) {
    return head;
  }
}
