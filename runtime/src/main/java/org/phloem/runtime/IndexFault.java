package org.phloem.runtime;

/**
 * An array index left its range, or the integer arithmetic computing one failed, while a generated model
 * ran. The generated code checks only what the JVM cannot: an index of a multi-dim array that the
 * compiler could not prove inside its own dim (see {@code Kernels.checkIndex}), and index arithmetic
 * that could leave int ({@code Math.addExact}, {@code multiplyExact}, {@code subtractExact}, which throw
 * an {@link ArithmeticException} where int arithmetic would silently wrap around); everything else is
 * the JVM's array bounds check (and its remainder by zero). Each throw is turned into this, with the
 * model and the parameters it ran at, so that the command line can re-run the model in a checking
 * interpreter and name the file, line, variable, index and dim, or the expression that overflowed (the
 * model's mistake), or report a bug in Phloem when the interpreter finds nothing wrong.
 */
public final class IndexFault extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient GeneratedModel model;
  private final double[] parameters;

  IndexFault(GeneratedModel model, double[] parameters, RuntimeException cause) {
    super((cause instanceof ArithmeticException ? "index arithmetic failed in model '" : "an array index went out of range in model '")
        + model.info().name() + "': " + cause.getMessage(), cause);
    this.model = model;
    this.parameters = parameters.clone();
  }

  /** The model instance that was running. */
  public GeneratedModel model() {
    return model;
  }

  /** The parameter vector it ran at (physical units). */
  public double[] parameters() {
    return parameters.clone();
  }
}
