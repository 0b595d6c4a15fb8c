package org.phloem.runtime.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.phloem.runtime.fit.SearchSpace;

/**
 * The chains of a finished run, in physical units, with the summary and diagnostics computed from them.
 *
 * @param names the parameter slots' names
 * @param chains the chains' draws (search space) and per-draw diagnostics
 * @param physical {@code physical[chain][draw][slot]}: the draws mapped to physical parameters
 * @param options the options the run used
 */
public record SampleRun(List<String> names, List<ChainDraws> chains, double[][][] physical, SampleOptions options) {

  /** The run of {@code chains} drawn on {@code space}. */
  public static SampleRun of(SearchSpace space, List<ChainDraws> chains, SampleOptions options) {
    double[][][] p = new double[chains.size()][][];
    for (int c = 0; c < chains.size(); c++) {
      double[][] x = chains.get(c).x();
      p[c] = new double[x.length][];
      for (int k = 0; k < x.length; k++) {
        p[c][k] = space.toPhysical(x[k]);
      }
    }
    return new SampleRun(space.names(), chains, p, options);
  }

  /** {@code draws[chain][draw]} of slot {@code slot}. */
  public double[][] slot(int slot) {
    double[][] out = new double[physical.length][];
    for (int c = 0; c < physical.length; c++) {
      out[c] = new double[physical[c].length];
      for (int k = 0; k < physical[c].length; k++) {
        out[c][k] = physical[c][k][slot];
      }
    }
    return out;
  }

  /** Mean, sd, quantiles, R̂ and ESS of every slot. */
  public List<SummaryRow> summary() {
    List<SummaryRow> rows = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      double[][] d = slot(i);
      double[] all = Diagnostics.flatten(d);
      double mean = Arrays.stream(all).average().orElse(Double.NaN);
      double ss = 0;
      for (double v : all) {
        ss += (v - mean) * (v - mean);
      }
      double[] sorted = all.clone();
      Arrays.sort(sorted);
      rows.add(new SummaryRow(names.get(i), mean, Math.sqrt(ss / (all.length - 1)), Diagnostics.sortedQuantile(sorted, 0.05),
          Diagnostics.sortedQuantile(sorted, 0.5), Diagnostics.sortedQuantile(sorted, 0.95), Diagnostics.rhat(d),
          Diagnostics.essBulk(d), Diagnostics.essTail(d)));
    }
    return rows;
  }

  /** The sampled correlation matrix of the slots (physical units). */
  public double[][] correlation() {
    int n = names.size();
    int m = 0;
    double[] mean = new double[n];
    for (double[][] chain : physical) {
      for (double[] p : chain) {
        m++;
        for (int i = 0; i < n; i++) {
          mean[i] += p[i];
        }
      }
    }
    for (int i = 0; i < n; i++) {
      mean[i] /= m;
    }
    double[][] cov = new double[n][n];
    for (double[][] chain : physical) {
      for (double[] p : chain) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j <= i; j++) {
            cov[i][j] += (p[i] - mean[i]) * (p[j] - mean[j]);
          }
        }
      }
    }
    double[][] r = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        r[i][j] = cov[i][j] / Math.sqrt(cov[i][i] * cov[j][j]);
        r[j][i] = r[i][j];
      }
    }
    return r;
  }

  /** Kept draws that diverged, over all chains. */
  public int divergences() {
    int d = 0;
    for (ChainDraws c : chains) {
      for (boolean b : c.divergent()) {
        d += b ? 1 : 0;
      }
    }
    return d;
  }

  /** Kept draws whose tree reached the depth limit, over all chains. */
  public int treeDepthSaturated() {
    int d = 0;
    for (ChainDraws c : chains) {
      for (int t : c.treeDepth()) {
        d += t >= options.maxTreeDepth() ? 1 : 0;
      }
    }
    return d;
  }

  /** CPU seconds of the chains' threads, summed (machine load does not change it, unlike wall time). */
  public double cpuSeconds() {
    double s = 0;
    for (ChainDraws c : chains) {
      s += c.cpuSeconds();
    }
    return s;
  }

  /** Gradient evaluations (leapfrog steps) of warm-up and sampling, over all chains. */
  public long gradientEvaluations() {
    long s = 0;
    for (ChainDraws c : chains) {
      s += c.warmupLeapfrogs() + c.samplingLeapfrogs();
    }
    return s;
  }
}
