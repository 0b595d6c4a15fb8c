package org.phloem.runtime.check;

/**
 * One slot of the gradient check.
 *
 * @param name the slot's name
 * @param value the parameter value where the check ran
 * @param step the finite-difference step used
 * @param adjoint ∂J/∂p from the adjoint
 * @param finiteDifference the central difference, Richardson-extrapolated from steps h and h/2
 * @param relativeError |adjoint − fd| / max(|adjoint|, |fd|, noise), noise the finite difference's rounding level
 * @param flagged whether the row is a failure: the error exceeds the tolerance and is not explained by a kink
 * @param nonSmooth what one-sided differences found where the central ones disagreed ({@link NonSmooth#NONE} when
 *     they agreed, or when nothing but a wrong derivative explains the disagreement)
 */
public record GradientRow(String name, double value, double step, double adjoint, double finiteDifference, double relativeError,
    boolean flagged, NonSmooth nonSmooth) {

  /** A row where the central differences settled the question. */
  public GradientRow(String name, double value, double step, double adjoint, double finiteDifference, double relativeError,
      boolean flagged) {
    this(name, value, step, adjoint, finiteDifference, relativeError, flagged, NonSmooth.NONE);
  }
}
