package org.phloem.runtime.check;

/**
 * One random direction v of the tangent or Hessian-vector check.
 *
 * @param check which check: "tangent·adjoint", "outputs", or "hessian·v"
 * @param direction the direction's number (1-based)
 * @param expected the reference (adjoint gᵀv; finite differences of outputs or gradient, as a norm)
 * @param actual the value checked (tangent ∂J·v; output tangents or H·v, as a norm)
 * @param relativeError the relative error (for vectors: of the worst element, or of the difference norm)
 * @param flagged whether the row is a failure: the error exceeds the tolerance and is not explained by a kink
 * @param nonSmooth what one-sided differences found where the central ones disagreed
 */
public record DirectionRow(String check, int direction, double expected, double actual, double relativeError, boolean flagged,
    NonSmooth nonSmooth) {

  /** A row where the central differences (or the exact comparison) settled the question. */
  public DirectionRow(String check, int direction, double expected, double actual, double relativeError, boolean flagged) {
    this(check, direction, expected, actual, relativeError, flagged, NonSmooth.NONE);
  }
}
