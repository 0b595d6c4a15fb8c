package org.phloem.runtime.posterior;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.BayesianCost;
import org.phloem.runtime.fit.FitException;
import org.phloem.runtime.fit.Hessians;
import org.phloem.runtime.fit.SearchSpace;
import org.phloem.runtime.fit.SymmetricEigen;
import org.phloem.runtime.fit.Verdict;

/**
 * Computes the {@link Posterior} at an optimum.
 *
 * <p>Method: H = ∇²J(p̂) in physical units from n Hessian-vector products (prior + observation),
 * symmetrized. Everything numerical is done on the scaled matrix Ĥ = S·H·S, S = diag(prior sd, or
 * |p̂| (1 when 0) for flat-prior slots), so that slots of very different magnitude do not spoil the
 * conditioning; Ĥ is the prior-preconditioned Hessian C_p0^½·H·C_p0^½ of CCDAS. An eigenvalue of Ĥ at or
 * below {@code tolerance}·max|λ| (negative included) marks H as not positive definite; the covariance is
 * then S·(Σ over the other eigenpairs of v·vᵀ/λ)·S and flagged. Otherwise C = S·Ĥ⁻¹·S by Cholesky.
 *
 * <p>Slots held on a bound by the fit are left out of all of this: the posterior is the one conditional
 * on them (their rows and columns of C are 0, their sd is 0 and they claim no uncertainty reduction).
 */
public final class PosteriorAnalysis {

  /** Relative eigenvalue tolerance used by {@link #at(CompiledModel, double[])}. */
  public static final double DEFAULT_TOLERANCE = 1e-12;

  private PosteriorAnalysis() {}

  /** The posterior of {@code model} at the physical optimum {@code p}, with the default tolerance. */
  public static Posterior at(CompiledModel model, double[] p) {
    return at(model, p, DEFAULT_TOLERANCE);
  }

  /**
   * The posterior conditional on the slots held on a bound ({@code held[i]}): those are fixed at their
   * bound, with sd 0 and no uncertainty reduction; the others get the inverse of their block of the
   * Hessian (the Laplace approximation of the conditional posterior).
   */
  public static Posterior at(CompiledModel model, double[] p, boolean[] held) {
    return at(model, p, DEFAULT_TOLERANCE, held);
  }

  /** {@link #at(CompiledModel, double[], boolean[])} with a given eigenvalue tolerance. */
  public static Posterior at(CompiledModel model, double[] p, double tolerance) {
    return at(model, p, tolerance, new boolean[p.length]);
  }

