package org.phloem.runtime.sample;

import java.io.Serializable;

/**
 * The kept draws of one chain, in the search space x, with the sampler's per-draw diagnostics (as
 * Stan's {@code lp__, accept_stat__, treedepth__, n_leapfrog__, divergent__, energy__}).
 *
 * @param chain the chain's number (0-based)
 * @param x draws × variables, search space
 * @param logDensity log π(x) of each draw
 * @param acceptStat mean acceptance probability over the trajectory of each transition
 * @param treeDepth tree depth of each transition
 * @param leapfrogs leapfrog steps (gradient evaluations) of each transition
 * @param divergent whether each transition diverged
 * @param energy the Hamiltonian at each draw (for E-BFMI)
 * @param stepSize the adapted step size
 * @param inverseMetric the adapted inverse metric, flat: n variances (diagonal) or the n×n covariance row-major (dense)
 * @param warmupLeapfrogs leapfrog steps spent in warm-up
 * @param cpuSeconds CPU time of the chain's thread in this process (a resumed chain counts only its resumed part)
 */
public record ChainDraws(int chain, double[][] x, double[] logDensity, double[] acceptStat, int[] treeDepth, int[] leapfrogs,
                         boolean[] divergent, double[] energy, double stepSize, double[] inverseMetric, long warmupLeapfrogs,
                         double cpuSeconds) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Number of kept draws. */
  public int size() {
    return x.length;
  }

  /** Leapfrog steps in the kept draws. */
  public long samplingLeapfrogs() {
    long s = 0;
    for (int l : leapfrogs) {
      s += l;
    }
    return s;
  }
}
