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
  private long peakBytes;

  /** Records a real value. */
  public void pushD(double value) {
    if (realTop == reals.length) {
      reals = Arrays.copyOf(reals, reals.length * 2);
    }
    reals[realTop++] = value;
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
  }

  /** Takes back the integer recorded last. */
  public int popI() {
    return ints[--intTop];
  }

  /** Empties both stacks (at the start of every sweep, so a failed sweep leaves no residue). */
  public void reset() {
    peakBytes = Math.max(peakBytes, 8L * realTop + 4L * intTop);
    realTop = 0;
    intTop = 0;
  }

  /** Values currently recorded (reals, ints); zero after a balanced sweep. */
  public int depth() {
    return realTop + intTop;
  }

  /** The most bytes held on the tape by any sweep so far (measured at each reset). */
  public long peakBytes() {
    return Math.max(peakBytes, 8L * realTop + 4L * intTop);
  }
}
