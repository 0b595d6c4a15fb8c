package org.phloem.runtime.sample;

import java.util.Arrays;
import org.apache.commons.math3.special.Erf;

/**
 * Convergence diagnostics of Vehtari, Gelman, Simpson, Carpenter &amp; Bürkner (2021), "Rank-normalization,
 * folding, and localization: an improved R̂ for assessing convergence of MCMC", as the posterior R
 * package and Stan compute them: rank-normalized split R̂ (the larger of the bulk and the folded
 * version), bulk ESS (on rank-normalized split chains), tail ESS (the smaller of the ESS of the
 * indicators of the 5 % and 95 % quantiles), with Geyer's initial monotone sequence; and E-BFMI
 * (Betancourt 2016). Inputs are {@code draws[chain][draw]} of one variable.
 */
public final class Diagnostics {
  private Diagnostics() {}

  /** Rank-normalized split R̂: max of bulk R̂ and R̂ of the draws folded about their median. */
  public static double rhat(double[][] draws) {
    double[][] split = split(draws);
    double bulk = basicRhat(zScale(split));
    double median = quantile(flatten(draws), 0.5);
    double[][] folded = new double[split.length][];
    for (int c = 0; c < split.length; c++) {
      folded[c] = new double[split[c].length];
      for (int i = 0; i < split[c].length; i++) {
        folded[c][i] = Math.abs(split[c][i] - median);
      }
    }
    double tail = basicRhat(zScale(folded));
    return Double.isNaN(bulk) || Double.isNaN(tail) ? Double.NaN : Math.max(bulk, tail);
  }

  /** Bulk effective sample size: ESS of the rank-normalized split chains. */
  public static double essBulk(double[][] draws) {
    return ess(zScale(split(draws)));
  }

  /** Tail effective sample size: the smaller ESS of the indicators of the 5 % and 95 % quantiles. */
  public static double essTail(double[][] draws) {
    double[] all = flatten(draws);
    return Math.min(essOfIndicator(draws, quantile(all, 0.05)), essOfIndicator(draws, quantile(all, 0.95)));
  }

  private static double essOfIndicator(double[][] draws, double q) {
    double[][] ind = new double[draws.length][];
    for (int c = 0; c < draws.length; c++) {
      ind[c] = new double[draws[c].length];
      for (int i = 0; i < draws[c].length; i++) {
        ind[c][i] = draws[c][i] <= q ? 1 : 0;
      }
    }
    return ess(split(ind));
  }

  /** E-BFMI of one chain's energies: Σ(Eₙ − Eₙ₋₁)² / Σ(Eₙ − Ē)². Below 0.3 the momentum resampling explores poorly. */
  public static double eBfmi(double[] energy) {
    if (energy.length < 2) {
      return Double.NaN;
    }
    double mean = 0;
    for (double e : energy) {
      mean += e;
    }
    mean /= energy.length;
    double num = 0;
    double den = 0;
    for (int i = 0; i < energy.length; i++) {
      if (i > 0) {
        double d = energy[i] - energy[i - 1];
        num += d * d;
      }
      double d = energy[i] - mean;
      den += d * d;
    }
    return num / den;
  }

  /** The sample quantile of type 7 (R's default): linear interpolation between order statistics. */
  public static double quantile(double[] values, double p) {
    double[] s = values.clone();
    Arrays.sort(s);
    return sortedQuantile(s, p);
  }

  /** {@link #quantile} of values already sorted. */
  public static double sortedQuantile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Each chain cut into its first and second half (the middle draw of an odd-length chain dropped). */
  static double[][] split(double[][] draws) {
    int n = draws[0].length;
    if (n < 2) {
      return draws;
    }
    int half = n / 2;
    double[][] out = new double[2 * draws.length][];
    for (int c = 0; c < draws.length; c++) {
      out[2 * c] = Arrays.copyOfRange(draws[c], 0, half);
      out[2 * c + 1] = Arrays.copyOfRange(draws[c], n - half, n);
    }
    return out;
  }

  static double[] flatten(double[][] draws) {
    int total = 0;
    for (double[] d : draws) {
      total += d.length;
    }
    double[] all = new double[total];
    int k = 0;
    for (double[] d : draws) {
      System.arraycopy(d, 0, all, k, d.length);
      k += d.length;
    }
    return all;
  }

