package org.phloem.runtime;

import java.util.Arrays;

/**
 * The adjoint's record of what the forward sweep overwrote and which way it branched: two primitive
 * stacks ({@code double} and {@code int}), grown by doubling, never boxed. Generated adjoint code pushes
 * in the forward sweep and pops in the reverse sweep, so a balanced run leaves both empty.
 */
public final class Tape {
  /**
   * The most values either stack holds: the longest array every JVM allocates (a few below {@code
   * Integer.MAX_VALUE}). Growing past it throws {@link TapeLimitError}.
   */
  public static final int MAX_VALUES = Integer.MAX_VALUE - 8;

  private double[] reals = new double[1024];
  private int realTop;
  private int[] ints = new int[256];
  private int intTop;
  private int realPeak;
  private int intPeak;
  private final Revolve schedule = new Revolve();

  /** The checkpointing schedule the generated code follows for long loops (its snapshots live on this tape). */
  public Revolve schedule() {
    return schedule;
  }

  /** Records a real value. */
  public void pushD(double value) {
    if (realTop == reals.length) {
      reals = Arrays.copyOf(reals, grownLength(reals.length, realTop + 1L, "real"));
    }
    reals[realTop++] = value;
    realPeak = Math.max(realPeak, realTop);
  }

  /** Takes back the real value recorded last. */
  public double popD() {
    return reals[--realTop];
  }

  /**
   * Makes room for {@code count} more reals and returns the array they go in, for a loop that records a
   * fixed number of reals per iteration: the generated code stores them itself at {@link #realTop()}
   * onwards, in the order {@link #pushD} would have put them, then calls {@link #advanceReals}. One
   * call per loop instead of one per value (no field traffic per element, and HotSpot can unroll the
   * loop); the array is valid until the next call that records. The count is a long because the
   * generated code computes it as values per iteration times iterations, which int arithmetic could wrap
   * around to a small or negative number for a long loop.
   *
   * @throws TapeLimitError when the tape would hold more than {@link #MAX_VALUES} reals
   */
  public double[] reserveReals(long count) {
    if (count > reals.length - realTop) {
      reals = Arrays.copyOf(reals, grownLength(reals.length, realTop + count, "real"));
    }
    return reals;
  }

  /** The index the next recorded real goes to (the number of reals recorded now). */
  public int realTop() {
    return realTop;
  }

  /** Counts {@code count} reals stored directly into {@link #reserveReals}'s array as recorded. */
  public void advanceReals(int count) {
    realTop += count;
    realPeak = Math.max(realPeak, realTop);
  }

  /**
   * The array the recorded reals are in, for a loop that takes back a fixed number per iteration: the
   * generated code reads them itself below {@link #realTop()}, last recorded first, after calling
   * {@link #dropReals} for all of them.
   */
  public double[] recordedReals() {
    return reals;
  }

  /** Takes back the last {@code count} reals recorded (their values stay readable until the next record). */
  public void dropReals(int count) {
    realTop -= count;
  }

  /** Records an integer (a branch taken, a loop bound). */
  public void pushI(int value) {
    if (intTop == ints.length) {
      ints = Arrays.copyOf(ints, grownLength(ints.length, intTop + 1L, "integer"));
    }
    ints[intTop++] = value;
    intPeak = Math.max(intPeak, intTop);
  }

  /** Takes back the integer recorded last. */
  public int popI() {
    return ints[--intTop];
  }

  /**
   * The length a stack of {@code length} grows to so as to hold {@code needed} values: doubled, or
   * {@code needed} when more, at most {@link #MAX_VALUES} (doubling in int arithmetic would wrap around
   * to a negative length past 2^30).
   *
   * @throws TapeLimitError when {@code needed} is above {@link #MAX_VALUES}
   */
  static int grownLength(int length, long needed, String kind) {
    if (needed > MAX_VALUES) {
      throw new TapeLimitError(needed, kind);
    }
    return (int) Math.min(MAX_VALUES, Math.max(2L * length, needed));
  }

  /** Empties both stacks (at the start of every sweep, so a failed sweep leaves no residue). */
  public void reset() {
    realTop = 0;
    intTop = 0;
  }

  /** Values currently recorded (reals, ints); zero after a balanced sweep. */
  public int depth() {
    return realTop + intTop;
  }

  /**
   * The most bytes held on the tape at any moment so far (the high-water marks of both stacks, which a
   * balanced sweep leaves empty again, so they are tracked at every push).
   */
  public long peakBytes() {
    return 8L * realPeak + 4L * intPeak;
  }

  /** The bytes the two stacks occupy now (they grow by doubling and never shrink). */
  public long capacityBytes() {
    return 8L * reals.length + 4L * ints.length;
  }

  /** Forgets the high-water marks (to measure one sweep on its own). */
  public void resetPeak() {
    realPeak = realTop;
    intPeak = intTop;
  }
}
