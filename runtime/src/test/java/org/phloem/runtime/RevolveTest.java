package org.phloem.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/**
 * The binomial schedule: its closed formula against the optimal recurrence, and the schedule, driven
 * exactly as generated code drives it, against the formula (counting the steps it re-runs), the
 * snapshot slots it was given, and the order every leaf must be reversed in.
 */
class RevolveTest {

  /** C(n, k), exactly. */
  private static long choose(long n, long k) {
    BigInteger b = BigInteger.ONE;
    for (long i = 1; i <= k; i++) {
      b = b.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
    }
    return b.longValueExact();
  }

  /**
   * Griewank and Walther's minimum, written out here independently of {@link Binomial}: t = r·l −
   * C(s + r, s + 1), r the smallest with C(s + r, s) ≥ l.
   */
  private static long formula(long l, long s) {
    if (l <= 1) {
      return 0;
    }
    long r = 0;
    while (choose(s + r, s) < l) {
      r++;
    }
    return r * l - choose(s + r, s + 1);
  }

  /** The fewest advances by dynamic programming over every first advance a (the optimality recurrence). */
  private static long[][] recurrence(int maxSteps, int maxSlots) {
    long inf = Long.MAX_VALUE / 4;
    long[][] t = new long[maxSteps + 1][maxSlots + 1];
    for (int s = 0; s <= maxSlots; s++) {
      for (int l = 1; l <= maxSteps; l++) {
        if (l == 1) {
          t[l][s] = 0;
          continue;
        }
        t[l][s] = inf;
        if (s == 0) {
          continue; // no snapshot of the start: it cannot be reversed
        }
        for (int a = 1; a < l; a++) {
          // advance a steps, reverse the rest with one slot fewer, then the first a from the start again
          t[l][s] = Math.min(t[l][s], a + t[l - a][s - 1] + t[a][s]);
        }
      }
    }
    return t;
  }

  @Test
  void closedFormula_isTheOptimumOfTheRecurrence() {
    long[][] t = recurrence(120, 8);
    for (int s = 1; s <= 8; s++) {
      for (int l = 1; l <= 120; l++) {
        assertEquals(t[l][s], formula(l, s), "l = " + l + ", s = " + s);
        assertEquals(formula(l, s), Binomial.minimalAdvances(l, s), "Binomial.minimalAdvances(" + l + ", " + s + ")");
      }
    }
    // hand-checked: 3 steps, 1 slot: advance 2, 1, 0 = 3; 2 steps: 1
    assertEquals(3, Binomial.minimalAdvances(3, 1));
    assertEquals(1, Binomial.minimalAdvances(2, 5));
  }

  /** What one drive of the schedule did. */
  private record Drive(long advancedSteps, int peakSnapshots, long recordedSteps) {}

  /**
   * Drives the schedule as generated code does (BinomialCheckpointing), over a "state" that is just the
   * step it stands at, with the snapshots on a stack of such states: checks that every restore and
   * every advance starts where the state really is, and that steps are recorded and reversed once
   * each, last to first.
   */
  private static Drive drive(Revolve r, int steps, double snapshotBytes, double stepBytes, int fixed) {
    Deque<Integer> tape = new ArrayDeque<>();
    long advanced = 0;
    long recorded = 0;
    int n = r.start(steps, snapshotBytes, stepBytes, fixed);
    int leaf = r.leaf();
    int state = 0; // the leaf the state stands at
    for (int q = 0, legs = r.legs(n - 1); q < legs; q++) {
      tape.push(state);
      int m = r.target(q);
      assertTrue(m > state, "advance forward");
      advanced += (long) (m - state) * leaf;
      state = m;
    }
    assertEquals(n - 1, state, "the forward sweep ends at the last leaf");
    recorded += steps - (long) (n - 1) * leaf;
    assertEquals(n, r.resume(steps, snapshotBytes, stepBytes, fixed));
    for (int y = n - 2; y >= 0; y--) {
      int p = r.restore(y);
      state = tape.pop();
      assertEquals(p, state, "the snapshot restored is the one the schedule names");
      if (p < y) {
        tape.push(state);
      }
      for (int q = 0, legs = r.legs(y); q < legs; q++) {
        if (q > 0) {
          tape.push(state);
        }
        int m = r.target(q);
        assertTrue(m > state && m <= y, "advance toward leaf " + y);
        advanced += (long) (m - state) * leaf;
        state = m;
      }
      assertEquals(y, state, "the state stands at the leaf to reverse");
      recorded += leaf;
    }
    assertTrue(tape.isEmpty(), "every snapshot taken is used up: " + tape);
    return new Drive(advanced, r.peakSnapshots(), recorded);
  }

