package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Levenberg–Marquardt for a sum of squares ½‖r(x)‖²: each step solves
 * min ‖J h + r‖² + μ ‖D^½ h‖² by Householder QR of the stacked matrix [J; √μ D^½] (no normal
 * equations, so ill-conditioned problems keep their accuracy), with Moré's scaling D = the running
 * maximum of diag(JᵀJ), and Nielsen's damping update from the gain ratio ρ = actual / predicted
 * reduction (μ ← μ·max(⅓, 1 − (2ρ − 1)³) on success, μ ← μ·ν, ν ← 2ν on failure).
 * Stopping rules: see {@link LmOptions}.
 */
public final class LevenbergMarquardt {

  private final LmOptions options;

  /** A minimizer with these settings. */
  public LevenbergMarquardt(LmOptions options) {
    this.options = options;
  }

  /** Minimizes ½‖r(x)‖² from x0, telling the listener about every accepted step. */
  public MinimizerResult minimize(Residuals res, double[] x0, IterationListener listener) {
    int n = res.dimension();
    int m = res.count();
    List<IterationRecord> log = new ArrayList<>();
    double[] x = x0.clone();
    double[] r = new double[m];
    res.residuals(x, r);
    int evaluations = 1;
    double cost = halfSquares(r);
    DMatrixRMaj jac = new DMatrixRMaj(m, n);
    double[] g = new double[n];
    if (!Double.isFinite(cost)) {
      record(log, listener, 0, cost, Double.NaN, 0, evaluations);
      return new MinimizerResult(x, cost, Double.NaN, FitStatus.NON_FINITE_COST, 0, evaluations, log);
    }
    res.jacobian(x, jac);
    gradient(jac, r, g);
    double gnorm = Vectors.norm(g);
    record(log, listener, 0, cost, gnorm, 0, evaluations);
    if (!Vectors.allFinite(g)) {
      return new MinimizerResult(x, cost, gnorm, FitStatus.NON_FINITE_GRADIENT, 0, evaluations, log);
    }
    double gnorm0 = gnorm;
    if (gradientConverged(gnorm, gnorm0)) {
      return new MinimizerResult(x, cost, gnorm, FitStatus.CONVERGED_GRADIENT, 0, evaluations, log);
    }
    double[] scale = new double[n];
    updateScale(jac, scale);
    double mu = options.initialDamping();
    double nu = 2;
    DMatrixRMaj a = new DMatrixRMaj(m + n, n);
    DMatrixRMaj b = new DMatrixRMaj(m + n, 1);
    DMatrixRMaj h = new DMatrixRMaj(n, 1);
    double[] xt = new double[n];
    double[] rt = new double[m];
    int iteration = 0;
    FitStatus status = null;
    while (status == null) {
      // stacked least-squares problem for the damped step
      a.zero();
      b.zero();
      CommonOps_DDRM.insert(jac, a, 0, 0);
      for (int i = 0; i < m; i++) {
        b.set(i, 0, -r[i]);
      }
      for (int j = 0; j < n; j++) {
        a.set(m + j, j, Math.sqrt(mu * scale[j]));
      }
      LinearSolverDense<DMatrixRMaj> qr = LinearSolverFactory_DDRM.leastSquares(m + n, n);
      if (!qr.setA(a.copy())) {
        status = FitStatus.NO_PROGRESS;
        break;
      }
      qr.solve(b, h);
      double[] step = h.getData().clone();
      Vectors.axpy(x, 1, step, xt);
      res.residuals(xt, rt);
      evaluations++;
      double costT = halfSquares(rt);
      double predicted = cost - predictedCost(jac, r, step);
      double actual = cost - costT;
      double rho = Double.isFinite(costT) && predicted > 0 ? actual / predicted : -1;
      if (rho > 0) {
        iteration++;
        System.arraycopy(xt, 0, x, 0, n);
        System.arraycopy(rt, 0, r, 0, m);
        double previousCost = cost;
        cost = costT;
        res.jacobian(x, jac);
        gradient(jac, r, g);
        gnorm = Vectors.norm(g);
        updateScale(jac, scale);
        mu *= Math.max(1.0 / 3, 1 - Math.pow(2 * rho - 1, 3));
        nu = 2;
        double stepNorm = Vectors.norm(step);
        record(log, listener, iteration, cost, gnorm, stepNorm, evaluations);
        if (!Vectors.allFinite(g)) {
          status = FitStatus.NON_FINITE_GRADIENT;
        } else if (gradientConverged(gnorm, gnorm0)) {
          status = FitStatus.CONVERGED_GRADIENT;
        } else if (actual <= options.costTolerance() * previousCost && predicted <= options.costTolerance() * previousCost) {
          status = FitStatus.CONVERGED_COST;
        } else if (stepNorm <= options.stepTolerance() * (Vectors.norm(x) + options.stepTolerance())) {
          status = FitStatus.CONVERGED_STEP;
        } else if (iteration >= options.maxIterations()) {
          status = FitStatus.MAX_ITERATIONS;
        }
      } else {
        mu *= nu;
        nu *= 2;
        if (mu > 1e20) {
          status = FitStatus.NO_PROGRESS;
        }
      }
      if (status == null && evaluations >= options.maxEvaluations()) {
        status = FitStatus.MAX_EVALUATIONS;
      }
    }
    return new MinimizerResult(x, cost, gnorm, status, iteration, evaluations, log);
  }

  private boolean gradientConverged(double gnorm, double gnorm0) {
    return gnorm <= options.gradientTolerance() * gnorm0 || gnorm <= options.absoluteGradientTolerance();
  }

  private static double halfSquares(double[] r) {
    double s = 0;
    for (double v : r) {
      s += v * v;
    }
    return 0.5 * s;
  }

  /** ½‖r + J h‖², the cost the linear model predicts after step h. */
  private static double predictedCost(DMatrixRMaj jac, double[] r, double[] h) {
    double s = 0;
    for (int i = 0; i < r.length; i++) {
      double v = r[i];
      for (int j = 0; j < h.length; j++) {
        v += jac.get(i, j) * h[j];
      }
      s += v * v;
    }
    return 0.5 * s;
  }

  private static void gradient(DMatrixRMaj jac, double[] r, double[] g) {
    for (int j = 0; j < g.length; j++) {
      double s = 0;
      for (int i = 0; i < r.length; i++) {
        s += jac.get(i, j) * r[i];
      }
      g[j] = s;
    }
  }

  private static void updateScale(DMatrixRMaj jac, double[] scale) {
    for (int j = 0; j < scale.length; j++) {
      double s = 0;
      for (int i = 0; i < jac.numRows; i++) {
        s += jac.get(i, j) * jac.get(i, j);
      }
      scale[j] = Math.max(scale[j], s);
      if (scale[j] == 0) {
        scale[j] = 1;
      }
    }
  }

  private static void record(List<IterationRecord> log, IterationListener listener, int it, double f, double gnorm, double step, int evals) {
    IterationRecord rec = new IterationRecord("lm", it, f, gnorm, step, evals);
    log.add(rec);
    listener.onIteration(rec);
  }
}
