package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.ModelInfo;

/**
 * The search space of a fit: one {@link SlotTransform} per parameter slot, and the prior term of the
 * seed's equation (1), ½ Σ ((q − q0)/σq)², over the slots that have a prior (q = p, or q = ln p with
 * q0 = ln p0 and σq = σ/p0 for {@code log} slots), evaluated either in x or in physical units.
 *
 * <p>Scaling, as in CCDAS: a slot with a prior is centred on its prior mean and scaled by its prior
 * sd (x = (p − p0)/σ when unbounded); a flat-prior slot is centred on its start value and scaled by
 * |start| (1 when the start is 0, and 1 on the ln p scale for a {@code log} slot).
 */
public final class SearchSpace {

  private final SlotTransform[] slots;
  private final double[] priorMeanQ;
  private final double[] priorSdQ;
  private final boolean[] log;
  private final List<String> names;
  private final double[] start;
  private final List<String> notes = new ArrayList<>();

  private SearchSpace(ModelInfo info, double[] requestedStart) {
    int n = info.parameterCount();
    names = info.slotNames();
    double[] mean = info.priorMeans();
    double[] sd = info.priorSds();
    double[] lo = info.lowerBounds();
    double[] hi = info.upperBounds();
    log = info.logScale();
    if (requestedStart != null && requestedStart.length != n) {
      throw new FitException("the start vector has " + requestedStart.length + " values for " + n + " parameter slots");
    }
    slots = new SlotTransform[n];
    priorMeanQ = new double[n];
    priorSdQ = new double[n];
    start = new double[n];
    for (int i = 0; i < n; i++) {
      String name = names.get(i);
      boolean prior = Double.isFinite(sd[i]);
      if (prior && !(sd[i] > 0)) {
        throw new FitException("parameter " + name + ": prior sd must be positive, got " + sd[i]);
      }
      if (!(lo[i] < hi[i])) {
        throw new FitException("parameter " + name + ": lower bound " + lo[i] + " is not below upper bound " + hi[i]);
      }
      if (log[i] && !(hi[i] > 0)) {
        throw new FitException("parameter " + name + " is on a log scale but its upper bound " + hi[i] + " is not positive");
      }
      if (prior && log[i] && !(mean[i] > 0)) {
        throw new FitException("parameter " + name + " is on a log scale, so its prior mean must be positive, got " + mean[i]);
      }
      if (prior && !Double.isFinite(mean[i])) {
        throw new FitException("parameter " + name + ": prior mean is " + mean[i]);
      }
      double s = requestedStart != null ? requestedStart[i] : mean[i];
      start[i] = checkedStart(name, s, lo[i], hi[i], log[i]);
      priorMeanQ[i] = prior ? (log[i] ? Math.log(mean[i]) : mean[i]) : Double.NaN;
      priorSdQ[i] = prior ? (log[i] ? sd[i] / mean[i] : sd[i]) : Double.POSITIVE_INFINITY;
      double scale = prior ? priorSdQ[i] : (log[i] || start[i] == 0 ? 1 : Math.abs(start[i]));
      double centre = prior && inside(mean[i], lo[i], hi[i], log[i]) ? mean[i] : start[i];
      slots[i] = SlotTransform.of(log[i], lo[i], hi[i], centre, scale);
    }
  }

  /**
   * The search space of {@code info}'s parameters.
   *
   * @param start the starting point in physical units, or null to start at the prior means
   * @throws FitException when a start value, prior or bound cannot be used (the message names the slot)
   */
  public static SearchSpace of(ModelInfo info, double[] start) {
    return new SearchSpace(info, start);
  }

  private static boolean inside(double p, double lo, double hi, boolean log) {
    return p > lo && p < hi && (!log || p > 0);
  }

  private double checkedStart(String name, double s, double lo, double hi, boolean isLog) {
    if (!Double.isFinite(s)) {
      throw new FitException("parameter " + name + " has no usable start value (" + s
          + "); give a prior mean or a start value");
    }
    if (isLog && s <= 0) {
      throw new FitException("parameter " + name + " is on a log scale, so its start value must be positive, got " + s);
    }
    if (s < lo || s > hi) {
      throw new FitException("parameter " + name + ": start value " + s + " is outside its bounds [" + lo + ", " + hi + "]");
    }
    if (s == lo || s == hi) {
      // A start exactly on a bound maps to x = ±∞; move it a small way inside and say so.
      double width = Double.isFinite(hi - lo) ? hi - lo : Math.max(Math.abs(s), 1);
      double moved = s == lo ? lo + 1e-6 * width : hi - 1e-6 * width;
      notes.add("start value of " + name + " was on its bound " + s + "; moved inside to " + moved);
      return moved;
    }
    return s;
  }

