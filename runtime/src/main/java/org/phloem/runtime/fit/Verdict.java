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
 *       pushes them onto the bound, contribute zero: that is what "projected" means);
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
 * @param decrement ½ g̃ᵀH̃⁻¹g̃ on the free slots; NaN when H̃ is not positive definite
 * @param eigenvalueRatio smallest over largest eigenvalue of H̃ on the free slots (1 when none is free)
 * @param tolerances the tolerances applied
 * @param bounds per slot, the bound it is held on (NONE for a free slot)
 * @param weakest the eigen-direction of the smallest eigenvalue, as "name weight, ..." (dominant slots); "" when none
 * @param hessianProducts Hessian-vector products this verdict took (one per free slot)
 * @param note a sentence on anything that kept the conditions from being evaluated ("" when none)
 */
public record Verdict(FitStatus status, double gradient, double decrement, double eigenvalueRatio, ConvergenceTolerances tolerances,
    List<Bound> bounds, String weakest, int hessianProducts, String note) implements java.io.Serializable {

  /**
   * A negative eigenvalue counts as negative curvature (a saddle) only below minus this fraction of the
   * largest: the Hessian's entries are sums whose rounding can reach far above one ulp of the largest
   * eigenvalue, so a small negative one is a zero (an undetermined direction), not a saddle.
   */
  public static final double SADDLE = 1e-8;

  public Verdict {
    bounds = List.copyOf(bounds);
  }

  /** (a): the projected scaled gradient is below its tolerance. */
  public boolean gradientMet() {
    return gradient < tolerances.gradient();
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
    out.add(String.format(Locale.ROOT, "(a) projected gradient, scaled: max|g| = %.3e  (tolerance %.0e)  %s", gradient,
        tolerances.gradient(), gradientMet() ? "met" : "NOT MET"));
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
    double[] p = space.toPhysical(x);
    double[] gp = new double[n];
    double j = cost.gradientPhysical(p, gp);
    List<Bound> none = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      none.add(Bound.NONE);
    }
    if (!Double.isFinite(j)) {
      return new Verdict(FitStatus.NON_FINITE_COST, Double.NaN, Double.NaN, Double.NaN, tol, none, "", 0, "the cost is not finite here");
    }
    if (!Vectors.allFinite(gp)) {
      return new Verdict(FitStatus.NON_FINITE_GRADIENT, Double.NaN, Double.NaN, Double.NaN, tol, none, "", 0,
          "the gradient is not finite here");
    }
    // scaled gradient g̃ᵢ = sᵢ ∂J/∂qᵢ and the chain factor dp/dq
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
    int f = free.size();
    if (f == 0) {
      return new Verdict(FitStatus.CONVERGED, 0, 0, 1, tol, bounds, "", 0, "");
    }
    // H̃ = S (D Hₚ D + diag(∂J/∂p · d²p/dq²)) S on the free slots; d²p/dq² = p on a log scale
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
      return new Verdict(phaseStop.isLimit() ? phaseStop : FitStatus.STALLED, gmax, Double.NaN, Double.NaN, tol, bounds, "", f,
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
    Verdict probe = new Verdict(FitStatus.CONVERGED, gmax, decrement, ratio, tol, bounds, weakest, f, "");
    FitStatus status;
    String note = "";
    if (probe.gradientMet() && probe.decrementMet() && probe.hessianMet()) {
      status = FitStatus.CONVERGED;
    } else if (phaseStop != null && phaseStop.isLimit()) {
      status = phaseStop;
    } else if (!probe.gradientMet()) {
      // far from stationary, the curvature says nothing about a minimum: the minimizer stalled
      status = FitStatus.STALLED;
      if (probe.decrementMet() && probe.hessianMet()) {
        note = String.format(Locale.ROOT, "only the gradient condition fails, while the decrease still expected (%.2g) is far below "
            + "what changes the cost: the gradient's size is probably its rounding noise at this cost; the values are likely "
            + "accurate, and --gradient-tol %.0e would accept them", decrement, Math.pow(10, Math.ceil(Math.log10(gmax * 2))));
      }
    } else if (ratio < -SADDLE) {
      status = FitStatus.SADDLE_POINT;
    } else if (!probe.hessianMet()) {
      status = FitStatus.UNDETERMINED;
    } else {
      status = FitStatus.STALLED;
    }
    return new Verdict(status, gmax, decrement, ratio, tol, bounds, weakest, f, note);
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