  /**
   * The posterior of {@code model} at the physical optimum {@code p}.
   *
   * @param tolerance eigenvalues of the scaled Hessian at or below tolerance·max|λ| count as not positive
   */
  public static Posterior at(CompiledModel model, double[] p, double tolerance, boolean[] held) {
    SearchSpace space = SearchSpace.of(model.info(), p);
    BayesianCost cost = new BayesianCost(model, space);
    int n = p.length;
    List<String> names = model.info().slotNames();
    DMatrixRMaj h = Hessians.assemble(n, (v, hv) -> cost.hessianVectorPhysical(p, v, hv));
    double[] priorSd = model.info().priorSds();
    double[] scale = scales(priorSd, p);
    List<String> warnings = new ArrayList<>();
    DMatrixRMaj scaled = new DMatrixRMaj(n, n);
    List<String> nonFinite = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        scaled.set(i, j, scale[i] * h.get(i, j) * scale[j]);
      }
      if (!Double.isFinite(h.get(i, i)) || !rowFinite(h, i)) {
        nonFinite.add(names.get(i));
      }
    }
    if (!nonFinite.isEmpty()) {
      throw new FitException("the Hessian has NaN or infinite entries in the rows of " + String.join(", ", nonFinite)
          + "; run the gradient and Hessian checks");
    }
    int[] free = freeSlots(held);
    int f = free.length;
    List<String> freeNames = new ArrayList<>();
    DMatrixRMaj reduced = new DMatrixRMaj(f, f);
    for (int r = 0; r < f; r++) {
      freeNames.add(names.get(free[r]));
      for (int c = 0; c < f; c++) {
        reduced.set(r, c, scaled.get(free[r], free[c]));
      }
    }
    scaled = reduced;
    SymmetricEigen eig = f == 0 ? new SymmetricEigen(new double[0], new double[0][0]) : SymmetricEigen.of(scaled);
    double largest = 0;
    for (double v : eig.values()) {
      largest = Math.max(largest, Math.abs(v));
    }
    double floor = tolerance * largest;
    List<Direction> constrained = new ArrayList<>();
    List<Direction> weak = new ArrayList<>();
    boolean[] undetermined = new boolean[n];
    for (int k = 0; k < f; k++) {
      Direction d = direction(eig.values()[k], eig.vectors()[k], freeNames);
      constrained.add(d);
      if (!(eig.values()[k] > floor)) {
        weak.add(d);
        for (int r = 0; r < f; r++) {
          if (Math.abs(eig.vectors()[k][r]) >= 0.3) {
            undetermined[free[r]] = true;
          }
        }
      }
    }
    boolean positiveDefinite = weak.isEmpty() && (largest > 0 || f == 0);
    DMatrixRMaj scaledCov = positiveDefinite ? (f == 0 ? new DMatrixRMaj(0, 0) : choleskyInverse(scaled)) : null;
    if (scaledCov == null) {
      scaledCov = positivePartInverse(eig, floor);
      if (positiveDefinite) {
        // eigenvalues all above the floor but Cholesky failed in rounding: same treatment, flagged
        positiveDefinite = false;
      }
      double saddle = -Verdict.SADDLE * largest;
      boolean negative = weak.stream().anyMatch(d -> d.eigenvalue() < saddle);
      warnings.add((negative
          ? "The Hessian has negative curvature here (not a minimum): "
          : "The Hessian is singular to rounding here: the data and priors do not determine ")
          + weak.size() + " direction(s) (eigenvalues of the prior-scaled Hessian at or below " + String.format(Locale.ROOT, "%.3g", floor)
          + ", the largest being " + String.format(Locale.ROOT, "%.3g", largest) + "). The sds of the parameters in these directions "
          + "(marked undetermined) come from the other directions only and are not uncertainties, however large or small they look:");
      for (Direction d : weak) {
        warnings.add("  eigenvalue " + d.describe());
      }
      warnings.add("Try a prior on these parameters, fix one of them, or check whether the fit really reached a minimum.");
    }
    double[][] cov = new double[n][n];
    double[] sd = new double[n];
    for (int r = 0; r < f; r++) {
      for (int c = 0; c < f; c++) {
        cov[free[r]][free[c]] = scale[free[r]] * scaledCov.get(r, c) * scale[free[c]];
      }
    }
    for (int i = 0; i < n; i++) {
      sd[i] = Math.sqrt(Math.max(cov[i][i], 0));
    }
    double[][] corr = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        corr[i][j] = i == j ? 1 : (sd[i] > 0 && sd[j] > 0 ? cov[i][j] / (sd[i] * sd[j]) : 0);
      }
    }
    double[] reduction = new double[n];
    boolean[] logScale = model.info().logScale();
    double[] priorMean = model.info().priorMeans();
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(priorSd[i]) || held[i]) {
        reduction[i] = Double.NaN;
      } else if (logScale[i]) {
        // A log-scale parameter's prior is on ln p with sd σ/p0; its posterior sd on ln p is σ_post/p̂.
        reduction[i] = 1 - (sd[i] / Math.abs(p[i])) / (priorSd[i] / Math.abs(priorMean[i]));
      } else {
        reduction[i] = 1 - sd[i] / priorSd[i];
      }
    }
    double[][] hess = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        hess[i][j] = h.get(i, j);
      }
    }
    return new Posterior(names, p, hess, cov, sd, corr, priorSd, reduction, undetermined, positiveDefinite, weak, constrained, warnings,
        held);
  }

  /** S of the scaled Hessian S·H·S: each slot's prior sd, or |p| (1 at 0) for a flat prior. */
  static double[] scales(double[] priorSd, double[] p) {
    double[] scale = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      scale[i] = Double.isFinite(priorSd[i]) ? priorSd[i] : (p[i] == 0 ? 1 : Math.abs(p[i]));
    }
    return scale;
  }

  /** The slots not held on a bound, in order: the rows of the reduced Hessian and of every direction's vector. */
  static int[] freeSlots(boolean[] held) {
    int count = 0;
    for (boolean h : held) {
      count += h ? 0 : 1;
    }
    int[] free = new int[count];
    for (int i = 0, k = 0; i < held.length; i++) {
      if (!held[i]) {
        free[k++] = i;
      }
    }
    return free;
  }

  private static boolean rowFinite(DMatrixRMaj h, int i) {
    for (int j = 0; j < h.numCols; j++) {
      if (!Double.isFinite(h.get(i, j))) {
        return false;
      }
    }
    return true;
  }

  private static DMatrixRMaj choleskyInverse(DMatrixRMaj a) {
    LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.symmPosDef(a.numRows);
    if (!chol.setA(a.copy())) {
      return null;
    }
    DMatrixRMaj inv = new DMatrixRMaj(a.numRows, a.numRows);
    chol.invert(inv);
    for (double v : inv.getData()) {
      if (!Double.isFinite(v)) {
        return null;
      }
    }
    return inv;
  }

  private static DMatrixRMaj positivePartInverse(SymmetricEigen eig, double floor) {
    int n = eig.values().length;
    DMatrixRMaj out = new DMatrixRMaj(n, n);
    for (int k = 0; k < n; k++) {
      double lambda = eig.values()[k];
      if (!(lambda > floor)) {
        continue;
      }
      double[] v = eig.vectors()[k];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          out.add(i, j, v[i] * v[j] / lambda);
        }
      }
    }
    return out;
  }

  private static Direction direction(double lambda, double[] v, List<String> names) {
    List<Contribution> all = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      all.add(new Contribution(names.get(i), v[i]));
    }
    all.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.weight())));
    List<Contribution> dominant = new ArrayList<>();
    for (Contribution c : all) {
      if (dominant.isEmpty() || (Math.abs(c.weight()) >= 0.3 && dominant.size() < 5)) {
        dominant.add(c);
      }
    }
    return new Direction(lambda, v, dominant);
  }
}
