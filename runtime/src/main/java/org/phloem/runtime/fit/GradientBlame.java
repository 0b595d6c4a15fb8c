package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The sentence that says where the verdict's gradient condition (a) fails: the free slots with the
 * largest scaled gradient, and, for each of them that sits on a bound (within the verdict's bound
 * tolerance) while the gradient pulls it inside, that the cost falls inside it. The general advice of
 * {@link FitStatus#STALLED} suspects the gradient or a kink; a slot left on its bound against its pull
 * (a minimizer that holds slots on bounds and did not let it go) is a different cause with another remedy.
 */
final class GradientBlame {
  private GradientBlame() {}

  /** The most slots named. */
  static final int NAMED = 3;

  /**
   * The sentence for the free slots {@code free} of x, with scaled gradients {@code gs} (∂J/∂q times the
   * scale), above {@code tol.gradient()}; "" when none is.
   */
  static String sentence(SearchSpace space, double[] x, double[] gs, List<Integer> free, ConvergenceTolerances tol) {
    List<Integer> order = new ArrayList<>();
    for (int i : free) {
      if (Math.abs(gs[i]) >= tol.gradient()) {
        order.add(i);
      }
    }
    if (order.isEmpty()) {
      return "";
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -Math.abs(gs[i])));
    StringBuilder sb = new StringBuilder("the gradient condition (a) fails most at ");
    List<String> held = new ArrayList<>();
    for (int k = 0; k < order.size() && k < NAMED; k++) {
      int i = order.get(k);
      String name = space.names().get(i);
      sb.append(k == 0 ? "" : ", ").append(name).append(String.format(Locale.ROOT, " (scaled gradient %.3g", gs[i]));
      String side = onBoundPulledIn(space, i, x[i], gs[i], tol.bound());
      if (side != null) {
        sb.append(": ").append(name).append(" sits on its ").append(side).append(" bound but the cost falls inside it");
        held.add(name);
      }
      sb.append(')');
    }
    if (order.size() > NAMED) {
      sb.append(" and ").append(order.size() - NAMED).append(" more");
    }
    if (!held.isEmpty()) {
      sb.append("; the minimizer did not move ").append(held.size() == 1 ? "it" : "them").append(" back inside, which a fit "
          + "from parameters.csv (--start FILE --method newton) does");
    }
    return sb.toString();
  }

  /** "lower" or "upper" when slot i is within {@code within} scale units of that bound with gs pulling it inside; else null. */
  private static String onBoundPulledIn(SearchSpace space, int i, double x, double gs, double within) {
    SlotTransform t = space.slot(i);
    double q = BoundProximity.q(space, i, x);
    double s = BoundProximity.scale(space, i, q);
    if (q - t.lowerQ() <= within * s && gs < 0) {
      return "lower";
    }
    if (t.upperQ() - q <= within * s && gs > 0) {
      return "upper";
    }
    return null;
  }
}
