package org.phloem.runtime.report;

import java.util.List;
import java.util.Locale;
import org.phloem.runtime.posterior.Direction;
import org.phloem.runtime.posterior.Posterior;

/**
 * The eigen-directions of the prior-preconditioned Hessian S·H·S for the summary: which parameter
 * combinations the data constrain (large eigenvalues) and which they leave to the priors or leave
 * undetermined (small ones). S holds the prior sds, or |p̂| for flat-prior parameters.
 */
final class EigenDirections {
  /** Up to this many directions are all listed; beyond, the strongest and the weakest. */
  static final int ALL_UP_TO = 20;
  static final int STRONGEST = 5;
  static final int WEAKEST = 10;

  private EigenDirections() {}

  /** The section, one line per direction (ending in a newline); "" when there are none. */
  static String format(Posterior post) {
    List<Direction> all = post.constrained();
    if (all.isEmpty()) {
      return "";
    }
    boolean anyPrior = false;
    for (double s : post.priorSd()) {
      anyPrior |= Double.isFinite(s);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("Eigen-directions of the prior-preconditioned Hessian S*H*S (S = prior sd; |value| for flat-prior parameters), ")
        .append("largest eigenvalue first, with the parameters that make each up (components of 0.3 or more):\n");
    sb.append(anyPrior
        ? "  with a prior, eigenvalue 1 means the data add nothing along that direction, 100 that they shrink its sd tenfold.\n"
        : "  a small eigenvalue is a combination the data determine poorly; its sd grows as 1/sqrt(eigenvalue).\n");
    int n = all.size();
    for (int k = 0; k < n; k++) {
      if (n > ALL_UP_TO && k == STRONGEST) {
        sb.append(String.format(Locale.ROOT, "  ... %d directions not shown ...%n", n - STRONGEST - WEAKEST));
        k = n - WEAKEST;
      }
      sb.append(String.format(Locale.ROOT, "  %3d  %s%n", k + 1, all.get(k).describe()));
    }
    return sb.toString();
  }
}
