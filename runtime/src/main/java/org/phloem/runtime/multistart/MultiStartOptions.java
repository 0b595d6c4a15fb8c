package org.phloem.runtime.multistart;

import java.time.Duration;

/**
 * How {@link MultiStart} runs.
 *
 * @param starts how many starts in all, the default start included (at least 1)
 * @param seed the seed of the draws: the same seed gives the same starts and results
 * @param threads how many starts run at once (at least 1); results do not depend on it
 * @param costTolerance two converged ends are one optimum only if their costs differ by at most
 *     costTolerance·max(1, |J|)
 * @param distanceTolerance ... and no parameter differs by more than this in scaled units (see
 *     {@link OptimumClusters#distance})
 * @param heartbeat how often {@link StartProgress#stillRunning} is told about starts still running
 */
public record MultiStartOptions(int starts, long seed, int threads, double costTolerance, double distanceTolerance,
    Duration heartbeat) {

  /** Default cost tolerance: a millionth of the cost (and at least 1e-6 absolute). */
  public static final double COST_TOLERANCE = 1e-6;
  /** Default distance tolerance: a thousandth of a prior sd, or of the parameter's magnitude. */
  public static final double DISTANCE_TOLERANCE = 1e-3;

  public MultiStartOptions {
    if (starts < 1) {
      throw new IllegalArgumentException("at least one start, got " + starts);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("at least one thread, got " + threads);
    }
    if (!(costTolerance >= 0) || !(distanceTolerance >= 0)) {
      throw new IllegalArgumentException("tolerances must not be negative");
    }
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("heartbeat must be positive, got " + heartbeat);
    }
  }

  /** {@code starts} starts with {@code seed} on every core, default tolerances, a progress report every 30 s. */
  public static MultiStartOptions of(int starts, long seed) {
    return new MultiStartOptions(starts, seed, Runtime.getRuntime().availableProcessors(), COST_TOLERANCE, DISTANCE_TOLERANCE,
        Duration.ofSeconds(30));
  }

  /** A copy running {@code n} starts at once. */
  public MultiStartOptions withThreads(int n) {
    return new MultiStartOptions(starts, seed, n, costTolerance, distanceTolerance, heartbeat);
  }

  /** A copy reporting starts still running every {@code d}. */
  public MultiStartOptions withHeartbeat(Duration d) {
    return new MultiStartOptions(starts, seed, threads, costTolerance, distanceTolerance, d);
  }
}
