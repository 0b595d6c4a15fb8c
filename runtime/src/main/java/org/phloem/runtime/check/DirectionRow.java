package org.phloem.runtime.check;

/**
 * One random direction v of the tangent or Hessian-vector check.
 *
 * @param check which check: "tangent·adjoint", "outputs", or "hessian·v"
 * @param direction the direction's number (1-based)
 * @param expected the reference (adjoint gᵀv; finite differences of outputs or gradient, as a norm)
 * @param actual the value checked (tangent ∂J·v; output tangents or H·v, as a norm)
 * @param relativeError the relative error (for vectors: of the worst element, or of the difference norm)
 * @param flagged whether the error exceeds the tolerance
 */
public record DirectionRow(String check, int direction, double expected, double actual, double relativeError, boolean flagged) {}
