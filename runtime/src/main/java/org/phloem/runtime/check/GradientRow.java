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
 * @param flagged whether the error exceeds the tolerance
 */
public record GradientRow(String name, double value, double step, double adjoint, double finiteDifference, double relativeError,
    boolean flagged) {}
