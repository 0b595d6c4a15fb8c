package org.phloem.runtime.sample;

import java.io.Serializable;
import java.util.List;

/**
 * Everything a chain needs to go on exactly where it stopped: the position, the random stream, the
 * adaptation's state and the draws kept so far. Saved by a {@link ChainCheckpoint} and read back by
 * {@link ChainStateFile}; a resumed chain gives the same draws, bit for bit, as one never stopped.
 *
 * @param chain the chain's number
 * @param iteration iterations completed (warm-up and sampling)
 * @param rng the random stream's state ({@link Rng#save()})
 * @param stepSize the current step size
 * @param inverseMetric the current inverse metric, flat (n numbers diagonal, n² dense)
 * @param x the current position
 * @param dualAveraging the step-size adaptation's state ({@link DualAveraging#save()})
 * @param schedule the warm-up schedule's state ({@link WarmupSchedule#save()})
 * @param warmupLeapfrogs leapfrog steps spent in warm-up so far
 * @param kept the kept draws so far
 */
public record ChainState(int chain, int iteration, String rng, double stepSize, double[] inverseMetric, double[] x,
                         double[] dualAveraging, double[] schedule, long warmupLeapfrogs, List<KeptDraw> kept) implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * One kept draw with its diagnostics.
   *
   * @param x the position (search space)
   * @param logDensity log π(x)
   * @param acceptStat acceptance statistic of the transition
   * @param treeDepth tree depth
   * @param leapfrogs leapfrog steps
   * @param divergent whether the transition diverged
   * @param energy the Hamiltonian at the draw
   */
  public record KeptDraw(double[] x, double logDensity, double acceptStat, int treeDepth, int leapfrogs, boolean divergent,
                         double energy) implements Serializable {
    private static final long serialVersionUID = 1L;
  }
}
