package org.phloem.runtime;

/**
 * A mistake of the model or its data found while the model ran (an observation uncertainty that is not
 * positive, for instance): the message names the statement and the element; the command line prints it
 * as a problem of the model (exit 1), not as a bug in Phloem.
 */
public class ModelFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelFault(String message) {
    super(message);
  }
}
