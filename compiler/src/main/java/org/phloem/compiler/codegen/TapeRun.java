package org.phloem.compiler.codegen;

import java.util.List;
import org.phloem.compiler.ir.Bodies;
import org.phloem.compiler.ir.Stmt;

/**
 * A loop whose every iteration records (or takes back) the same number of reals on the tape: its pushes
 * (or pops) stand at the top level of its body, unconditional, and nothing else in the body touches
 * the tape or its own index. Such a loop is emitted with one tape call before it and one after, its
 * values stored (read) straight into the tape's array at {@code offset ± perIteration · index + j}:
 * the positions one {@code pushD} (or {@code popD}) per value would have used, so the tape holds the
 * same values in the same order and every other loop, checkpointing included, reads it as before.
 *
 * <p>Why: a call per value reads and writes the tape's fields on every element, which keeps HotSpot
 * from unrolling the loop (the sites model's per-site state loops spent a third of the gradient in
 * {@code pushD}; tests/BENCHMARKS.md, "Sites model n = 50: loops of tape pushes as array stores").
 *
 * @param perIteration values recorded or taken back per iteration (at least 1)
 * @param records true for pushes (forward sweep), false for pops (reverse sweep)
 */
record TapeRun(int perIteration, boolean records) {

  /** The run of loop {@code f}, or null when its tape traffic is not a fixed count per iteration. */
  static TapeRun of(Stmt.For f) {
    int pushes = 0;
    int pops = 0;
    for (Stmt s : f.body()) {
      if (s instanceof Stmt.Push) {
        pushes++;
      } else if (s instanceof Stmt.Pop) {
        pops++;
      } else if (touchesTapeOrIndex(s, f.index())) {
        return null;
      }
    }
    if (pushes > 0 && pops == 0) {
      return new TapeRun(pushes, true);
    }
    if (pops > 0 && pushes == 0) {
      return new TapeRun(pops, false);
    }
    return null;
  }

  /** Whether {@code s} (any statement it nests) records, takes back, asks the schedule, or sets {@code index}. */
  private static boolean touchesTapeOrIndex(Stmt s, String index) {
    if (s instanceof Stmt.Push || s instanceof Stmt.Pop || s instanceof Stmt.PushInt || s instanceof Stmt.PopInt
        || s instanceof Stmt.Schedule) {
      return true;
    } else if (s instanceof Stmt.SetInt set) {
      return set.local().equals(index);
    } else if (s instanceof Stmt.For f && f.index().equals(index)) {
      return true;
    }
    return Bodies.of(s).stream().flatMap(List::stream).anyMatch(nested -> touchesTapeOrIndex(nested, index));
  }
}
