package org.phloem.runtime.fit;

/** Where a parameter ended relative to its bounds: free, or held on its lower or upper bound. */
public enum Bound {
  /** Inside its bounds (or on a bound with the gradient pulling it inside): a free parameter. */
  NONE(""),
  /** On its lower bound, with the cost decreasing beyond it. */
  LOWER("lower"),
  /** On its upper bound, with the cost decreasing beyond it. */
  UPPER("upper");

  private final String label;

  Bound(String label) {
    this.label = label;
  }

  /** "lower", "upper" or "" (as in the {@code bound} column of parameters.csv). */
  public String label() {
    return label;
  }

  /** True for LOWER and UPPER. */
  public boolean isActive() {
    return this != NONE;
  }
}
