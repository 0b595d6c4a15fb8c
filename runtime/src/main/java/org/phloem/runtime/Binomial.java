package org.phloem.runtime;

/**
 * The arithmetic of binomial checkpointing (Griewank 1992; Griewank and Walther 2000, "Algorithm 799:
 * revolve", ACM TOMS 26(1), 19-45). A loop of {@code l} steps is reversed from a snapshot of its start
 * and {@code s} snapshot slots in all (that one included); only a step's own reversal records it, every
 * other step is re-run ("advanced") from a snapshot.
 *
 * <ul>
 *   <li>β(s, r) = C(s + r, s) is the longest loop that s slots reverse with no step advanced more than r
 *       times;
 *   <li>the fewest advances for l steps are t(l, s) = r·l − β(s + 1, r − 1), with r the smallest integer
 *       with β(s, r) ≥ l (Griewank and Walther 2000, eq. (2) and Proposition 1);
 *   <li>an optimal first advance from the start is the "rule at the end of page 34" of the same paper:
 *       {@link #firstAdvance}.
 * </ul>
 *
 * No Java library implements this (revolve exists in C, C++, Fortran, Python and Julia); it is small.
 * All values here stay below about 2^62 because β is only grown until it reaches l &lt; 2^31.
 */
public final class Binomial {
  private Binomial() {}

  /** β(s, r) = C(s + r, s), or {@link Long#MAX_VALUE} when it passes 2^62. */
  public static long beta(long s, long r) {
    if (s < 0 || r < 0) {
      return 0;
    }
    long n = Math.max(s, r);
    long b = 1;
    for (long k = 1; k <= Math.min(s, r); k++) {
      if (b > (1L << 62) / (n + k)) {
        return Long.MAX_VALUE;
      }
      b = b * (n + k) / k; // exact: C(n+k−1, k−1)·(n+k)/k = C(n+k, k)
    }
    return b;
  }

  /** The smallest r with β(s, r) ≥ l (0 for a single step), for s ≥ 1. */
  public static long repetitions(long l, long s) {
    if (s < 1) {
      throw new IllegalArgumentException("binomial checkpointing needs at least one snapshot slot, got " + s);
    }
    if (l <= 1) {
      return 0;
    }
    if (s == 1) {
      return l - 1; // β(1, r) = r + 1
    }
    long r = 0;
    long range = 1; // β(s, r)
    while (range < l) {
      r++;
      range = range * (r + s) / r;
    }
    return r;
  }

  /** t(l, s): the fewest steps advanced to reverse l steps with s snapshot slots (the start's included). */
  public static long minimalAdvances(long l, long s) {
    if (l <= 1) {
      return 0;
    }
    long r = repetitions(l, s);
    if (s == 1) {
      return l * (l - 1) / 2;
    }
    return r * l - beta(s + 1, r - 1);
  }

  /**
   * How far to advance from the start of {@code l} ≥ 2 steps, with {@code s} ≥ 1 slots (the start's
   * included), before the next snapshot, so that the whole reversal takes t(l, s) advances. With r as in
   * {@link #repetitions}: advance β(s, r−2) when l ≤ β(s, r−1) + β(s−2, r−1); else β(s, r−1) when
   * l ≥ β(s, r) − β(s−3, r); else l − β(s−1, r−1) − β(s−2, r−1) (at least 1 step).
   */
  public static long firstAdvance(long l, long s) {
    if (l < 2) {
      throw new IllegalArgumentException("nothing to advance over in " + l + " step(s)");
    }
    if (s == 1) {
      return l - 1; // only the start is kept: go straight to the last step
    }
    long r = repetitions(l, s);
    long range = beta(s, r);
    // each from the one before by one exact multiplication and division, as in revolve
    long b1 = range * r / (s + r); // β(s, r−1)
    long b2 = b1 * s / (s + r - 1); // β(s−1, r−1)
    long b3 = s == 2 ? 1 : b2 * (s - 1) / (s + r - 2); // β(s−2, r−1)
    long b4 = b2 * (r - 1) / s; // β(s, r−2)
    long b5 = s < 3 ? 0 : s == 3 ? 1 : b3 * (s - 2) / r; // β(s−3, r)
    long a;
    if (l <= b1 + b3) {
      a = b4;
    } else if (l >= range - b5) {
      a = b1;
    } else {
      a = l - b2 - b3;
    }
    return Math.max(1, a);
  }
}
