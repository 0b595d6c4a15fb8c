package org.phloem.runtime;

/**
 * The binomial checkpointing schedule (revolve) that a generated checkpointed gradient follows for a
 * long loop; one per {@link Tape}. The generated code holds the state and the snapshots (on the tape,
 * last in first out); this class only says where to go, keeping the positions of the snapshots.
 *
 * <p>The loop is cut into leaves ({@link RevolvePlan}); positions are leaf numbers. The generated code
 * does, for a loop of {@code T} steps ({@code n} leaves):
 * <pre>
 * forward sweep:  n = start(T, σ, τ, fixed); L = leaf()
 *                 for q in 0 until legs(n−1): push snapshot; advance to leaf target(q)
 *                 record leaf n−1                                   (revolve's "firsturn")
 * reverse sweep:  n = resume(T, σ, τ, fixed); L = leaf(); reverse leaf n−1
 *                 for y = n−2 down to 0:
 *                   p = restore(y); pop snapshot; if p &lt; y: push it again (it is needed again)
 *                   for q in 0 until legs(y): if q > 0: push snapshot; advance to leaf target(q)
 *                   record leaf y; reverse leaf y                    (revolve's "youturn")
 * </pre>
 * A leg starts with a new snapshot unless it starts at the snapshot just restored. {@code resume}
 * rebuilds the positions the forward sweep left, so several checkpointed loops can run their forward
 * sweeps before any reverse sweep. Arguments are doubles (the generated code computes byte counts as
 * reals); positions are exact integers.
 */
public final class Revolve {
  private long budget = TapeBudget.fromSystemProperty();
  private double modelTapeBytes;
  private RevolvePlan plan;
  private double planSnapshotBytes;
  private double planStepBytes;
  private long planBudget;
  private int planFixed;

  private int[] stack = new int[16];
  private int held;
  private int[] targets = new int[16];
  private int current;

  private long advancedSteps;
  private long plannedSteps;
  private int peakHeld;

  /** Sets the memory budget (bytes) that {@link RevolvePlan#forBudget} plans within. */
  public void budget(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("a tape budget must not be negative: " + bytes);
    }
    budget = bytes;
  }

  /** The memory budget in bytes. */
  public long budget() {
    return budget;
  }

  /**
   * The bytes the plain gradient would record in all the model's checkpointed loops (the model's
   * {@code plainTapeBytes()}; 0: unknown). Each loop then plans within its share of the budget, in
   * proportion to its own plain tape, since the loops' forward sweeps all keep their snapshots until
   * the reverse sweep reaches them: together they stay within the budget.
   */
  public void modelTapeBytes(double bytes) {
    modelTapeBytes = bytes;
  }

  /** The budget of a loop recording {@code loopBytes} plainly: its share of the model's budget. */
  private long loopBudget(double loopBytes) {
    if (modelTapeBytes <= 0 || loopBytes >= modelTapeBytes) {
      return budget;
    }
    return (long) (budget * (loopBytes / modelTapeBytes));
  }

  /**
   * Plans a loop of {@code steps} steps whose snapshot takes {@code snapshotBytes} and whose step
   * records {@code stepBytes} (within the budget, or with {@code fixedSnapshots} one-step leaves when
   * that is positive) and puts the state at leaf 0, with no snapshot. Returns the number of leaves.
   */
  public int start(double steps, double snapshotBytes, double stepBytes, double fixedSnapshots) {
    int n = begin(steps, snapshotBytes, stepBytes, fixedSnapshots);
    plannedSteps += plan.advances();
    return n;
  }

  private int begin(double steps, double snapshotBytes, double stepBytes, double fixedSnapshots) {
    int t = (int) steps;
    int fixed = (int) fixedSnapshots;
    long loopBudget = loopBudget(steps * stepBytes);
    if (plan == null || plan.steps() != t || planSnapshotBytes != snapshotBytes || planStepBytes != stepBytes
        || planBudget != loopBudget || planFixed != fixed) {
      plan = fixed > 0 ? RevolvePlan.fixed(t, fixed) : RevolvePlan.forBudget(t, snapshotBytes, stepBytes, loopBudget);
      planSnapshotBytes = snapshotBytes;
      planStepBytes = stepBytes;
      planBudget = loopBudget;
      planFixed = fixed;
      stack = new int[Math.max(16, plan.snapshots())];
    }
    held = 0;
    current = 0;
    return plan.leaves();
  }

  /** As {@link #start}, then the bookkeeping of the forward sweep's legs (nothing is counted as advanced). */
  public int resume(double steps, double snapshotBytes, double stepBytes, double fixedSnapshots) {
    int n = begin(steps, snapshotBytes, stepBytes, fixedSnapshots);
    long advanced = advancedSteps;
    legs(n - 1);
    advancedSteps = advanced;
    return n;
  }

  /** Steps per leaf of the loop planned last. */
  public int leaf() {
    return plan.leaf();
  }

  /**
   * The leaf whose snapshot holds the state to go on from, to reverse leaf {@code y} next; the
   * snapshot is given up when it is leaf y's own (the generated code then does not push it again).
   */
  public int restore(double y) {
    if (held == 0) {
      throw new IllegalStateException("revolve: no snapshot left to restore leaf " + (int) y + " from");
    }
    int p = stack[held - 1];
    if (p == (int) y) {
      held--;
    }
    current = p;
    return p;
  }

  /**
   * Plans the legs from the current leaf to leaf {@code y}: each advances to the next snapshot's leaf,
   * the last to y. Returns their number; {@link #target} gives where each ends.
   */
  public int legs(double y) {
    int end = (int) y;
    int legs = 0;
    int pos = current;
    while (pos < end) {
      if (held == 0 || stack[held - 1] != pos) {
        if (held == plan.snapshots()) {
          throw new IllegalStateException("revolve: a snapshot beyond the " + held + " planned");
        }
        stack[held++] = pos;
        peakHeld = Math.max(peakHeld, held);
      }
      long a = Binomial.firstAdvance(end + 1 - pos, plan.snapshots() - held + 1);
      pos += (int) a;
      advancedSteps += a * plan.leaf();
      if (legs == targets.length) {
        targets = java.util.Arrays.copyOf(targets, 2 * legs);
      }
      targets[legs++] = pos;
    }
    current = end;
    return legs;
  }

  /** Where leg {@code q} of the legs planned last ends (a leaf number). */
  public int target(double q) {
    return targets[(int) q];
  }

  /** The plan of the loop started last (null before any). */
  public RevolvePlan plan() {
    return plan;
  }

  /** Steps advanced (re-run without recording) since {@link #resetCounters}, over every loop. */
  public long advancedSteps() {
    return advancedSteps;
  }

  /** Steps the plans of the loops started since {@link #resetCounters} re-run, by the binomial formula. */
  public long plannedSteps() {
    return plannedSteps;
  }

  /** The most snapshots held at once since {@link #resetCounters}. */
  public int peakSnapshots() {
    return peakHeld;
  }

  /** Zeroes the counters (to measure one gradient). */
  public void resetCounters() {
    advancedSteps = 0;
    plannedSteps = 0;
    peakHeld = held;
  }
}
