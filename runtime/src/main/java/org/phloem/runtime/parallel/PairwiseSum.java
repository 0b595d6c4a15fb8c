package org.phloem.runtime.parallel;

/**
 * Sums in one fixed order, whatever ran the terms: the pairwise (cascade) tree over the term index,
 * ((t0 + t1) + (t2 + t3)) + ..., split at the midpoint. The result depends only on the terms, never on
 * how many threads computed them, so it is reproducible bit for bit; pairwise summation also keeps the
 * rounding error at O(log n) ulps instead of the O(n) of a running sum.
 */
public final class PairwiseSum {

  private PairwiseSum() {}

  /** The pairwise sum of {@code terms}. */
  public static double of(double[] terms) {
    return terms.length == 0 ? 0.0 : sum(terms, 0, terms.length);
  }

  private static double sum(double[] t, int from, int to) {
    int n = to - from;
    if (n == 1) {
      return t[from];
    }
    int mid = from + n / 2;
    return sum(t, from, mid) + sum(t, mid, to);
  }

  /** Writes into {@code out[k]} the pairwise sum over {@code i} of {@code parts[i][k]}, for every slot k. */
  public static void into(double[][] parts, double[] out) {
    if (parts.length == 0) {
      java.util.Arrays.fill(out, 0.0);
      return;
    }
    double[] column = new double[parts.length];
    for (int k = 0; k < out.length; k++) {
      for (int i = 0; i < parts.length; i++) {
        column[i] = parts[i][k];
      }
      out[k] = of(column);
    }
  }
}
