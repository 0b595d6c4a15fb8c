package org.phloem.compiler.driver;

import org.phloem.runtime.fit.FitStatus;

/**
 * The exit code of {@code phloem fit} for the verdict at its end: 0 only for {@link FitStatus#CONVERGED},
 * and for every other verdict a code of its own in 10–16, so that a script can tell a fit that stopped at
 * its iteration limit (resume it) from one at a saddle point (start elsewhere) without reading the output,
 * and neither from 1 (a mistake in the model, its data or the command's settings), 2 (bad usage) or 3 (a
 * bug in Phloem). The codes are part of the command line's contract (docs/commands.md): never renumber
 * one.
 */
final class FitExitCode {
  private FitExitCode() {}

  /** The verdict was CONVERGED: (a)–(c) hold. */
  static final int CONVERGED = 0;

  /** The exit code of a fit whose verdict is {@code status}. */
  static int of(FitStatus status) {
    return switch (status) {
      case CONVERGED -> CONVERGED;
      case STALLED -> 10;
      case MAX_ITERATIONS -> 11;
      case MAX_EVALUATIONS -> 12;
      case SADDLE_POINT -> 13;
      case UNDETERMINED -> 14;
      case NON_FINITE_COST -> 15;
      case NON_FINITE_GRADIENT -> 16;
      // a minimizer's own stop hands over to the next phase and never ends a fit (the verdict turns it into
      // one of the statuses above); should one ever be reported, it is a stop short of a verified minimum
      case GRADIENT_SMALL, COST_STALLED, STEP_SMALL, LINE_SEARCH_FAILED, NO_PROGRESS, CRAWLING -> 10;
    };
  }
}
