package org.phloem.runtime.fit;

/**
 * Where a slot is relative to its bounds, measured in its scale: the one definition of "on a bound"
 * that the trust-region phase (which holds such slots there) and the {@link Verdict} (which leaves them
 * out of the conditions and the posterior) share.
 *
 * <p>The scale of slot i is that of q (p, or ln p for a log slot): its prior sd, or with a flat prior
 * 1 on a log scale and otherwise |q|, for a bounded slot at least a thousandth of its range (or of its
 * start's size when one side is open), so that a parameter heading for a bound at 0 does not shrink its
 * own scale; 1 when all of these are 0.
 */
final class BoundProximity {
  private BoundProximity() {}

  /** The scale of slot i at q. */
  static double scale(SearchSpace space, int i, double q) {
    if (space.hasPrior(i)) {
      return space.priorSdQ(i);
    }
    SlotTransform t = space.slot(i);
    if (t.isLog()) {
      return 1;
    }
    double width = t.upperQ() - t.lowerQ();
    boolean bounded = t.lowerQ() > Double.NEGATIVE_INFINITY || t.upperQ() < Double.POSITIVE_INFINITY;
    double s = Math.abs(q);
    if (bounded) {
      s = Math.max(s, 1e-3 * (Double.isFinite(width) ? width : t.scale()));
    }
    return s > 0 ? s : 1;
  }

  /** q of slot i at search coordinate x. */
  static double q(SearchSpace space, int i, double x) {
    double[] out = new double[3];
    space.slot(i).q(x, out);
    return out[0];
  }

  /**
   * The bound slot i is on: within {@code within} scale units of it, with {@code gq} (∂J/∂q, or any
   * positive multiple such as ∂J/∂x) not pulling it inside by more than {@code pull}; NONE otherwise.
   *
   * @param pull the inward pull (in the same units as gq) still counted as "on the bound"; 0 for strict
   */
  static Bound at(SearchSpace space, int i, double x, double gq, double within, double pull) {
    SlotTransform t = space.slot(i);
    double q = q(space, i, x);
    double s = scale(space, i, q);
    if (q - t.lowerQ() <= within * s && gq >= -pull) {
      return Bound.LOWER;
    }
    if (t.upperQ() - q <= within * s && gq <= pull) {
      return Bound.UPPER;
    }
    return Bound.NONE;
  }

  /** The search coordinate of slot i at {@code distance} scale units inside its bound {@code b} (x if that cannot be represented). */
  static double inside(SearchSpace space, int i, Bound b, double x, double distance) {
    SlotTransform t = space.slot(i);
    double s = scale(space, i, q(space, i, x));
    double target = b == Bound.LOWER ? t.lowerQ() + distance * s : t.upperQ() - distance * s;
    double xt = t.searchOfQ(target);
    return Double.isFinite(xt) ? xt : x;
  }
}