  @Test
  void oneStepLeaves_advanceExactlyTheBinomialMinimum_withinTheSnapshots() {
    for (int c = 1; c <= 7; c++) {
      for (int steps = 1; steps <= 90; steps++) {
        Revolve r = new Revolve();
        r.resetCounters();
        Drive d = drive(r, steps, 72, 280, c);
        long want = formula(steps, Math.min(c, Math.max(1, steps - 1)));
        assertEquals(want, d.advancedSteps(), "T = " + steps + ", c = " + c);
        assertEquals(want, r.advancedSteps(), "the schedule's own count, T = " + steps + ", c = " + c);
        assertTrue(d.peakSnapshots() <= c, "T = " + steps + ", c = " + c + ": " + d.peakSnapshots() + " snapshots held");
        assertEquals(steps, d.recordedSteps(), "every step recorded once");
      }
    }
  }

  @Test
  void largeLoop_advancesTheMinimum() {
    for (int[] tc : new int[][] {{219_000, 2_290}, {219_000, 170}, {10_000, 3}, {5_000, 1}}) {
      Revolve r = new Revolve();
      Drive d = drive(r, tc[0], 72, 280, tc[1]);
      assertEquals(formula(tc[0], tc[1]), d.advancedSteps(), "T = " + tc[0] + ", c = " + tc[1]);
      assertTrue(d.peakSnapshots() <= tc[1]);
    }
  }

  @Test
  void budgetPlan_fitsTheBudget_andAdvancesLeastOverEveryLeafLength() {
    double snap = 72;
    double step = 280;
    int steps = 700;
    for (long budget : new long[] {400, 2_000, 5_000, 12_500, 30_000, 100_000, 195_000}) {
      Revolve r = new Revolve();
      r.budget(budget);
      Drive d = drive(r, steps, snap, step, 0);
      RevolvePlan plan = r.plan();
      assertTrue(plan.bytes(snap, step) <= budget, budget + ": plan " + plan);
      assertTrue(d.peakSnapshots() * snap + plan.leaf() * step <= budget, "held within " + budget);
      assertEquals(steps, d.recordedSteps());
      assertEquals(plan.advances(), d.advancedSteps(), "the plan's count is what the drive advanced");
      long best = Long.MAX_VALUE;
      for (int leaf = 1; leaf <= steps && leaf * step <= budget; leaf++) {
        int leaves = (steps + leaf - 1) / leaf;
        long slots = Math.min(leaves - 1, (long) ((budget - leaf * step) / snap));
        if (leaves == 1) {
          best = 0;
        } else if (slots >= 1) {
          best = Math.min(best, leaf * formula(leaves, slots));
        }
      }
      assertEquals(best, d.advancedSteps(), "budget " + budget + ": " + plan);
    }
  }

  @Test
  void severalLoops_shareTheBudgetInProportionToTheirPlainTapes() {
    // two loops of one model: their forward sweeps both keep snapshots and a leaf until the reverse
    // sweep reaches them, so their plans together must fit the budget
    Revolve r = new Revolve();
    long budget = 50_000;
    r.budget(budget);
    double[][] loops = {{20_000, 72, 280}, {5_000, 40, 100}};
    double total = 0;
    for (double[] l : loops) {
      total += l[0] * l[2];
    }
    r.modelTapeBytes(total);
    double held = 0;
    for (double[] l : loops) {
      r.start(l[0], l[1], l[2], 0);
      RevolvePlan plan = r.plan();
      double share = budget * l[0] * l[2] / total;
      assertTrue(plan.bytes(l[1], l[2]) <= share, plan + " within its share " + share);
      held += plan.bytes(l[1], l[2]);
    }
    assertTrue(held <= budget, held + " bytes held by both loops");
  }

  @Test
  void budgetTooSmallForAnySchedule_reRunsNoStepMoreThanThreeTimes() {
    Revolve r = new Revolve();
    r.budget(0);
    Drive d = drive(r, 2_000, 72, 280, 0);
    assertEquals(1, r.plan().leaf());
    assertTrue(d.advancedSteps() <= 3 * 2_000, d.advancedSteps() + " steps re-run");
  }

  @Test
  void budgetAboveThePlainTape_recordsTheLoopWhole() {
    Revolve r = new Revolve();
    r.budget(1 << 20);
    Drive d = drive(r, 1_000, 72, 280, 0);
    assertEquals(1, r.plan().leaves());
    assertEquals(0, d.advancedSteps());
  }
}
