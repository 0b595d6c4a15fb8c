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
    double[][] first = new double[TABLE][];
    int n = -1;
    double[][][] a = new double[TABLE][TABLE][];
    double[] best = null;
    double[] err = null;
    boolean[] done = null;
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
        done = new boolean[n];
        java.util.Arrays.fill(err, Double.POSITIVE_INFINITY);
      }
      a[0][i] = new double[n];
      for (int e = 0; e < n; e++) {
        a[0][i][e] = (up[e] - down[e]) / (2 * step);
      }
      if (i == 0) {
        System.arraycopy(a[0][0], 0, best, 0, n);
        continue;
      }
      double fac = SHRINK2;
      for (int j = 1; j <= i; j++) {
        a[j][i] = new double[n];
        for (int e = 0; e < n; e++) {
          a[j][i][e] = (a[j - 1][i][e] * fac - a[j - 1][i - 1][e]) / (fac - 1);
          double errt = Math.max(Math.abs(a[j][i][e] - a[j - 1][i][e]), Math.abs(a[j][i][e] - a[j - 1][i - 1][e]));
          if (!done[e] && errt <= err[e]) {
            err[e] = errt;
            best[e] = a[j][i][e];
          }
        }
        fac *= SHRINK2;
      }
      boolean allDone = true;
      for (int e = 0; e < n; e++) {
        // Once higher orders make things worse, rounding has taken over: stop refining this element.
        if (Math.abs(a[i][i][e] - a[i - 1][i - 1][e]) >= SAFE * err[e]) {
          done[e] = true;
        }
        allDone &= done[e];
      }
      if (allDone) {
        break;
      }
    }
    for (int e = 0; e < n; e++) {
      if (!Double.isFinite(err[e])) {
        err[e] = Math.abs(best[e]);
      }
    }
    return new Result(best, err);
  }
}
