package org.phloem.runtime.check;

import java.util.function.DoubleFunction;

/**
 * Tells a finite difference that straddles a kink from a wrong derivative. Once a check row disagrees,
 * the function is differenced again on each side alone, at steps halving from the check's first step
 * down to 2⁻¹² of it, each one-sided difference Richardson-extrapolated (2·D(h/2) − D(h), error O(h²)):
 * <ul>
 *   <li>{@link Finding#KINK}: at the smallest steps one side (or both) agrees with the derivative
 *       checked, and somewhere along the way the two sides disagree: the slope changes within the
 *       stencil (min, max, abs, an if-then-else between expressions that meet). The derivative code
 *       follows the branch it is on; the central difference averaged two branches.</li>
 *   <li>{@link Finding#JUMP}: one side agrees with the derivative while the other grows like 1/h: the
 *       function itself jumps at the point (an if-then-else between values that do not meet).</li>
 *   <li>{@link Finding#NONE}: neither side agrees, at any small step: the derivative is wrong (or the
 *       function is too noisy to difference).</li>
 * </ul>
 * A wrong derivative is still caught: on a smooth stretch both sides agree with each other and with the
 * true derivative, so they disagree with a wrong one at every step.
 */
final class Kinks {
  /** What the one-sided differences say. */
  enum Finding { NONE, KINK, JUMP }

  private static final double EPS = Math.ulp(1.0);
  private static final int HALVINGS = 12;
  /** One-sided estimates agree with each other or with the derivative within this (relative). */
  private static final double AGREE = 1e-4;

  private Kinks() {}

  /**
   * Examines {@code f} near t = 0 against {@code checked} (its derivative as the code computes it),
   * element by element where {@code examine} is set, or as one vector (distances by norm) when
   * {@code asVector}.
   *
   * @param h0 the first (largest) step; f must be defined on [−h0, h0]
   */
  static Finding examine(DoubleFunction<double[]> f, double[] checked, boolean[] examine, double h0, boolean asVector) {
    double[] f0 = f.apply(0);
    int n = f0.length;
    double[][] forward = new double[HALVINGS + 1][];
    double[][] backward = new double[HALVINGS + 1][];
    double[] steps = new double[HALVINGS + 1];
    double h = h0;
    for (int k = 0; k <= HALVINGS; k++, h /= 2) {
      steps[k] = h;
      double[] up = f.apply(h);
      double[] down = f.apply(-h);
      forward[k] = new double[n];
      backward[k] = new double[n];
      for (int e = 0; e < n; e++) {
        forward[k][e] = (up[e] - f0[e]) / h;
        backward[k][e] = (f0[e] - down[e]) / h;
      }
    }
    if (asVector) {
      return examineOne(forward, backward, steps, checked, f0, examine);
    }
    Finding worst = Finding.KINK;
    boolean any = false;
    for (int e = 0; e < n; e++) {
      if (examine[e]) {
        boolean[] only = new boolean[n];
        only[e] = true;
        Finding one = examineOne(forward, backward, steps, checked, f0, only);
        any = true;
        if (one == Finding.NONE) {
          return Finding.NONE;
        }
        if (one == Finding.JUMP) {
          worst = Finding.JUMP;
        }
      }
    }
    return any ? worst : Finding.NONE;
  }

  /** The finding for the elements selected by {@code mask}, taken together as one vector. */
  private static Finding examineOne(double[][] forward, double[][] backward, double[] steps, double[] checked, double[] f0,
      boolean[] mask) {
    int last = HALVINGS - 1;
    boolean sidesDiffer = false;
    boolean forwardAgrees = false;
    boolean backwardAgrees = false;
    for (int k = 0; k <= last; k++) {
      double[] fwd = extrapolated(forward, k);
      double[] bwd = extrapolated(backward, k);
      double noise = 100 * EPS * norm(f0, mask) / steps[k + 1];
      if (!agree(fwd, bwd, mask, noise)) {
        sidesDiffer = true;
      }
      if (k >= last - 1) { // the two smallest steps: the branch the point itself is on
        forwardAgrees |= agree(fwd, checked, mask, noise);
        backwardAgrees |= agree(bwd, checked, mask, noise);
      }
    }
    if (!forwardAgrees && !backwardAgrees) {
      return Finding.NONE;
    }
    if (forwardAgrees != backwardAgrees && diverges(forwardAgrees ? backward : forward, mask)) {
      return Finding.JUMP;
    }
    return sidesDiffer ? Finding.KINK : Finding.NONE;
  }

  /** Richardson's extrapolation of the one-sided differences at steps k and k+1. */
  private static double[] extrapolated(double[][] d, int k) {
    double[] out = new double[d[k].length];
    for (int e = 0; e < out.length; e++) {
      out[e] = 2 * d[k + 1][e] - d[k][e];
    }
    return out;
  }

  /** A one-sided difference that doubles with every halving of the step: the function jumps. */
  private static boolean diverges(double[][] d, boolean[] mask) {
    double a = norm(d[HALVINGS - 2], mask);
    double b = norm(d[HALVINGS - 1], mask);
    double c = norm(d[HALVINGS], mask);
    return b > 1.8 * a && c > 1.8 * b;
  }

  private static boolean agree(double[] a, double[] b, boolean[] mask, double noise) {
    double diff = 0;
    for (int e = 0; e < a.length; e++) {
      if (mask[e]) {
        diff += (a[e] - b[e]) * (a[e] - b[e]);
      }
    }
    diff = Math.sqrt(diff);
    return diff <= AGREE * Math.max(Math.max(norm(a, mask), norm(b, mask)), noise);
  }

  private static double norm(double[] a, boolean[] mask) {
    double s = 0;
    for (int e = 0; e < a.length; e++) {
      if (mask[e] && Double.isFinite(a[e])) {
        s += a[e] * a[e];
      }
    }
    return Math.sqrt(s);
  }
}
