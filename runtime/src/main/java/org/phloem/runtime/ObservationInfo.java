package org.phloem.runtime;

/**
 * One {@code observe} statement: where its modelled, observed and sd arrays sit among the outputs.
 * The three arrays share a shape (the statement's index space); elements whose observation is missing
 * hold NaN in all three and add nothing to the cost.
 *
 * @param label a readable label, the observed expression as written (e.g. {@code nee[d]})
 * @param modelOutput index into {@link ModelInfo#outputs()} of the modelled values
 * @param valueOutput index of the observed values
 * @param sdOutput index of the observation sds
 * @param line the line of the statement in the model file
 * @param likelihood the distribution the statement states
 * @param nu the degrees of freedom of a {@link Likelihood#STUDENT_T} (NaN for the others)
 * @param sdFitted whether the sd depends on the parameters (its log is then part of the cost, and the
 *     cost is no longer a sum of squares)
 */
public record ObservationInfo(String label, int modelOutput, int valueOutput, int sdOutput, int line, Likelihood likelihood, double nu,
    boolean sdFitted) implements java.io.Serializable {

  /** A normal observation with a fixed sd. */
  public ObservationInfo(String label, int modelOutput, int valueOutput, int sdOutput, int line) {
    this(label, modelOutput, valueOutput, sdOutput, line, Likelihood.NORMAL, Double.NaN, false);
  }

  /**
   * True when the cost of this observation is ½ Σ residual² with residuals that do not depend on the
   * parameters through their sds: a normal or lognormal with a fixed sd. Levenberg–Marquardt and the
   * least-squares covariance need every observation to be one.
   */
  public boolean sumOfSquares() {
    return likelihood != Likelihood.STUDENT_T && !sdFitted;
  }

  /** This observation with {@code fitted} as its {@link #sdFitted}. */
  public ObservationInfo withSdFitted(boolean fitted) {
    return new ObservationInfo(label, modelOutput, valueOutput, sdOutput, line, likelihood, nu, fitted);
  }
}
