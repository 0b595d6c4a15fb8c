package org.phloem.compiler.diagnose;

import java.util.List;
import java.util.Set;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IrInterpreter;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * Watches a forward run in the interpreter and stops it at the first assignment that stores NaN or an
 * infinity, keeping what is needed to describe it (the statement, the element, the values of the loop
 * indices around it, the interpreter's state at that moment).
 */
final class FirstNonFinite implements IrInterpreter.StoreListener {
  /**
   * The stored value and where.
   *
   * @param assign the assignment
   * @param element the flat element of an array target, -1 for a local
   * @param value the non-finite value it was about to store
   * @param loops the loops around the assignment, outermost first, with their index values
   * @param state the interpreter, stopped just before the store (the operands as they were)
   */
  record Found(Stmt.Assign assign, int element, double value, List<IrInterpreter.LoopAt> loops, IrInterpreter state) {}

  /** Thrown through the interpreter to stop it at the fault. */
  static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Found found;

    Stop(Found found) {
      super(null, null, false, false);
      this.found = found;
    }
  }

  private final Set<Integer> observeLines;

  /**
   * @param observeLines lines of observe statements: a missing observation legitimately stores NaN
   *     there, as the bookkeeping that skips it
   */
  FirstNonFinite(Set<Integer> observeLines) {
    this.observeLines = observeLines;
  }

  @Override
  public void storing(Stmt.Assign assign, int element, double value, IrInterpreter state) {
    if (Double.isFinite(value) || missingObservation(assign)) {
      return;
    }
    throw new Stop(new Found(assign, element, value, state.runningLoops(), state));
  }

  /**
   * True for the observation bookkeeping of a missing value: the observed value or sd read as NaN
   * (missing) into the observation's locals, or NaN written into the observation's arrays.
   */
  private boolean missingObservation(Stmt.Assign a) {
    if (!observeLines.contains(a.line())) {
      return false;
    }
    if (a.value() instanceof Expr.Num) {
      return true; // the NaN the skip branch records
    }
    String target = a.target().name();
    if (a.target() instanceof Ref.Local && (target.startsWith("observed") || target.startsWith("obs_sd"))) {
      return true;
    }
    return false;
  }
}
