package org.phloem.runtime.fit;

/**
 * The smooth bijection between one parameter slot p and its search coordinate x, as in CCDAS: the
 * search runs on a variable of unit scale so that one step in x is one prior sd (or one typical
 * magnitude), and bounded slots can never leave their bounds.
 *
 * <p>The transform works in two stages. First x maps to q, the variable the prior is stated on:
 * <ul>
 *   <li>unbounded: q = c + s·x (affine; for a prior, c = prior mean and s = prior sd, so x = (q − q0)/σ);
 *   <li>lower bound only: q = lo + (c − lo)·exp(b·x), b = s/(c − lo);
 *   <li>upper bound only: q = hi − (hi − c)·exp(−b·x), b = s/(hi − c);
 *   <li>both bounds: q = lo + (hi − lo)·sigmoid(u0 + b·x), u0 and b chosen so that x = 0 gives c and
 *       dq/dx there equals s.
 * </ul>
 * Then p = q for ordinary slots and p = exp(q) for {@code log} slots (whose q is ln p). In every case
 * dq/dx = s at x = 0, so the search sees the same local scale whatever the shape. q is clamped to the
 * open interval (lo, hi) so that rounding at extreme x cannot put p exactly on a bound.
 */
public final class SlotTransform {

  private enum Shape { AFFINE, LOWER, UPPER, INTERVAL }

  private final boolean log;
  private final Shape shape;
  private final double lo;
  private final double hi;
  private final double centre;
  private final double scale;
  private final double rate;
  private final double u0;

  private SlotTransform(boolean log, double lo, double hi, double centre, double scale) {
    this.log = log;
    this.lo = lo;
    this.hi = hi;
    this.centre = centre;
    boolean hasLo = lo > Double.NEGATIVE_INFINITY;
    boolean hasHi = hi < Double.POSITIVE_INFINITY;
    if (hasLo && hasHi) {
      shape = Shape.INTERVAL;
      double w = hi - lo;
      // A step of one x unit should not cross more than a quarter of the interval at the centre.
      this.scale = Math.min(scale, w / 4);
      double s0 = (centre - lo) / w;
      u0 = Math.log(s0 / (1 - s0));
      rate = this.scale / (w * s0 * (1 - s0));
    } else if (hasLo) {
      shape = Shape.LOWER;
      this.scale = scale;
      u0 = 0;
      rate = scale / (centre - lo);
    } else if (hasHi) {
      shape = Shape.UPPER;
      this.scale = scale;
      u0 = 0;
      rate = scale / (hi - centre);
    } else {
      shape = Shape.AFFINE;
      this.scale = scale;
      u0 = 0;
      rate = 0;
    }
  }

  /**
   * The transform of one slot.
   *
   * @param log whether the slot is searched (and has its prior) on ln p
   * @param lower the lower bound on p (-Infinity for none)
   * @param upper the upper bound on p (+Infinity for none)
   * @param centre the value of p at x = 0 (prior mean, or start value for a flat prior); strictly
   *     inside the bounds, and positive for a log slot
   * @param scale dq/dx at x = 0: the prior sd of q, or a typical magnitude for a flat prior; positive
   */
  public static SlotTransform of(boolean log, double lower, double upper, double centre, double scale) {
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
    }
    double qlo = log ? (lower > 0 ? Math.log(lower) : Double.NEGATIVE_INFINITY) : lower;
    double qhi = log ? Math.log(upper) : upper;
    double qc = log ? Math.log(centre) : centre;
    if (!(qc > qlo && qc < qhi) || Double.isNaN(qc)) {
      throw new IllegalArgumentException("centre " + centre + " is not strictly inside (" + lower + ", " + upper + ")"
          + (log ? " and positive" : ""));
    }
    return new SlotTransform(log, qlo, qhi, qc, scale);
  }

  /** True for a slot searched on ln p. */
  public boolean isLog() {
    return log;
  }

  /** The lower bound of q (ln of the lower bound for a log slot; -Infinity for none). */
  public double lowerQ() {
    return lo;
  }

  /** The upper bound of q (+Infinity for none). */
  public double upperQ() {
    return hi;
  }

  /** x(q), the inverse of {@link #q}; ±Infinity for q on a bound. */
  public double searchOfQ(double q) {
    return search(log ? Math.exp(q) : q);
  }

  /** dq/dx at x = 0 (after the interval cap). */
  public double scale() {
    return scale;
  }

  /**
   * q(x) and its first two derivatives: {@code out[0] = q, out[1] = dq/dx, out[2] = d²q/dx²}.
   */
  public void q(double x, double[] out) {
    double q;
    double d1;
    double d2;
    switch (shape) {
      case AFFINE -> {
        q = centre + scale * x;
        d1 = scale;
        d2 = 0;
      }
      case LOWER -> {
        double e = (centre - lo) * Math.exp(rate * x);
        q = lo + e;
        d1 = rate * e;
        d2 = rate * rate * e;
      }
      case UPPER -> {
        double e = (hi - centre) * Math.exp(-rate * x);
        q = hi - e;
        d1 = rate * e;
        d2 = -rate * rate * e;
      }
      default -> {
        double u = u0 + rate * x;
        // sigmoid and 1 − sigmoid each from its own stable formula, so neither cancels near a bound
        double s = u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
        double t = u >= 0 ? Math.exp(-u) / (1 + Math.exp(-u)) : 1 / (1 + Math.exp(u));
        double w = hi - lo;
        q = s <= 0.5 ? lo + w * s : hi - w * t;
        d1 = w * s * t * rate;
        d2 = w * s * t * (t - s) * rate * rate;
      }
    }
    if (shape != Shape.AFFINE) {
      q = Math.min(Math.max(q, Math.nextUp(lo)), Math.nextDown(hi));
    }
    out[0] = q;
    out[1] = d1;
    out[2] = d2;
  }

  /**
   * p(x) and its first two derivatives: {@code out[0] = p, out[1] = dp/dx, out[2] = d²p/dx²}.
   */
  public void p(double x, double[] out) {
    q(x, out);
    if (log) {
      double p = Math.exp(out[0]);
      double d1 = out[1];
      double d2 = out[2];
      out[0] = p;
      out[1] = p * d1;
      out[2] = p * (d1 * d1 + d2);
    }
  }

  /** p(x). */
  public double physical(double x) {
    double[] out = new double[3];
    p(x, out);
    return out[0];
  }

  /** x(p), the inverse; ±Infinity for p on a bound, NaN outside. */
  public double search(double p) {
    double q = log ? Math.log(p) : p;
    return switch (shape) {
      case AFFINE -> (q - centre) / scale;
      case LOWER -> Math.log((q - lo) / (centre - lo)) / rate;
      case UPPER -> -Math.log((hi - q) / (hi - centre)) / rate;
      default -> {
        // ln(σ/(1−σ)) with σ = (q−lo)/(hi−lo), written with both distances so neither cancels
        double u = Math.log((q - lo) / (hi - q));
        yield (u - u0) / rate;
      }
    };
  }
}