  /** Rank normalization: ranks over all draws (ties averaged), then Φ⁻¹((r − 3/8)/(S + 1/4)). */
  static double[][] zScale(double[][] draws) {
    double[] all = flatten(draws);
    int s = all.length;
    Integer[] order = new Integer[s];
    for (int i = 0; i < s; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
    double[] rank = new double[s];
    for (int i = 0; i < s; ) {
      int j = i;
      while (j + 1 < s && all[order[j + 1]] == all[order[i]]) {
        j++;
      }
      double average = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        rank[order[k]] = average;
      }
      i = j + 1;
    }
    double[][] z = new double[draws.length][];
    int k = 0;
    for (int c = 0; c < draws.length; c++) {
      z[c] = new double[draws[c].length];
      for (int i = 0; i < draws[c].length; i++) {
        z[c][i] = normalQuantile((rank[k++] - 0.375) / (s + 0.25));
      }
    }
    return z;
  }

  private static double normalQuantile(double p) {
    return Math.sqrt(2) * Erf.erfInv(2 * p - 1);
  }

  /** R̂ of chains as they are (Gelman et al. BDA3, eq. 11.4, with the within-chain variance W). */
  static double basicRhat(double[][] chains) {
    int m = chains.length;
    int n = chains[0].length;
    if (m < 2 || n < 2) {
      return Double.NaN;
    }
    double[] means = new double[m];
    double w = 0;
    for (int c = 0; c < m; c++) {
      means[c] = mean(chains[c]);
      w += variance(chains[c], means[c]);
    }
    w /= m;
    double b = n * variance(means, mean(means));
    if (w == 0) {
      return Double.NaN;
    }
    double varPlus = (n - 1.0) / n * w + b / n;
    return Math.sqrt(varPlus / w);
  }

  /**
   * Effective sample size of chains (Geyer's initial monotone sequence on the combined autocorrelation
   * estimate; the posterior package's {@code ess_rfun}). NaN when the draws do not vary.
   */
  static double ess(double[][] chains) {
    int m = chains.length;
    int n = chains[0].length;
    if (n < 4) {
      return Double.NaN;
    }
    double[] means = new double[m];
    double[] acov0 = new double[m];
    for (int c = 0; c < m; c++) {
      means[c] = mean(chains[c]);
      acov0[c] = autocovariance(chains[c], means[c], 0);
    }
    double meanVar = mean(acov0) * n / (n - 1.0);
    double varPlus = meanVar * (n - 1.0) / n;
    if (m > 1) {
      varPlus += variance(means, mean(means));
    }
    if (!(varPlus > 0)) {
      return Double.NaN;
    }
    double[] rho = new double[n];
    rho[0] = 1;
    double even = 1;
    double odd = 1 - (meanVar - meanAutocovariance(chains, means, 1)) / varPlus;
    rho[1] = odd;
    int t = 0;
    while (t < n - 5 && !Double.isNaN(even + odd) && even + odd > 0) {
      t += 2;
      even = 1 - (meanVar - meanAutocovariance(chains, means, t)) / varPlus;
      odd = 1 - (meanVar - meanAutocovariance(chains, means, t + 1)) / varPlus;
      if (even + odd >= 0) {
        rho[t] = even;
        rho[t + 1] = odd;
      }
    }
    int maxT = t;
    if (even > 0) {
      rho[maxT] = even;
    }
    for (t = 2; t <= maxT - 2; t += 2) {
      if (rho[t] + rho[t + 1] > rho[t - 2] + rho[t - 1]) {
        rho[t] = (rho[t - 2] + rho[t - 1]) / 2;
        rho[t + 1] = rho[t];
      }
    }
    double sum = 0;
    for (int k = 0; k < maxT; k++) {
      sum += rho[k];
    }
    double s = (double) m * n;
    double tau = Math.max(-1 + 2 * sum + rho[maxT], 1 / Math.log10(s));
    return s / tau;
  }

  private static double meanAutocovariance(double[][] chains, double[] means, int lag) {
    double s = 0;
    for (int c = 0; c < chains.length; c++) {
      s += autocovariance(chains[c], means[c], lag);
    }
    return s / chains.length;
  }

  /** The biased (1/N) autocovariance at {@code lag}, as the FFT estimate gives it. */
  private static double autocovariance(double[] x, double mean, int lag) {
    double s = 0;
    for (int i = 0; i + lag < x.length; i++) {
      s += (x[i] - mean) * (x[i + lag] - mean);
    }
    return s / x.length;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double variance(double[] x, double mean) {
    double s = 0;
    for (double v : x) {
      s += (v - mean) * (v - mean);
    }
    return s / (x.length - 1);
  }
}
