package org.phloem.runtime;

/**
 * A Phloem model compiled to bytecode and bound to its data: the contract between generated code and
 * everything that runs it (the fit, the checks, the command line).
 *
 * <p>Parameters are passed in physical units, flat, in the order of {@link ModelInfo#params()}
 * (an indexed parameter occupies {@code size} consecutive slots, row-major). The cost returned here is
 * the <em>observation</em> part of the seed's equation (1), ½ Σ ((y(p) − y0)/σ)² over every non-missing
 * observation; the prior term and the search-space transforms belong to the runtime's {@code fit}
 * package, which reads the priors from {@link ModelInfo}.
 *
 * <p>An instance holds its own workspace and is not thread-safe; {@link #copy()} gives an independent
 * instance over the same (read-only) data for another thread.
 */
public interface CompiledModel {

  /** Names, shapes, priors, bounds and units of parameters, outputs and observations. */
  ModelInfo info();

  /** Runs the forward model at {@code p}; returns the observation cost. Outputs are then readable. */
  double cost(double[] p);

  /**
   * Runs the forward model and the reverse-mode adjoint at {@code p}: fills {@code g} (length
   * {@code info().parameterCount()}, overwritten) with ∂J/∂p and returns J.
   */
  double gradient(double[] p, double[] g);

  /**
   * Runs the tangent-linear model at {@code p} in direction {@code dp}; returns the directional
   * derivative ∂J/∂p · dp. Afterwards {@link #outputTangent(int)} holds ∂y/∂p · dp for every output and
   * {@link #lastCost()} the cost at {@code p}.
   */
  double tangent(double[] p, double[] dp);

  /**
   * Hessian-vector product (forward over reverse): fills {@code hv} with ∇²J(p) · v and returns J(p).
   */
  double hessianVector(double[] p, double[] v, double[] hv);

  /** The cost computed by the most recent evaluation of any kind. */
  double lastCost();

  /**
   * Values of output {@code k} (index into {@link ModelInfo#outputs()}) from the most recent evaluation,
   * flat, row-major. The array belongs to the model and is overwritten by the next evaluation.
   */
  double[] output(int k);

  /** Tangents of output {@code k} from the most recent {@link #tangent} call (same layout as output). */
  double[] outputTangent(int k);

  /** An independent instance over the same data, for use on another thread. */
  CompiledModel copy();
}
