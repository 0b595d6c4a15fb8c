package org.phloem.runtime.engine;

/** An engine that cannot be found or started, or that lost its work: the message says why, for the user. */
public final class EngineException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