  /** Number of slots. */
  public int dimension() {
    return slots.length;
  }

  /** The transform of slot i. */
  public SlotTransform slot(int i) {
    return slots[i];
  }

  /** The readable names of the slots. */
  public List<String> names() {
    return names;
  }

  /** The starting point in physical units (after any move off a bound). */
  public double[] start() {
    return start.clone();
  }

  /** Things the user should know about how the start was used (moved off a bound, ...). */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** True when slot i has a prior term. */
  public boolean hasPrior(int i) {
    return Double.isFinite(priorSdQ[i]);
  }

  /** True when no slot has a prior: the cost is pure least squares. */
  public boolean allFlat() {
    for (int i = 0; i < slots.length; i++) {
      if (hasPrior(i)) {
        return false;
      }
    }
    return true;
  }

  /** Prior mean of q (p, or ln p for a log slot); NaN without a prior. */
  public double priorMeanQ(int i) {
    return priorMeanQ[i];
  }

  /** Prior sd of q; +Infinity without a prior. */
  public double priorSdQ(int i) {
    return priorSdQ[i];
  }

  /** x of a physical point. */
  public double[] toSearch(double[] p) {
    double[] x = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      x[i] = slots[i].search(p[i]);
    }
    return x;
  }

  /** The physical point of x. */
  public double[] toPhysical(double[] x) {
    double[] p = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      p[i] = slots[i].physical(x[i]);
    }
    return p;
  }

  /** Fills p(x) and the diagonal first and second derivatives dp/dx, d²p/dx² (any may be null). */
  public void physical(double[] x, double[] p, double[] dp, double[] d2p) {
    double[] t = new double[3];
    for (int i = 0; i < x.length; i++) {
      slots[i].p(x[i], t);
      if (p != null) {
        p[i] = t[0];
      }
      if (dp != null) {
        dp[i] = t[1];
      }
      if (d2p != null) {
        d2p[i] = t[2];
      }
    }
  }

  /**
   * The prior term at x; when non-null, {@code grad} is overwritten with its gradient in x and
   * {@code hessDiag} with its (diagonal) Hessian in x.
   */
  public double prior(double[] x, double[] grad, double[] hessDiag) {
    double[] t = new double[3];
    double j = 0;
    for (int i = 0; i < x.length; i++) {
      double gi = 0;
      double hi = 0;
      if (hasPrior(i)) {
        slots[i].q(x[i], t);
        double w = 1 / (priorSdQ[i] * priorSdQ[i]);
        double d = t[0] - priorMeanQ[i];
        j += 0.5 * d * d * w;
        gi = d * w * t[1];
        hi = w * (t[1] * t[1] + d * t[2]);
      }
      if (grad != null) {
        grad[i] = gi;
      }
      if (hessDiag != null) {
        hessDiag[i] = hi;
      }
    }
    return j;
  }

  /**
   * The prior term at physical p; when non-null, {@code grad} is overwritten with ∂/∂p and
   * {@code hessDiag} with the diagonal ∂²/∂p² (for a log slot: d = ln p − q0, ∂/∂p = d/(σq² p),
   * ∂²/∂p² = (1 − d)/(σq² p²)).
   */
  public double priorPhysical(double[] p, double[] grad, double[] hessDiag) {
    double j = 0;
    for (int i = 0; i < p.length; i++) {
      double gi = 0;
      double hi = 0;
      if (hasPrior(i)) {
        double w = 1 / (priorSdQ[i] * priorSdQ[i]);
        if (log[i]) {
          double d = Math.log(p[i]) - priorMeanQ[i];
          j += 0.5 * d * d * w;
          gi = d * w / p[i];
          hi = (1 - d) * w / (p[i] * p[i]);
        } else {
          double d = p[i] - priorMeanQ[i];
          j += 0.5 * d * d * w;
          gi = d * w;
          hi = w;
        }
      }
      if (grad != null) {
        grad[i] = gi;
      }
      if (hessDiag != null) {
        hessDiag[i] = hi;
      }
    }
    return j;
  }
}
