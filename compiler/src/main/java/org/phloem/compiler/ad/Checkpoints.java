package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.ModelLayout;

/** Which loops the adjoint checkpoints, and what their snapshots hold. */
final class Checkpoints {

  private Checkpoints() {}

  /** True for an ascending loop whose bounds read no local (so they are the same when the reverse sweep re-runs it). */
  static boolean invariantBounds(Stmt.For l) {
    return !l.descending() && Reads.all(l.from()).isEmpty() && Reads.all(l.to()).isEmpty();
  }

  /** True when code pushes on the tape (a loop that records nothing gains nothing from checkpoints). */
  static boolean usesTape(List<Stmt> code) {
    for (Stmt s : code) {
      if (s instanceof Stmt.Push || s instanceof Stmt.PushInt) {
        return true;
      }
      if (s instanceof Stmt.For && usesTape(((Stmt.For) s).body())) {
        return true;
      }
      if (s instanceof Stmt.If && (usesTape(((Stmt.If) s).then()) || usesTape(((Stmt.If) s).otherwise()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * What a snapshot of loop {@code l} holds: every variable the loop writes whose value at a segment's
   * start matters, because an iteration may read it before writing it (carried state) or because reverse
   * code of statements before the loop needs its value from before the loop ({@code neededBefore}).
   * Per-step arrays (each element written before it is read, in the iteration that writes it) are left
   * out. Null when a whole array over the loop's own dim would have to be snapshotted: the snapshots
   * would then outweigh the tape they save, and the loop is better recorded plainly.
   */
  static Checkpointing.Snapshot snapshot(LoopState state, Set<String> neededBefore, Map<String, ScalarType> locals,
      IrProgram program, Stmt.For l) {
    List<String> reals = new ArrayList<>();
    List<String> ints = new ArrayList<>();
    for (String v : state.writtenScalars) {
      if (!state.exposedScalars.contains(v) && !neededBefore.contains(v)) {
        continue;
      }
      if (locals.get(v) == ScalarType.INT) {
        ints.add(v);
      } else {
        reals.add(v);
      }
    }
    Set<String> loopDims = new LinkedHashSet<>();
    dims(l.from(), loopDims);
    dims(l.to(), loopDims);
    List<String> arrays = new ArrayList<>();
    for (String a : state.writtenArrays) {
      if (!state.exposedArrays.contains(a) && !neededBefore.contains(a)) {
        continue;
      }
      ModelLayout.ArraySlot slot = program.array(a);
      if (slot == null) {
        return null; // an argument: not ours to snapshot
      }
      for (String d : slot.dims()) {
        if (loopDims.contains(d)) {
          return null;
        }
      }
      arrays.add(a);
    }
    return new Checkpointing.Snapshot(reals, ints, arrays, a -> size(program.array(a)));
  }

  private static IExpr size(ModelLayout.ArraySlot slot) {
    IExpr size = IExpr.of(1);
    for (String d : slot.dims()) {
      size = IExpr.times(size, new IExpr.DimSize(d));
    }
    return size;
  }

  private static void dims(IExpr e, Set<String> out) {
    if (e instanceof IExpr.DimSize) {
      out.add(((IExpr.DimSize) e).dim());
    } else if (e instanceof IExpr.Bin) {
      dims(((IExpr.Bin) e).a(), out);
      dims(((IExpr.Bin) e).b(), out);
    }
  }
}
