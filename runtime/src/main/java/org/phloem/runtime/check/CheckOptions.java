package org.phloem.runtime.check;

/**
 * Settings of {@link ModelCheck}.
 *
 * @param gradientTolerance relative error above which a gradient entry (adjoint vs finite difference) is flagged
 * @param tangentTolerance relative error above which tangent vs adjoint (both exact) is flagged
 * @param hessianTolerance relative error above which a Hessian-vector product vs finite differences is flagged
 * @param directions how many random directions for the tangent and Hessian-vector checks
 * @param seed the seed of those directions
 * @param outputTolerance relative error above which an output tangent (vs finite differences) is flagged
 */
public record CheckOptions(double gradientTolerance, double tangentTolerance, double hessianTolerance, int directions, long seed,
    double outputTolerance) {

  /** Output tangents held to the gradient tolerance. */
  public CheckOptions(double gradientTolerance, double tangentTolerance, double hessianTolerance, int directions, long seed) {
    this(gradientTolerance, tangentTolerance, hessianTolerance, directions, seed, gradientTolerance);
  }

  /** These options with output tangents held to {@code tolerance}. */
  public CheckOptions withOutputTolerance(double tolerance) {
    return new CheckOptions(gradientTolerance, tangentTolerance, hessianTolerance, directions, seed, tolerance);
  }

  /** Gradient 1e-6, tangent 1e-10, Hessian-vector 1e-5, three directions, seed 20240611. */
  public static CheckOptions defaults() {
    return new CheckOptions(1e-6, 1e-10, 1e-5, 3, 20240611L);
  }
}
