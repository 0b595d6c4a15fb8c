package org.phloem.runtime;

import java.util.Arrays;

/**
 * The adjoint's record of what the forward sweep overwrote and which way it branched: two primitive
 * stacks ({@code double} and {@code int}), grown by doubling, never boxed. Generated adjoint code pushes
 * in the forward sweep and pops in the reverse sweep, so a balanced run leaves both empty.
 */
public final class Tape {
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
      reals = Arrays.copyOf(reals, reals.length * 2);
    }
    reals[realTop++] = value;
    realPeak = Math.max(realPeak, realTop);
  }

  /** Takes back the real value recorded last. */
  public double popD() {
    return reals[--realTop];
  }

  /** Records an integer (a branch taken, a loop bound). */
  public void pushI(int value) {
    if (intTop == ints.length) {
      ints = Arrays.copyOf(ints, ints.length * 2);
    }
    ints[intTop++] = value;
    intPeak = Math.max(intPeak, intTop);
  }

  /** Takes back the integer recorded last. */
  public int popI() {
    return ints[--intTop];
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
