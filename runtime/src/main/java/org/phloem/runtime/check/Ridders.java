package org.phloem.runtime.check;

import java.util.function.DoubleFunction;

/**
 * Derivatives by Ridders' extrapolation of central differences: differences at a shrinking sequence of
 * steps (from a large first step, dividing by 1.4) are extrapolated to step zero in a Neville tableau,
 * keeping the estimate whose error estimate is smallest. Unlike a single central difference it needs no
 * good step: it finds the range where truncation and rounding errors are both small, and says how far
 * its answer can be trusted. (C. J. F. Ridders 1982, Adv. Eng. Software 4:75.) Vector-valued: every
 * element gets its own estimate and error.
 */
final class Ridders {
  private static final int TABLE = 10;
  private static final double SHRINK = 1.4;
  private static final double SHRINK2 = SHRINK * SHRINK;
  private static final double SAFE = 2.0;

  /** Estimates with their error estimates. */
  record Result(double[] derivative, double[] error) {}

  private Ridders() {}

  /**
   * The derivative at t = 0 of every element of {@code f(t)}, starting from step {@code h} (f must be
   * defined on [−h, h]).
   */
  static Result derivative(DoubleFunction<double[]> f, double h) {
    // the tableau a[j][i] is kept as two columns (i − 1 and i), and an element whose extrapolation has
    // stopped improving is left alone from then on: with 10⁵ outputs most elements stop after a few rows,
    // and a full tableau would be 55 arrays of them
    double[][] previous = new double[TABLE][];
    double[][] current = new double[TABLE][];
    int n = -1;
    double[] best = null;
    double[] err = null;
    int[] active = null;
    int activeCount = 0;
    double step = h;
    for (int i = 0; i < TABLE; i++) {
      if (i > 0) {
        step /= SHRINK;
      }
      double[] up = f.apply(step);
      double[] down = f.apply(-step);
      if (n < 0) {
        n = up.length;
        best = new double[n];
        err = new double[n];
        active = new int[n];
        for (int e = 0; e < n; e++) {
          active[e] = e;
        }
        activeCount = n;
        java.util.Arrays.fill(err, Double.POSITIVE_INFINITY);
        for (int j = 0; j < TABLE; j++) {
          previous[j] = new double[n];
          current[j] = new double[n];
        }
      }
      double[] c0 = current[0];
      for (int k = 0; k < activeCount; k++) {
        int e = active[k];
        c0[e] = (up[e] - down[e]) / (2 * step);
      }
      if (i == 0) {
        System.arraycopy(c0, 0, best, 0, n);
      } else {
        double fac = SHRINK2;
        for (int j = 1; j <= i; j++) {
          double[] cj = current[j];
          double[] cj1 = current[j - 1];
          double[] pj1 = previous[j - 1];
          for (int k = 0; k < activeCount; k++) {
            int e = active[k];
            cj[e] = (cj1[e] * fac - pj1[e]) / (fac - 1);
            double errt = Math.max(Math.abs(cj[e] - cj1[e]), Math.abs(cj[e] - pj1[e]));
            if (errt <= err[e]) {
              err[e] = errt;
              best[e] = cj[e];
            }
          }
          fac *= SHRINK2;
        }
        // once higher orders make things worse, rounding has taken over: stop refining that element
        int kept = 0;
        for (int k = 0; k < activeCount; k++) {
          int e = active[k];
          if (Math.abs(current[i][e] - previous[i - 1][e]) < SAFE * err[e]) {
            active[kept++] = e;
          }
        }
        activeCount = kept;
        if (activeCount == 0) {
          break;
        }
      }
      double[][] swap = previous;
      previous = current;
      current = swap;
    }
    for (int e = 0; e < n; e++) {
      if (!Double.isFinite(err[e])) {
        err[e] = Math.abs(best[e]);
      }
    }
    return new Result(best, err);
  }
}
