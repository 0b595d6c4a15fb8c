package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, Algorithm 7.4/7.5: the two-loop recursion with initial
 * Hessian γI, γ = sᵀy/yᵀy) with a strong Wolfe line search. Stopping rules: see {@link LbfgsOptions}.
 *
 * <p>A correction pair is stored only when sᵀy is safely positive, so the implied Hessian stays
 * positive definite. When a line search fails, the memory is cleared and steepest descent tried once
 * before giving up with {@link FitStatus#LINE_SEARCH_FAILED}.
 */
public final class Lbfgs {

  private final LbfgsOptions options;

  /** A minimizer with these settings. */
  public Lbfgs(LbfgsOptions options) {
    this.options = options;
  }

  /** Minimizes f from x0, telling the listener about every iteration. */
  public MinimizerResult minimize(Objective f, double[] x0, IterationListener listener) {
    int n = f.dimension();
    int m = options.memory();
    double[][] s = new double[m][];
    double[][] y = new double[m][];
    double[] rho = new double[m];
    int stored = 0;
    int newest = -1;
    List<IterationRecord> log = new ArrayList<>();
    StrongWolfeLineSearch lineSearch = new StrongWolfeLineSearch(options.c1(), options.c2(), options.maxLineSearchEvaluations());

    double[] x = x0.clone();
    double[] g = new double[n];
    double fx = f.valueAndGradient(x, g);
    int evaluations = 1;
    double gnorm = Vectors.norm(g);
    record(log, listener, 0, fx, gnorm, 0, evaluations);
    if (!Double.isFinite(fx)) {
      return new MinimizerResult(x, fx, gnorm, FitStatus.NON_FINITE_COST, 0, evaluations, log);
    }
    if (!Vectors.allFinite(g)) {
      return new MinimizerResult(x, fx, gnorm, FitStatus.NON_FINITE_GRADIENT, 0, evaluations, log);
    }
    double gnorm0 = gnorm;
    if (converged(gnorm, gnorm0)) {
      return new MinimizerResult(x, fx, gnorm, FitStatus.CONVERGED_GRADIENT, 0, evaluations, log);
    }
    double[] d = new double[n];
    double[] alpha = new double[m];
    int iteration = 0;
    FitStatus status = null;
    while (status == null) {
      // two-loop recursion: d = −H·g
      for (int i = 0; i < n; i++) {
        d[i] = -g[i];
      }
      for (int k = 0, j = newest; k < stored; k++, j = (j - 1 + m) % m) {
        alpha[j] = rho[j] * Vectors.dot(s[j], d);
        Vectors.axpy(d, -alpha[j], y[j], d);
      }
      double gamma = stored > 0 ? 1 / (rho[newest] * Vectors.dot(y[newest], y[newest])) : 1;
      for (int i = 0; i < n; i++) {
        d[i] *= gamma;
      }
      for (int k = 0, j = (newest - stored + 1 + m) % m; k < stored; k++, j = (j + 1) % m) {
        double beta = rho[j] * Vectors.dot(y[j], d);
        Vectors.axpy(d, alpha[j] - beta, s[j], d);
      }
      // first step (or after a reset): at most one unit in the scaled space
      double alpha1 = stored > 0 ? 1 : Math.min(1, 1 / Vectors.norm(d));
      StrongWolfeLineSearch.Step step = lineSearch.search(f, x, fx, g, d, alpha1, 1e10);
      evaluations += step.evaluations();
      if (!step.found()) {
        if (stored > 0) {
          stored = 0;
          newest = -1;
          continue;
        }
        status = FitStatus.LINE_SEARCH_FAILED;
        break;
      }
      iteration++;
      double[] sNew = new double[n];
      double[] yNew = new double[n];
      for (int i = 0; i < n; i++) {
        sNew[i] = step.x()[i] - x[i];
        yNew[i] = step.g()[i] - g[i];
      }
      double sy = Vectors.dot(sNew, yNew);
      if (sy > 1e-10 * Vectors.norm(sNew) * Vectors.norm(yNew)) {
        newest = (newest + 1) % m;
        s[newest] = sNew;
        y[newest] = yNew;
        rho[newest] = 1 / sy;
        stored = Math.min(stored + 1, m);
      }
      double fPrev = fx;
      x = step.x();
      g = step.g();
      fx = step.f();
      gnorm = Vectors.norm(g);
      record(log, listener, iteration, fx, gnorm, Vectors.norm(sNew), evaluations);
      if (converged(gnorm, gnorm0)) {
        status = FitStatus.CONVERGED_GRADIENT;
      } else if (fPrev - fx <= options.costTolerance() * Math.max(Math.abs(fPrev), Math.abs(fx))) {
        status = FitStatus.CONVERGED_COST;
      } else if (iteration >= options.maxIterations()) {
        status = FitStatus.MAX_ITERATIONS;
      } else if (evaluations >= options.maxEvaluations()) {
        status = FitStatus.MAX_EVALUATIONS;
      }
    }
    return new MinimizerResult(x, fx, gnorm, status, iteration, evaluations, log);
  }

  private boolean converged(double gnorm, double gnorm0) {
    return gnorm <= options.gradientTolerance() * gnorm0 || gnorm <= options.absoluteGradientTolerance();
  }

  private static void record(List<IterationRecord> log, IterationListener listener, int it, double f, double gnorm, double step, int evals) {
    IterationRecord r = new IterationRecord("lbfgs", it, f, gnorm, step, evals);
    log.add(r);
    listener.onIteration(r);
  }
}
