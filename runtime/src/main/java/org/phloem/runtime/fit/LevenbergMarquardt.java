package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
 *
 * <p>After every accepted step (and at the start) the state goes to a checkpoint; {@link #resume}
 * continues from such a state with the same arithmetic as the uninterrupted run.
 */
public final class LevenbergMarquardt {

  private final LmOptions options;

  /** A minimizer with these settings. */
  public LevenbergMarquardt(LmOptions options) {
    this.options = options;
  }

  /** Minimizes ½‖r(x)‖² from x0, telling the listener about every accepted step. */
  public MinimizerResult minimize(Residuals res, double[] x0, IterationListener listener) {
    return minimize(res, x0, listener, s -> { });
  }

  /**
   * Minimizes ½‖r(x)‖² from x0, telling the listener about every accepted step and the checkpoint about
   * the state after it (and at the start).
   */
  public MinimizerResult minimize(Residuals res, double[] x0, IterationListener listener, Consumer<MinimizerState.LmState> checkpoint) {
    Run run = new Run(res, listener, checkpoint);
    run.x = x0.clone();
    run.evaluations = 1;
    if (!run.evaluate()) {
      run.record(0, Double.NaN, 0);
      return run.stop(FitStatus.NON_FINITE_COST);
    }
    run.record(0, run.gnorm, 0);
    if (!Vectors.allFinite(run.g)) {
      return run.stop(FitStatus.NON_FINITE_GRADIENT);
    }
    run.gnorm0 = run.gnorm;
    if (gradientConverged(run.gnorm, run.gnorm0)) {
      return run.stop(FitStatus.GRADIENT_SMALL);
    }
    updateScale(run.jac, run.scale);
    run.mu = options.initialDamping();
    run.nu = 2;
    run.save(null);
    return run.iterate();
  }

  /**
   * Continues from a saved state (residuals and Jacobian are recomputed at its point). A state that had
   * stopped is returned as it was, unless it stopped at an iteration or evaluation limit that these
   * options raise: then the iterations go on.
   */
  public MinimizerResult resume(Residuals res, MinimizerState.LmState state, IterationListener listener,
      Consumer<MinimizerState.LmState> checkpoint) {
    if (state.x().length != res.dimension()) {
      throw new IllegalArgumentException("state has " + state.x().length + " variables, residuals " + res.dimension());
    }
    Run run = new Run(res, listener, checkpoint);
    run.x = state.x();
    run.log.addAll(state.log());
    run.iteration = state.iteration();
    run.evaluations = state.evaluations();
    run.gnorm0 = state.initialGradientNorm();
    run.mu = state.damping();
    run.nu = state.dampingGrowth();
    System.arraycopy(state.scale(), 0, run.scale, 0, run.scale.length);
    boolean finite = run.evaluate();
    boolean raised = (state.status() == FitStatus.MAX_ITERATIONS && state.iteration() < options.maxIterations())
        || (state.status() == FitStatus.MAX_EVALUATIONS && state.evaluations() < options.maxEvaluations());
    if (!finite || (state.status() != null && !raised)) {
      return new MinimizerResult(run.x, run.cost, run.gnorm, state.status() != null ? state.status() : FitStatus.NON_FINITE_COST,
          run.iteration, run.evaluations, run.log);
    }
    return run.iterate();
  }

  /** One minimization in progress. */
  private final class Run {
    final Residuals res;
    final IterationListener listener;
    final Consumer<MinimizerState.LmState> checkpoint;
    final int n;
    final int m;
    final List<IterationRecord> log = new ArrayList<>();
    final double[] r;
    final DMatrixRMaj jac;
    final double[] g;
    final double[] scale;
    double[] x;
    double cost;
    double gnorm;
    double gnorm0;
    double mu;
    double nu;
    int iteration;
    int evaluations;

    Run(Residuals res, IterationListener listener, Consumer<MinimizerState.LmState> checkpoint) {
      this.res = res;
      this.listener = listener;
      this.checkpoint = checkpoint;
      n = res.dimension();
      m = res.count();
      r = new double[m];
      jac = new DMatrixRMaj(m, n);
      g = new double[n];
      scale = new double[n];
    }

    /** Residuals, cost, and (when the cost is finite) Jacobian and gradient at x; false when the cost is not finite. */
    boolean evaluate() {
      res.residuals(x, r);
      cost = halfSquares(r);
      if (!Double.isFinite(cost)) {
        gnorm = Double.NaN;
        return false;
      }
      res.jacobian(x, jac);
      gradient(jac, r, g);
      gnorm = Vectors.norm(g);
      return true;
    }

    MinimizerResult iterate() {
      DMatrixRMaj a = new DMatrixRMaj(m + n, n);
      DMatrixRMaj b = new DMatrixRMaj(m + n, 1);
      DMatrixRMaj h = new DMatrixRMaj(n, 1);
      double[] xt = new double[n];
      double[] rt = new double[m];
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
        boolean accepted = rho > 0;
        if (accepted) {
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
          record(iteration, gnorm, stepNorm);
          if (!Vectors.allFinite(g)) {
            status = FitStatus.NON_FINITE_GRADIENT;
          } else if (gradientConverged(gnorm, gnorm0)) {
            status = FitStatus.GRADIENT_SMALL;
          } else if (actual <= options.costTolerance() * previousCost && predicted <= options.costTolerance() * previousCost) {
            status = FitStatus.COST_STALLED;
          } else if (stepNorm <= options.stepTolerance() * (Vectors.norm(x) + options.stepTolerance())) {
            status = FitStatus.STEP_SMALL;
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
        if (accepted && status == null) {
          save(null);
        }
      }
      return stop(status);
    }

    void record(int it, double gradientNorm, double step) {
      IterationRecord rec = new IterationRecord("lm", it, cost, gradientNorm, step, evaluations);
      log.add(rec);
      listener.onIteration(rec);
    }

    void save(FitStatus status) {
      checkpoint.accept(new MinimizerState.LmState(x, mu, nu, scale, gnorm0, iteration, evaluations, log, status));
    }

    MinimizerResult stop(FitStatus status) {
      save(status);
      return new MinimizerResult(x, cost, gnorm, status, iteration, evaluations, log);
    }
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
}
