package org.phloem.runtime.report;

/**
 * Which of a fit report's long tables are written: at a hundred thousand observations outputs.csv and
 * residuals.csv are tens of megabytes, and a user who needs only the posterior can say so.
 */
public enum OutputSelection {
  /** Neither outputs.csv nor residuals.csv. */
  NONE,
  /** residuals.csv only: every observation with its modelled value and that value's posterior sd. */
  OBSERVED,
  /** outputs.csv (every element of every declared output, with its posterior sd) and residuals.csv. */
  ALL;

  /** Whether residuals.csv is written. */
  public boolean residuals() {
    return this != NONE;
  }

  /** Whether outputs.csv is written. */
  public boolean outputs() {
    return this == ALL;
  }
}
