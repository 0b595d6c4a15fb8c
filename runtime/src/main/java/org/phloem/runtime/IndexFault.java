package org.phloem.runtime;

/**
 * An array index left its range while a generated model ran. The generated code checks only what the JVM
 * cannot: an index of a multi-dim array that the compiler could not prove inside its own dim (see
 * {@code Kernels.checkIndex}); everything else is the JVM's array bounds check. Either throw is turned into this, with the model
 * and the parameters it ran at, so that the command line can re-run the model in a checking interpreter
 * and name the file, line, variable, index and dim (the model's mistake), or report a bug in Phloem when
 * the interpreter finds no index out of range.
 */
public final class IndexFault extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient GeneratedModel model;
  private final double[] parameters;

  IndexFault(GeneratedModel model, double[] parameters, IndexOutOfBoundsException cause) {
    super("an array index went out of range in model '" + model.info().name() + "': " + cause.getMessage(), cause);
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
