package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The judgement at the end of a fit: whether the point is a verified minimum, by the first- and
 * second-order conditions (tolerances in {@link ConvergenceTolerances}), and the fit's status.
 *
 * <p>The conditions, on the free parameters (those not held on a bound, see {@link Bound}), in the
 * scaled space x̃ where each parameter is measured in its scale (prior sd, or typical size):
 * <ol type="a">
 *   <li>the projected gradient: max |∂J/∂x̃ᵢ| below {@code gradient} (on-bound slots, whose gradient
 *       pushes them onto the bound, contribute zero: that is what "projected" means), or, where (b) and
 *       (c) hold, each component within {@value #NOISE_SDS} sds of its own rounding noise: a gradient
 *       that is a sum of many terms, or of terms that are themselves differences of large numbers, cannot
 *       go below the noise of its floating-point evaluation, which {@link GradientNoise} measures;
 *   <li>the Newton decrement ½ g̃ᵀH̃⁻¹g̃, the decrease of J still expected, below {@code decrement};
 *   <li>the Hessian H̃ positive definite: its smallest eigenvalue above {@code eigenvalue} times its
 *       largest. An eigenvalue between −{@link #SADDLE} times the largest and that is zero to rounding
 *       (an undetermined direction); below, the curvature is negative (a saddle).
 * </ol>
 * The status is {@link FitStatus#CONVERGED} when all three hold. Otherwise: the minimizer's limit when
 * it stopped at one; {@link FitStatus#STALLED} when (a) fails (far from a stationary point the curvature
 * means nothing); at a stationary point {@link FitStatus#SADDLE_POINT} for negative curvature,
 * {@link FitStatus#UNDETERMINED} for a singular Hessian, and {@link FitStatus#STALLED} when only (b) fails.
 *
 * @param status the fit's status
 * @param gradient max |projected scaled gradient component| over the free slots
 * @param gradientNoise the largest sd of a scaled gradient component's rounding noise over the free slots, as
 *     measured by {@link GradientNoise}; NaN when it was not measured (only when (a) fails by its tolerance
 *     while (b) and (c) hold)
 * @param atNoiseFloor every free component is below the tolerance or within {@value #NOISE_SDS} sds of its noise
 * @param decrement ½ g̃ᵀH̃⁻¹g̃ on the free slots; NaN when H̃ is not positive definite
 * @param eigenvalueRatio smallest over largest eigenvalue of H̃ on the free slots (1 when none is free)
 * @param tolerances the tolerances applied
 * @param bounds per slot, the bound it is held on (NONE for a free slot)
 * @param weakest the eigen-direction of the smallest eigenvalue, as "name weight, ..." (dominant slots); "" when none
 * @param hessianProducts Hessian-vector products (one per free slot) and gradients (for the noise) this verdict took
 * @param note a sentence on anything that kept the conditions from being evaluated ("" when none)
 */
public record Verdict(FitStatus status, double gradient, double gradientNoise, boolean atNoiseFloor, double decrement, double eigenvalueRatio, ConvergenceTolerances tolerances,
    List<Bound> bounds, String weakest, int hessianProducts, String note) implements java.io.Serializable {

  /**
   * A negative eigenvalue counts as negative curvature (a saddle) only below minus this fraction of the
   * largest: the Hessian's entries are sums whose rounding can reach far above one ulp of the largest
   * eigenvalue, so a small negative one is a zero (an undetermined direction), not a saddle.
   */
  public static final double SADDLE = 1e-8;

  /**
   * A gradient component counts as zero when it is within this many sds of its measured rounding noise:
   * the noise sd is estimated from a few samples, so one draw of the noise itself can lie 3 sds out.
   */
  public static final double NOISE_SDS = 4;

  public Verdict {
    bounds = List.copyOf(bounds);
  }

  /** (a): the projected scaled gradient is below its tolerance, or at its rounding floor. */
  public boolean gradientMet() {
    return gradient < tolerances.gradient() || atNoiseFloor;
  }

  /** (b): the Newton decrement is below its tolerance. */
  public boolean decrementMet() {
    return decrement < tolerances.decrement();
  }

  /** (c): the Hessian on the free slots is positive definite beyond the relative tolerance. */
  public boolean hessianMet() {
    return eigenvalueRatio > tolerances.eigenvalue();
  }

  /** The number of slots held on a bound. */
  public int onBounds() {
    return (int) bounds.stream().filter(Bound::isActive).count();
  }

  /** The three conditions, one line each, with their values, tolerances and whether they hold. */
  public List<String> conditions() {
    List<String> out = new ArrayList<>();
    String noise = Double.isNaN(gradientNoise) ? ""
        : String.format(Locale.ROOT, "; its rounding noise: sd up to %.1e", gradientNoise);
    out.add(String.format(Locale.ROOT, "(a) projected gradient, scaled: max|g| = %.3e  (tolerance %.0e%s)  %s", gradient,
        tolerances.gradient(), noise, gradient < tolerances.gradient() ? "met"
            : atNoiseFloor ? "met at the rounding floor (every component within " + (int) NOISE_SDS + " sds of its noise)"
            : "NOT MET"));
    out.add(String.format(Locale.ROOT, "(b) Newton decrement g'H^-1 g/2 = %s  (tolerance %.0e)  %s",
        Double.isNaN(decrement) ? "undefined (Hessian not positive definite)" : String.format(Locale.ROOT, "%.3e", decrement),
        tolerances.decrement(), decrementMet() ? "met" : "NOT MET"));
    out.add(String.format(Locale.ROOT, "(c) Hessian on the %s: smallest/largest eigenvalue = %.3e  (tolerance %.0e)  %s%s",
        onBounds() == 0 ? "parameters" : "free parameters", eigenvalueRatio, tolerances.eigenvalue(),
        hessianMet() ? "positive definite" : eigenvalueRatio < -SADDLE ? "NOT MET: negative curvature"
            : "NOT MET: singular to rounding",
        hessianMet() || weakest.isEmpty() ? "" : "; weakest direction: " + weakest));
    return out;
  }

  /**
   * Judges the point x (search space) of {@code cost}.
   *
   * @param phaseStop why the last minimizer stopped (its limit becomes the status when the conditions fail)
   */
  public static Verdict judge(BayesianCost cost, double[] x, FitStatus phaseStop, ConvergenceTolerances tol) {
    SearchSpace space = cost.space();
    int n = space.dimension();
    List<Bound> none = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      none.add(Bound.NONE);
    }
    Scaled sc = Scaled.at(cost, x, tol);
    if (!Double.isFinite(sc.cost())) {
      return new Verdict(FitStatus.NON_FINITE_COST, Double.NaN, Double.NaN, false, Double.NaN, Double.NaN, tol, none, "", 0, "the cost is not finite here");
    }
    if (!Vectors.allFinite(sc.gp())) {
      return new Verdict(FitStatus.NON_FINITE_GRADIENT, Double.NaN, Double.NaN, false, Double.NaN, Double.NaN, tol, none, "", 0,
          "the gradient is not finite here");
    }
    double[] p = sc.p();
    double[] s = sc.s();
    double[] dpdq = sc.dpdq();
    double[] gq = sc.gq();
    double[] gs = sc.gs();
    List<Bound> bounds = sc.bounds();
    List<Integer> free = sc.free();
    double gmax = sc.gmax();
    int f = free.size();
    if (f == 0) {
      return new Verdict(FitStatus.CONVERGED, 0, Double.NaN, false, 0, 1, tol, bounds, "", 0, "");
    }
    // H̃ = S (D Hₚ D + diag(∂J/∂p · d²p/dq²)) S on the free slots; d²p/dq² = p on a log scale
    int hessianProducts = f;
    double[][] h = new double[f][f];
    double[] v = new double[n];
    double[] hv = new double[n];
    for (int c = 0; c < f; c++) {
      int jj = free.get(c);
      v[jj] = s[jj] * dpdq[jj];
      cost.hessianVectorPhysical(p, v, hv);
      v[jj] = 0;
      for (int r = 0; r < f; r++) {
        int ii = free.get(r);
        h[r][c] = s[ii] * dpdq[ii] * hv[ii] + (ii == jj && space.slot(ii).isLog() ? s[ii] * s[ii] * gq[ii] : 0);
      }
    }
    boolean finite = true;
    for (int r = 0; r < f; r++) {
      for (int c = r + 1; c < f; c++) {
        double mean = 0.5 * (h[r][c] + h[c][r]);
        h[r][c] = mean;
        h[c][r] = mean;
      }
      finite &= Vectors.allFinite(h[r]);
    }
    if (!finite) {
      return new Verdict(phaseStop.isLimit() ? phaseStop : FitStatus.STALLED, gmax, Double.NaN, false, Double.NaN, Double.NaN, tol, bounds, "", f,
          "the Hessian has NaN or infinite entries here; run 'phloem check MODEL'");
    }
    org.ejml.data.DMatrixRMaj hm = new org.ejml.data.DMatrixRMaj(h);
    SymmetricEigen eig = SymmetricEigen.of(hm);
    double largest = 0;
    for (double l : eig.values()) {
      largest = Math.max(largest, Math.abs(l));
    }
    double smallest = eig.values()[f - 1];
    double ratio = largest > 0 ? smallest / largest : 0;
    String weakest = describe(eig.vectors()[f - 1], free, space.names());
    double decrement = Double.NaN;
    if (ratio > tol.eigenvalue()) {
      decrement = 0;
      for (int k = 0; k < f; k++) {
        double[] vk = eig.vectors()[k];
        double dot = 0;
        for (int r = 0; r < f; r++) {
          dot += vk[r] * gs[free.get(r)];
        }
        decrement += 0.5 * dot * dot / eig.values()[k];
      }
    }
    double noise = Double.NaN;
    boolean floor = false;
    if (!(gmax < tol.gradient()) && decrement < tol.decrement() && ratio > tol.eigenvalue()) {
      // (b) and (c) hold: is what is left of the gradient its rounding noise?
      double[] sd = GradientNoise.scaledSd(cost, p, free, s);
      noise = 0;
      floor = true;
      for (int r = 0; r < f; r++) {
        int i = free.get(r);
        noise = Math.max(noise, sd[r]);
        floor &= Math.abs(gs[i]) < Math.max(tol.gradient(), NOISE_SDS * sd[r]);
      }
      hessianProducts += GradientNoise.GRADIENTS;
    }
    Verdict probe = new Verdict(FitStatus.CONVERGED, gmax, noise, floor, decrement, ratio, tol, bounds, weakest, hessianProducts, "");
    FitStatus status;
    String note = "";
    if (probe.gradientMet() && probe.decrementMet() && probe.hessianMet()) {
      status = FitStatus.CONVERGED;
    } else if (phaseStop != null && phaseStop.isLimit()) {
      status = phaseStop;
    } else if (!probe.gradientMet()) {
      // far from stationary, the curvature says nothing about a minimum: the minimizer stalled
      status = FitStatus.STALLED;
      if (!Double.isNaN(noise)) {
        note = String.format(Locale.ROOT, "only the gradient condition fails (the decrease still expected is %.2g), and the gradient "
            + "is above its measured rounding noise (sd up to %.1e): the minimizer stopped short of the optimum; resume or "
            + "restart from parameters.csv", decrement, noise);
      }
    } else if (ratio < -SADDLE) {
      status = FitStatus.SADDLE_POINT;
    } else if (!probe.hessianMet()) {
      status = FitStatus.UNDETERMINED;
    } else {
      status = FitStatus.STALLED;
    }
    if (status != FitStatus.CONVERGED && !probe.gradientMet()) {
      // name where (a) fails, and a slot left on its bound against its pull, before the general advice suspects the gradient
      String blame = GradientBlame.sentence(space, x, gs, free, tol);
      note = note.isEmpty() ? blame : blame + "; " + note;
    }
    return new Verdict(status, gmax, noise, floor, decrement, ratio, tol, bounds, weakest, hessianProducts, note);
  }

  /**
   * Condition (a) without the rounding floor, as {@link #judge} computes it: the largest component of the
   * scaled projected gradient over the slots not held on a bound (NaN where the cost or gradient is not finite).
   */
  static double scaledProjectedGradient(BayesianCost cost, double[] x, ConvergenceTolerances tol) {
    Scaled sc = Scaled.at(cost, x, tol);
    return Double.isFinite(sc.cost()) && Vectors.allFinite(sc.gp()) ? sc.gmax() : Double.NaN;
  }

  /**
   * The gradient at x in the verdict's scaled space: physical point and gradient, the chain factors, the
   * scaled gradient g̃ᵢ = sᵢ ∂J/∂qᵢ, which slots are held on a bound, the free ones and max |g̃| over them.
   */
  private record Scaled(double[] p, double cost, double[] gp, double[] s, double[] dpdq, double[] gq, double[] gs, List<Bound> bounds,
      List<Integer> free, double gmax) {

    static Scaled at(BayesianCost cost, double[] x, ConvergenceTolerances tol) {
      SearchSpace space = cost.space();
      int n = space.dimension();
      double[] p = space.toPhysical(x);
      double[] gp = new double[n];
      double j = cost.gradientPhysical(p, gp);
      double[] s = new double[n];
      double[] dpdq = new double[n];
      double[] gq = new double[n];
      double[] gs = new double[n];
      List<Bound> bounds = new ArrayList<>();
      List<Integer> free = new ArrayList<>();
      double gmax = 0;
      for (int i = 0; i < n; i++) {
        boolean log = space.slot(i).isLog();
        dpdq[i] = log ? p[i] : 1;
        gq[i] = gp[i] * dpdq[i];
        s[i] = BoundProximity.scale(space, i, BoundProximity.q(space, i, x[i]));
        gs[i] = s[i] * gq[i];
        Bound b = BoundProximity.at(space, i, x[i], gs[i], tol.bound(), tol.gradient());
        bounds.add(b);
        if (!b.isActive()) {
          free.add(i);
          gmax = Math.max(gmax, Math.abs(gs[i]));
        }
      }
      return new Scaled(p, j, gp, s, dpdq, gq, gs, bounds, free, gmax);
    }
  }

  /** The dominant slots of a unit vector over the free slots: the largest, and the others above 0.3, at most five. */
  private static String describe(double[] vec, List<Integer> free, List<String> names) {
    List<Integer> order = new ArrayList<>();
    for (int r = 0; r < vec.length; r++) {
      order.add(r);
    }
    order.sort(Comparator.comparingDouble((Integer r) -> -Math.abs(vec[r])));
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < order.size() && k < 5; k++) {
      int r = order.get(k);
      if (k > 0 && Math.abs(vec[r]) < 0.3) {
        break;
      }
      sb.append(k == 0 ? "" : ", ").append(names.get(free.get(r))).append(String.format(Locale.ROOT, " %+.2f", vec[r]));
    }
    return sb.toString();
  }
}
