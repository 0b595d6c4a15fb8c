package org.phloem.runtime.twin;

/**
 * One parameter slot of a twin experiment.
 *
 * @param name the slot's name
 * @param truth the value the observations were made with
 * @param priorMean the prior mean (the fit's start)
 * @param priorSd the prior sd (+Infinity for a flat prior)
 * @param posterior the fitted value (posterior mode)
 * @param posteriorSd the posterior sd from the Hessian, in physical units
 * @param logScale whether the slot is searched and its prior is normal on ln p
 * @param error the posterior's distance from the truth in posterior sds, on the scale on which the
 *     posterior is Gaussian: |p̂ − t| / sd, or |ln p̂ − ln t| / (sd / p̂) for a log slot
 */
public record TwinRow(String name, double truth, double priorMean, double priorSd, double posterior, double posteriorSd,
    boolean logScale, double error) {

  /** The row for these values, with {@link #error} computed as documented. */
  public static TwinRow of(String name, double truth, double priorMean, double priorSd, double posterior, double posteriorSd,
      boolean logScale) {
    double error = logScale
        ? Math.abs(Math.log(posterior) - Math.log(truth)) / (posteriorSd / posterior)
        : Math.abs(posterior - truth) / posteriorSd;
    return new TwinRow(name, truth, priorMean, priorSd, posterior, posteriorSd, logScale, error);
  }

  /** Whether the truth lies within {@code k} posterior sds of the posterior. */
  public boolean within(double k) {
    return error <= k;
  }
}
