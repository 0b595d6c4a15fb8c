package org.phloem.runtime;

/**
 * How one checkpointed loop is reversed: its steps are cut into {@code leaves} leaves of {@code leaf}
 * steps (the last one shorter when the steps do not divide), each leaf is recorded whole and reversed
 * at once, and binomial checkpointing ({@link Binomial}) over the leaves keeps at most {@code
 * snapshots} snapshots of the loop's carried state. The steps re-run without recording are {@code
 * advances} = leaf · t(leaves, snapshots): no advance crosses the last leaf, so it is exact.
 *
 * <p>Leaves of one step are Griewank's revolve; longer leaves spend tape on fewer re-runs (a bundle of
 * steps per tape sweep, as Checkpointing.jl's {@code bundle}). With a memory budget B, a snapshot of
 * σ bytes and a step recording τ bytes, {@link #forBudget} takes the leaf length L whose schedule
 * advances least with c = ⌊(B − L·τ)/σ⌋ snapshots, so that c·σ + L·τ ≤ B.
 *
 * @param steps the loop's steps
 * @param leaf steps per leaf
 * @param leaves ⌈steps / leaf⌉
 * @param snapshots snapshot slots (the loop start's included), at most leaves − 1 (0 for one leaf)
 * @param advances steps re-run without recording, by the binomial formula
 */
public record RevolvePlan(int steps, int leaf, int leaves, int snapshots, long advances) {

  /** At most this many re-runs of a step when no schedule fits the budget (then the budget is exceeded). */
  static final int FALLBACK_REPETITIONS = 3;

  /** Pure revolve: leaves of one step, {@code snapshots} slots (fewer when the loop is shorter). */
  public static RevolvePlan fixed(int steps, int snapshots) {
    if (snapshots < 1) {
      throw new IllegalArgumentException("revolve needs at least one snapshot, got " + snapshots);
    }
    return of(steps, 1, snapshots);
  }

  /**
   * The plan that advances least within {@code budget} bytes of snapshots and leaf tape (ties: the one
   * using less memory). When even one-step leaves with one snapshot do not fit, the budget cannot be
   * kept: one-step leaves with the fewest snapshots that re-run no step more than {@value
   * #FALLBACK_REPETITIONS} times.
   */
  public static RevolvePlan forBudget(int steps, double snapshotBytes, double stepBytes, long budget) {
    double step = Math.max(stepBytes, 1);
    double snapshot = Math.max(snapshotBytes, 0);
    RevolvePlan best = null;
    double bestBytes = 0;
    // every leaf length up to 1,000, then about 0.1 % apart: the cost changes slowly with the length
    for (long leaf = 1; leaf <= steps && leaf * step <= budget; leaf += Math.max(1, leaf / 1000)) {
      int leaves = (int) ((steps + leaf - 1) / leaf);
      double room = budget - leaf * step;
      long slots = leaves == 1 ? 0 : snapshot == 0 ? leaves - 1 : (long) Math.min(leaves - 1, Math.floor(room / snapshot));
      if (leaves > 1 && slots < 1) {
        continue;
      }
      RevolvePlan p = of(steps, (int) leaf, (int) slots);
      double bytes = p.bytes(snapshotBytes, stepBytes);
      if (best == null || p.advances < best.advances || p.advances == best.advances && bytes < bestBytes) {
        best = p;
        bestBytes = bytes;
      }
    }
    if (best != null) {
      return best;
    }
    int slots = 1;
    while (slots < steps - 1 && Binomial.repetitions(steps, slots) > FALLBACK_REPETITIONS) {
      slots++;
    }
    return of(steps, 1, slots);
  }

  private static RevolvePlan of(int steps, int leaf, int snapshots) {
    int leaves = (int) (((long) steps + leaf - 1) / leaf);
    int slots = leaves <= 1 ? 0 : Math.min(snapshots, leaves - 1);
    long advances = leaves <= 1 ? 0 : leaf * Binomial.minimalAdvances(leaves, slots);
    return new RevolvePlan(steps, leaf, leaves, slots, advances);
  }

  /** The most bytes the schedule holds: its snapshots and one leaf's tape. */
  public double bytes(double snapshotBytes, double stepBytes) {
    return snapshots * snapshotBytes + (double) leaf * stepBytes;
  }
}
