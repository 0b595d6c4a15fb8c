package org.phloem.runtime.fit;

import java.util.List;

/**
 * What one minimizer returns.
 *
 * @param x the final point in the search space
 * @param cost the cost there
 * @param gradientNorm the Euclidean norm of the gradient there
 * @param status why it stopped
 * @param iterations iterations taken
 * @param evaluations cost evaluations used
 * @param log one record per iteration, starting with iteration 0
 */
public record MinimizerResult(double[] x, double cost, double gradientNorm, FitStatus status, int iterations, int evaluations,
    List<IterationRecord> log) {
  public MinimizerResult {
    x = x.clone();
    log = List.copyOf(log);
  }
}
