package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, Algorithm 7.4/7.5: the two-loop recursion with initial
 * Hessian γI, γ = sᵀy/yᵀy) with a strong Wolfe line search. Stopping rules: see {@link LbfgsOptions}.
 *
 * <p>A correction pair is stored only when sᵀy is safely positive, so the implied Hessian stays
 * positive definite. When a line search fails, the memory is cleared and steepest descent tried once
 * before giving up with {@link FitStatus#LINE_SEARCH_FAILED}.
 *
 * <p>Given a {@link CrawlRule} (the fit does so when trust-region Newton follows), it also stops with
 * {@link FitStatus#CRAWLING} when its progress says it will not converge within its limits.
 *
 * <p>After every iteration (and at the start) the full state goes to a checkpoint; {@link #resume}
 * continues from such a state with the same arithmetic as the uninterrupted run.
 */
public final class Lbfgs {

  private final LbfgsOptions options;
  /** When to hand over to a following trust-region phase before converging (null: never). */
  private final CrawlRule crawl;

  /** A minimizer with these settings. */
  public Lbfgs(LbfgsOptions options) {
    this(options, null);
  }

  /** A minimizer with these settings that also stops with {@link FitStatus#CRAWLING} when {@code crawl} says so (null: never). */
  Lbfgs(LbfgsOptions options, CrawlRule crawl) {
    this.options = options;
    this.crawl = crawl;
  }

  /** Minimizes f from x0, telling the listener about every iteration. */
  public MinimizerResult minimize(Objective f, double[] x0, IterationListener listener) {
    return minimize(f, x0, listener, s -> { });
  }

  /** Minimizes f from x0, telling the listener about every iteration and the checkpoint about the state after it. */
  public MinimizerResult minimize(Objective f, double[] x0, IterationListener listener, Consumer<MinimizerState.LbfgsState> checkpoint) {
    Run run = new Run(f, listener, checkpoint);
    run.x = x0.clone();
    run.g = new double[f.dimension()];
    run.fx = f.valueAndGradient(run.x, run.g);
    run.evaluations = 1;
    run.gnorm = Vectors.norm(run.g);
    run.record(0);
    if (!Double.isFinite(run.fx)) {
      return run.stop(FitStatus.NON_FINITE_COST);
    }
    if (!Vectors.allFinite(run.g)) {
      return run.stop(FitStatus.NON_FINITE_GRADIENT);
    }
    run.gnorm0 = run.gnorm;
    if (converged(run.gnorm, run.gnorm0)) {
      return run.stop(FitStatus.GRADIENT_SMALL);
    }
    run.save(null);
    return run.iterate();
  }

  /**
   * Continues from a saved state. A state that had stopped is returned as it was, unless it stopped at
   * an iteration or evaluation limit that these options raise: then the iterations go on.
   */
  public MinimizerResult resume(Objective f, MinimizerState.LbfgsState state, IterationListener listener,
      Consumer<MinimizerState.LbfgsState> checkpoint) {
    if (state.x().length != f.dimension()) {
      throw new IllegalArgumentException("state has " + state.x().length + " variables, objective " + f.dimension());
    }
    Run run = new Run(f, listener, checkpoint);
    run.x = state.x();
    run.g = state.gradient();
    run.fx = state.cost();
    run.gnorm = Vectors.norm(run.g);
    run.gnorm0 = state.initialGradientNorm();
    run.iteration = state.iteration();
    run.evaluations = state.evaluations();
    run.log.addAll(state.log());
    for (int k = 0; k < state.s().size(); k++) {
      run.store(state.s().get(k), state.y().get(k));
    }
    if (state.status() != null && !limitRaised(state)) {
      return new MinimizerResult(run.x, run.fx, run.gnorm, state.status(), run.iteration, run.evaluations, run.log);
    }
    return run.iterate();
  }

  private boolean limitRaised(MinimizerState.LbfgsState state) {
    return (state.status() == FitStatus.MAX_ITERATIONS && state.iteration() < options.maxIterations())
        || (state.status() == FitStatus.MAX_EVALUATIONS && state.evaluations() < options.maxEvaluations());
  }

  private boolean converged(double gnorm, double gnorm0) {
    return gnorm <= options.gradientTolerance() * gnorm0 || gnorm <= options.absoluteGradientTolerance();
  }

  /** One minimization in progress: the iterate, the correction pairs (a ring buffer) and the counts. */
  private final class Run {
    final Objective f;
    final IterationListener listener;
    final Consumer<MinimizerState.LbfgsState> checkpoint;
    final int n;
    final int m = options.memory();
    final double[][] s = new double[m][];
    final double[][] y = new double[m][];
    final double[] rho = new double[m];
    int stored;
    int newest = -1;
    final List<IterationRecord> log = new ArrayList<>();
    double[] x;
    double[] g;
    double fx;
    double gnorm;
    double gnorm0;
    int iteration;
    int evaluations;

    Run(Objective f, IterationListener listener, Consumer<MinimizerState.LbfgsState> checkpoint) {
      this.f = f;
      this.listener = listener;
      this.checkpoint = checkpoint;
      this.n = f.dimension();
    }

    MinimizerResult iterate() {
      StrongWolfeLineSearch lineSearch = new StrongWolfeLineSearch(options.c1(), options.c2(), options.maxLineSearchEvaluations());
      double[] d = new double[n];
      double[] alpha = new double[m];
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
        store(sNew, yNew);
        double fPrev = fx;
        x = step.x();
        g = step.g();
        fx = step.f();
        gnorm = Vectors.norm(g);
        record(Vectors.norm(sNew));
        if (converged(gnorm, gnorm0)) {
          status = FitStatus.GRADIENT_SMALL;
        } else if (fPrev - fx <= options.costTolerance() * Math.max(Math.abs(fPrev), Math.abs(fx))) {
          status = FitStatus.COST_STALLED;
        } else if (iteration >= options.maxIterations()) {
          status = FitStatus.MAX_ITERATIONS;
        } else if (evaluations >= options.maxEvaluations()) {
          status = FitStatus.MAX_EVALUATIONS;
        } else if (crawl != null && crawl.judge(log, options.maxIterations(), options.maxEvaluations()) != null) {
          status = FitStatus.CRAWLING;
        }
        if (status == null) {
          save(null);
        }
      }
      return stop(status);
    }

    /** Keeps the pair when sᵀy is safely positive (the same rule for a fresh pair and a restored one). */
    void store(double[] sNew, double[] yNew) {
      double sy = Vectors.dot(sNew, yNew);
      if (sy > 1e-10 * Vectors.norm(sNew) * Vectors.norm(yNew)) {
        newest = (newest + 1) % m;
        s[newest] = sNew;
        y[newest] = yNew;
        rho[newest] = 1 / sy;
        stored = Math.min(stored + 1, m);
      }
    }

    void record(double step) {
      IterationRecord r = new IterationRecord("lbfgs", iteration, fx, gnorm, step, evaluations);
      log.add(r);
      listener.onIteration(r);
    }

    void save(FitStatus status) {
      List<double[]> ss = new ArrayList<>();
      List<double[]> ys = new ArrayList<>();
      for (int k = 0, j = (newest - stored + 1 + m) % m; k < stored; k++, j = (j + 1) % m) {
        ss.add(s[j]);
        ys.add(y[j]);
      }
      checkpoint.accept(new MinimizerState.LbfgsState(x, fx, g, gnorm0, ss, ys, iteration, evaluations, log, status));
    }

    MinimizerResult stop(FitStatus status) {
      save(status);
      return new MinimizerResult(x, fx, gnorm, status, iteration, evaluations, log);
    }
  }
}
