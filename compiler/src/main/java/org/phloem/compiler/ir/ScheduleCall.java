package org.phloem.compiler.ir;

/**
 * The questions a checkpointed loop asks the runtime's binomial schedule ({@code
 * org.phloem.runtime.Revolve}, one method each, every argument a double, the answer an int).
 */
public enum ScheduleCall {
  /** Plans the loop (steps, snapshot bytes, step bytes, fixed snapshots or 0); answers its leaves. */
  START("start", 4),
  /** As START, and rebuilds the forward sweep's snapshot positions, for the reverse sweep. */
  RESUME("resume", 4),
  /** Steps per leaf. */
  LEAF("leaf", 0),
  /** The leaf to restore from, to reverse leaf y next. */
  RESTORE("restore", 1),
  /** How many legs lead from the current leaf to leaf y. */
  LEGS("legs", 1),
  /** Where leg q ends. */
  TARGET("target", 1);

  private final String method;
  private final int arity;

  ScheduleCall(String method, int arity) {
    this.method = method;
    this.arity = arity;
  }

  /** The runtime method's name. */
  public String method() {
    return method;
  }

  /** How many arguments it takes. */
  public int arity() {
    return arity;
  }

  /** Its JVM descriptor: doubles in, an int out. */
  public String descriptor() {
    return "(" + "D".repeat(arity) + ")I";
  }
}
