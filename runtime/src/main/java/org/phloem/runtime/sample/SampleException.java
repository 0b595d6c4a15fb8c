package org.phloem.runtime.sample;

/** Sampling cannot go on, for a reason that lies in the model or the options (the message says which). */
public final class SampleException extends RuntimeException {
  /** A failure described for the user. */
  public SampleException(String message) {
    super(message);
  }
}
