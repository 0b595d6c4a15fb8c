package org.phloem.runtime.fit;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The rounding noise of the computed gradient, measured where the verdict needs it: at a point where the
 * Newton decrement and the Hessian already say "minimum" but a gradient component is above its
 * tolerance. A gradient is a sum over every observation (and the residuals in it can be differences of
 * large numbers), so its floating-point value scatters around the true one by an amount no minimizer can
 * go below; an absolute tolerance alone would call such a verified optimum stalled.
 *
 * <p>The measurement: the gradient at {@value #SAMPLES} pairs of points x ± δ, each δ moving every free
 * slot by {@value #STEP} of its scale with a random sign. The second difference g(x+δ) + g(x−δ) − 2g(x)
 * of the smooth gradient is of order |δ|² times the third derivative (far below any tolerance at this
 * step), while the rounding noise of the three evaluations, which differs between points that differ by
 * millions of ulps, adds up with variance 6σ². So σᵢ² is the mean square of that difference over 6. The
 * step is in the scaled space of the verdict (prior sd, or typical size) and at least 1024 ulps of the
 * physical value, so that the arithmetic really sees another point.
 */
final class GradientNoise {
  private GradientNoise() {}

  /** Pairs of points sampled. */
  static final int SAMPLES = 3;
  /** Gradients one measurement takes. */
  static final int GRADIENTS = 2 * SAMPLES;
  /** The step, in scale units of each slot. */
  static final double STEP = 1e-9;

  /**
   * Per free slot (in the order of {@code free}), the sd of the rounding noise of the scaled gradient
   * sᵢ ∂J/∂qᵢ at the physical point p (gradient: the base values, already computed by the caller).
   *
   * @param s the scale of every slot (in q)
   */
  static double[] scaledSd(BayesianCost cost, double[] p, List<Integer> free, double[] s) {
    SearchSpace space = cost.space();
    double[] base = scaled(cost, p, s);
    double[] sum = new double[free.size()];
    SplittableRandom random = new SplittableRandom(0x5eed);
    double[] plus = p.clone();
    double[] minus = p.clone();
    for (int k = 0; k < SAMPLES; k++) {
      for (int i : free) {
        double sign = random.nextBoolean() ? 1 : -1;
        // a step of STEP scale units in q, mapped to p (dp/dq = p on a log slot)
        double dp = STEP * s[i] * (space.slot(i).isLog() ? p[i] : 1);
        dp = sign * Math.max(Math.abs(dp), 1024 * Math.ulp(p[i]));
        plus[i] = p[i] + dp;
        minus[i] = p[i] - dp;
      }
      double[] gPlus = scaled(cost, plus, s);
      double[] gMinus = scaled(cost, minus, s);
      for (int r = 0; r < free.size(); r++) {
        int i = free.get(r);
        double d = gPlus[i] + gMinus[i] - 2 * base[i];
        sum[r] += d * d;
      }
    }
    double[] sd = new double[free.size()];
    for (int r = 0; r < sd.length; r++) {
      sd[r] = Math.sqrt(sum[r] / (6.0 * SAMPLES));
    }
    return sd;
  }

  /** The scaled gradient sᵢ ∂J/∂qᵢ at p (NaN components where the gradient is not finite). */
  private static double[] scaled(BayesianCost cost, double[] p, double[] s) {
    double[] g = new double[p.length];
    cost.gradientPhysical(p, g);
    for (int i = 0; i < p.length; i++) {
      g[i] *= s[i] * (cost.space().slot(i).isLog() ? p[i] : 1);
    }
    return g;
  }
}
