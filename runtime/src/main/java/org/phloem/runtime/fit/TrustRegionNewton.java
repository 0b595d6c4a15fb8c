package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A trust-region Newton method on the exact Hessian-vector products (Nocedal &amp; Wright, Algorithm 4.1
 * with the Steihaug–Toint subproblem solver {@link SteihaugCg}), in the search space x, with an active
 * set for the bounds: the final phase of a fit after L-BFGS or Levenberg–Marquardt, or a minimizer on
 * its own.
 *
 * <p>Each iteration: slots that are within 1e-3 of their scale from a bound with the gradient pushing
 * them out are moved onto it (to 1e-10 of their scale, where the transform to x still resolves them)
 * when that does not raise the cost, and held there while the gradient keeps pushing (see
 * {@link BoundProximity}), and slots near a bound with the gradient pulling them inside by more than the verdict's
 * gradient tolerance are put back inside, where the transform is not flat ({@link BoundRelease}); the step solves the trust-region subproblem on the other slots to a residual
 * of {@value #CG_TOLERANCE} of the gradient (at most 2n + 10 products); the radius follows the ratio ρ of actual to predicted
 * decrease (¼ ‖p‖ below ρ = ¼, doubled above ¾ when the step reached the boundary). Negative curvature
 * takes the step to the boundary, so a saddle is left along its descent direction; when the model
 * predicts nothing more (a zero gradient), the smallest eigenpair of the free Hessian is checked and a
 * negative one is followed.
 *
 * <p>When the decrease the model predicts is below the rounding of the cost, the step is taken if it
 * at least halves the gradient (quadratic convergence shows there, not in the cost) and the cost does not
 * rise beyond its rounding: a fixed band of {@value #ROUNDING_ULPS} ulps, or, when the cost rose above
 * that, its rounding noise measured by {@link CostNoise}, with the change along the step measured by the
 * trapezoid rule on the two gradients showing a decrease. Stops, handed to
 * the {@link Verdict}: {@link FitStatus#GRADIENT_SMALL} when such a step no longer halves the gradient,
 * or three iterations in a row lowered the cost by no more than rounding (a refused step whose predicted
 * decrease was above rounding counts only where the verdict's gradient condition holds: elsewhere the radius
 * shrinks instead); {@link FitStatus#NO_PROGRESS} when the radius shrank to nothing; the iteration limit;
 * non-finite cost or gradient at the start. After every iteration the state goes to the checkpoint.
 */
public final class TrustRegionNewton {

  /** How close (in scale units) a slot pushed outward must be to a bound to be moved onto it. */
  static final double SNAP_WITHIN = 1e-3;
  /** Where (in scale units inside the bound) a slot moved onto its bound is put. */
  static final double SNAP_TO = 1e-10;
  /**
   * How close (in scale units) a slot pushed outward must be to a bound to be tried on it (see
   * holdBounds): a fit's CCDAS parameters crawled toward their bounds from about this far.
   */
  static final double REACH = 0.1;
  /** Iterations to wait after a projected trial (see holdBounds) failed before trying one again. */
  static final int PROJECTED_TRIAL_EVERY = 10;
  /** Trust-region iterations a projected trial (see holdBounds) may take. */
  static final int PROJECTED_ITERATIONS = 10;
  /** Releases (see {@link BoundRelease}) that moved nothing after which a run tries none again (each takes a few gradients). */
  static final int FAILED_RELEASES = 10;
  /** Where a slot counts as held on its bound (the verdict's default tolerance). */
  static final double HELD_WITHIN = 1e-6;

  /**
   * The CG solve runs to this residual relative to the gradient (in at most 2n + 10 products): a final
   * phase needs the Newton step itself, and on ill-conditioned problems a loose inexact-Newton forcing
   * term stops after the stiff directions and leaves the soft ones, where the optimum is, untouched.
   */
  static final double CG_TOLERANCE = 1e-10;
  /** The cost's rounding band, in ulps of the cost: sums of many terms round to far more than one ulp. */
  static final double ROUNDING_ULPS = 64;

  private final int maxIterations;
  /** Evaluations (products included) this phase may use beyond {@link #maxIterations} iterations (0: none). */
  private final int evaluationBudget;
  /** Whether slots crawling toward a bound are tried on it (not inside such a trial). */
  private final boolean trials;
  /** Whether the verdict's gradient condition (a) holds at a point (null: never asked, taken as not holding). */
  private final Predicate<double[]> stationary;
  /** The verdict's gradient tolerance (scaled): a slot near a bound pulled inward by more is released ({@link BoundRelease}). */
  private final double releasePull;

  /** A minimizer allowed {@code maxIterations} iterations. */
  public TrustRegionNewton(int maxIterations) {
    this(maxIterations, 0, null, ConvergenceTolerances.defaults().gradient(), true);
  }

  /**
   * A minimizer allowed {@code maxIterations} iterations, and more while its evaluations (cost and
   * gradient, Hessian-vector products) stay below {@code evaluationBudget}; past both it stops with
   * {@link FitStatus#MAX_EVALUATIONS} (with {@link FitStatus#MAX_ITERATIONS} when the budget is 0).
   * {@code stationary} says whether the verdict's gradient condition holds at a point: where it does, refused
   * steps count toward the stop, as steps that lower the cost by no more than rounding do (null: never).
   */
  public TrustRegionNewton(int maxIterations, int evaluationBudget, Predicate<double[]> stationary) {
    this(maxIterations, evaluationBudget, stationary, ConvergenceTolerances.defaults().gradient(), true);
  }

  /**
   * As {@link #TrustRegionNewton(int, int, Predicate)}, with the verdict's gradient tolerance {@code gradientTolerance}
   * (scaled): a slot near a bound whose scaled gradient pulls it inward by more is put back inside ({@link BoundRelease}).
   */
  public TrustRegionNewton(int maxIterations, int evaluationBudget, Predicate<double[]> stationary, double gradientTolerance) {
    this(maxIterations, evaluationBudget, stationary, gradientTolerance, true);
  }

  private TrustRegionNewton(int maxIterations, int evaluationBudget, Predicate<double[]> stationary, double releasePull, boolean trials) {
    this.maxIterations = maxIterations;
    this.evaluationBudget = evaluationBudget;
    this.stationary = stationary;
    this.releasePull = releasePull;
    this.trials = trials;
  }

  /** Whether a phase at {@code iteration} with {@code evaluations} used must stop, and with which status (null: go on). */
  private FitStatus limit(int iteration, int evaluations) {
    if (iteration < maxIterations || evaluations < evaluationBudget) {
      return null;
    }
    return evaluationBudget > 0 ? FitStatus.MAX_EVALUATIONS : FitStatus.MAX_ITERATIONS;
  }

  /**
   * Minimizes f from x0 (space gives the bounds and scales; null for none), after a phase that left
   * {@code earlier} iterations, stopped with {@code handedOver} and used {@code earlierEvaluations}.
   * The result's evaluations count this phase's only.
   */
  public MinimizerResult minimize(Objective f, SearchSpace space, double[] x0, List<IterationRecord> earlier, FitStatus handedOver,
      String firstMethod, int earlierEvaluations, IterationListener listener, Consumer<MinimizerState.TrustRegionState> checkpoint) {
    Run run = new Run(f, space, listener, checkpoint, earlier, handedOver, firstMethod, earlierEvaluations);
    run.x = x0.clone();
    run.radius = 1;
    if (!run.evaluate()) {
      run.record(0);
      return run.stop(Double.isFinite(run.fx) ? FitStatus.NON_FINITE_GRADIENT : FitStatus.NON_FINITE_COST);
    }
    run.record(0);
    return run.iterate();
  }

  /** Continues from a saved state; one that had stopped is returned as it was unless its iteration limit is raised. */
  public MinimizerResult resume(Objective f, SearchSpace space, MinimizerState.TrustRegionState state, IterationListener listener,
      Consumer<MinimizerState.TrustRegionState> checkpoint) {
    Run run = new Run(f, space, listener, checkpoint, List.of(), state.handedOver(), state.firstMethod(), state.earlierEvaluations());
    run.log.addAll(state.log());
    run.x = state.x();
    run.radius = state.radius();
    run.iteration = state.iteration();
    run.evaluations = state.evaluations();
    run.stalls = state.stalls();
    boolean finite = run.evaluate();
    run.evaluations = state.evaluations();
    boolean raised = state.status() != null && state.status().isLimit() && limit(state.iteration(), state.evaluations()) == null;
    if (!finite || (state.status() != null && !raised)) {
      return new MinimizerResult(run.x, run.fx, run.gnorm, state.status() != null ? state.status() : FitStatus.NON_FINITE_COST,
          run.iteration, run.evaluations, run.log);
    }
    return run.iterate();
  }

  /** One minimization in progress. */
  private final class Run {
    final Objective f;
    final SearchSpace space;
    final IterationListener listener;
    final Consumer<MinimizerState.TrustRegionState> checkpoint;
    final FitStatus handedOver;
    final String firstMethod;
    final int earlierEvaluations;
    final int n;
    final List<IterationRecord> log = new ArrayList<>();
    double[] x;
    double[] g;
    double fx;
    double gnorm;
    double radius;
    int iteration;
    int evaluations;
    int stalls;
    int escapes;
    /** The iteration from which a projected trial (see holdBounds) may be tried again after one failed. */
    int nextProjectedTrial;
    /** Releases (see releaseBounds) that moved nothing; after {@value #FAILED_RELEASES} none is tried. */
    int failedReleases;
    /** The sd of the cost's rounding noise, measured once when needed (NaN before). */
    double costNoise = Double.NaN;
    /** The point at which {@link #stationaryHere} last asked, and its answer. */
    double[] askedAt;
    boolean stationaryAnswer;

    /** Whether the verdict's gradient condition holds at x (asked once per point; one gradient). */
    boolean stationaryHere() {
      if (stationary == null) {
        return false;
      }
      if (askedAt == null || !java.util.Arrays.equals(askedAt, x)) {
        askedAt = x.clone();
        stationaryAnswer = stationary.test(x);
        evaluations++;
      }
      return stationaryAnswer;
    }

    Run(Objective f, SearchSpace space, IterationListener listener, Consumer<MinimizerState.TrustRegionState> checkpoint,
        List<IterationRecord> earlier, FitStatus handedOver, String firstMethod, int earlierEvaluations) {
      this.earlierEvaluations = earlierEvaluations;
      this.f = f;
      this.space = space;
      this.listener = listener;
      this.checkpoint = checkpoint;
      this.handedOver = handedOver;
      this.firstMethod = firstMethod;
      this.n = f.dimension();
      this.g = new double[n];
      log.addAll(earlier);
    }

    boolean evaluate() {
      fx = f.valueAndGradient(x, g);
      evaluations++;
      gnorm = Vectors.norm(g);
      return Double.isFinite(fx) && Vectors.allFinite(g);
    }

    MinimizerResult iterate() {
      FitStatus status = null;
      while (status == null) {
        status = limit(iteration, evaluations);
        if (status != null) {
          break;
        }
        int before = iteration;
        double fBefore = fx;
        double released = releaseBounds();
        boolean[] free = holdBounds();
        double[] gf = new double[n];
        for (int i = 0; i < n; i++) {
          gf[i] = free[i] ? g[i] : 0;
        }
        double gfree = Vectors.norm(gf);
        double band = ROUNDING_ULPS * Math.ulp(Math.abs(fx));
        int freeCount = 0;
        for (boolean b : free) {
          freeCount += b ? 1 : 0;
        }
        SteihaugCg.Step step = gfree == 0 ? null
            : SteihaugCg.solve(g, (v, hv) -> f.hessianVector(x, v, hv), radius, free, CG_TOLERANCE * gfree, 2 * freeCount + 10);
        if (step != null) {
          evaluations += step.products();
        }
        if (step == null) {
          double[] escape = escapeDirection(free);
          if (escape == null) {
            status = FitStatus.GRADIENT_SMALL;
            break;
          }
          step = new SteihaugCg.Step(escape, band, true, true, 0);
        }
        double[] xt = new double[n];
        Vectors.axpy(x, 1, step.p(), xt);
        double[] gt = new double[n];
        double ft = f.valueAndGradient(xt, gt);
        evaluations++;
        double predicted = step.predicted();
        double actual = fx - ft;
        double length = Vectors.norm(step.p());
        boolean finite = Double.isFinite(ft) && Vectors.allFinite(gt);
        double gtFree = 0;
        for (int i = 0; i < n; i++) {
          gtFree += free[i] ? gt[i] * gt[i] : 0;
        }
        gtFree = Math.sqrt(gtFree);
        boolean decreased = finite && predicted > band && actual / predicted > 1e-4;
        // below the cost's rounding noise the ratio means nothing: a step that halves the gradient without
        // raising the cost by more than the model says is at stake is Newton's quadratic convergence
        boolean halved = finite && gtFree <= 0.5 * gfree && ft <= fx + Math.max(band, 2 * predicted);
        if (!halved && finite && gtFree <= 0.5 * gfree && predicted <= band && ft > fx) {
          // the model predicts a change below the cost's rounding, the gradient halved, and the cost rose: by
          // its noise (a sum over many observations rounds to far more than the band), or for real? The
          // change along the step measured by the trapezoid rule on the two gradients (exact for a quadratic)
          // must be a decrease, and the rise within the measured noise of the two costs
          if (Double.isNaN(costNoise)) {
            costNoise = CostNoise.sd(f, x, fx);
            evaluations += CostNoise.EVALUATIONS;
          }
          double integrated = 0.5 * (Vectors.dot(g, step.p()) + Vectors.dot(gt, step.p()));
          halved = integrated <= 0 && ft - fx <= Verdict.NOISE_SDS * Math.sqrt(2) * costNoise;
        }
        boolean accepted = decreased || halved;
        if (!finite || (!halved && actual / predicted < 0.25)) {
          radius = 0.25 * length;
        } else if (decreased && actual / predicted > 0.75 && step.boundary()) {
          radius = Math.min(2 * radius, 1e10);
        }
        // a refused step for which the model predicted a decrease above the cost's rounding (or whose cost was not
        // finite), where the verdict's gradient condition fails, is the trust region at work, not a stall: the radius
        // shrinks and the next step is shorter, down to NO_PROGRESS. Counted as a stall, three of them ended the
        // phase GRADIENT_SMALL at once where a curved valley needs a short step, and the verdict then said STALLED
        // with a large gradient. Where (a) holds, a stop lets the verdict judge (a singular Hessian, a saddle)
        boolean refusedRealStep = !accepted && (!finite || predicted > band) && !stationaryHere();
        stalls = accepted && (actual > 4 * band || halved) ? 0 : refusedRealStep ? stalls : stalls + 1;
        if (released > 0 && fBefore - fx > 4 * band) {
          // the release lowered the cost beyond rounding: progress, whatever the step did
          stalls = 0;
        }
        if (accepted) {
          iteration++;
          x = xt;
          g = gt;
          fx = ft;
          gnorm = Vectors.norm(g);
          record(length);
        } else if (predicted <= band) {
          double[] escape = escapeDirection(free);
          if (escape == null) {
            status = FitStatus.GRADIENT_SMALL;
            break;
          }
          Vectors.axpy(x, 1, escape, xt);
          ft = f.valueAndGradient(xt, gt);
          evaluations++;
          if (Double.isFinite(ft) && Vectors.allFinite(gt) && ft < fx) {
            iteration++;
            x = xt.clone();
            g = gt.clone();
            fx = ft;
            gnorm = Vectors.norm(g);
            record(Vectors.norm(escape));
            stalls = 0;
          }
        }
        if (released > 0 && iteration == before) {
          // the release moved the point though the step did not: the iteration is the release's
          iteration++;
          record(released);
        }
        if (stalls >= 3) {
          status = FitStatus.GRADIENT_SMALL;
        } else if (!(radius > 1e-14 * (1 + Vectors.norm(x)))) {
          status = FitStatus.NO_PROGRESS;
        }
        if (status == null) {
          save(null);
        }
      }
      return stop(status);
    }

    /**
     * Moves slots pushed against a bound onto it (when the cost does not rise) and returns the free
     * slots: all but those held on a bound with the gradient pushing them there.
     *
     * <p>Two reaches. Slots within {@value #SNAP_WITHIN} of their scale are moved together, as always.
     * Slots further out but within {@value #REACH} of their scale, pushed outward, are crawling: through
     * the search space's transform a bound is infinitely far in x and the cost flattens exponentially
     * toward it, so trust-region steps (bounded by a radius that the stiff directions keep small) bring
     * such a slot closer by a fraction of its distance per iteration, for hundreds of iterations. They
     * are put on their bound together, kept if the cost does not rise; when it rises (another slot must
     * move with one of them), the other slots take up to {@value #PROJECTED_ITERATIONS} trust-region
     * iterations from there (a projected trial), kept if the cost falls below the current one, and after a failed trial none is tried for {@value #PROJECTED_TRIAL_EVERY}
     * iterations. A slot whose optimum lies inside after all is released at the next iteration by
     * releaseBounds: the gradient in x alone would not pull it in, the transform being flat there.
     */
    boolean[] holdBounds() {
      boolean[] free = new boolean[n];
      java.util.Arrays.fill(free, true);
      if (space == null) {
        return free;
      }
      double[] xt = x.clone();
      boolean moved = false;
      List<Integer> crawling = new ArrayList<>();
      Bound[] toward = new Bound[n];
      for (int i = 0; i < n; i++) {
        if (BoundProximity.at(space, i, x[i], g[i], 10 * SNAP_TO, 0).isActive()) {
          continue;
        }
        Bound b = BoundProximity.at(space, i, x[i], g[i], SNAP_WITHIN, 0);
        if (b.isActive()) {
          xt[i] = BoundProximity.inside(space, i, b, x[i], SNAP_TO);
          moved |= xt[i] != x[i];
        } else if (BoundProximity.at(space, i, x[i], g[i], REACH, 0).isActive()) {
          crawling.add(i);
          toward[i] = BoundProximity.at(space, i, x[i], g[i], REACH, 0);
        }
      }
      double[] near = xt.clone();
      for (int i : crawling) {
        xt[i] = BoundProximity.inside(space, i, toward[i], x[i], SNAP_TO);
      }
      if (!trials) {
        crawling.clear();
        xt = near;
      }
      if ((moved || !crawling.isEmpty()) && !tryMove(xt) && !crawling.isEmpty()) {
        // together they raise the cost: the near ones as always; the crawling ones with a Newton step of the
        // others from there (a slot tied to a partner along a stiff direction moves only with it)
        if (moved) {
          tryMove(near);
        }
        if (iteration >= nextProjectedTrial) {
          double[] trial = x.clone();
          for (int i : crawling) {
            trial[i] = BoundProximity.inside(space, i, toward[i], x[i], SNAP_TO);
          }
          if (!projectedTrial(trial)) {
            nextProjectedTrial = iteration + PROJECTED_TRIAL_EVERY;
          }
        }
      }
      for (int i = 0; i < n; i++) {
        free[i] = !BoundProximity.at(space, i, x[i], g[i], HELD_WITHIN, 0).isActive();
      }
      return free;
    }

    /**
     * Puts slots that sit near a bound while the cost falls inside it back inside ({@link BoundRelease}): through the
     * flat transform there the steps see a pull too small to move them, holdBounds does not hold them (the gradient
     * does not push them outward), and the phase would stall beside the optimum. Not inside a projected trial (its
     * slots are held on purpose); a release that moves nothing is tried again at most {@value #FAILED_RELEASES} times.
     * Returns the length of the move in x (0: none). Part of an iteration, before the bounds are held and the step
     * taken: a release alone would only ever move the slots near bounds, and one whose pull stays just above the
     * tolerance (its partners along stiff directions not moving) would be released by a sliver at every iteration
     * while the others wait.
     */
    private double releaseBounds() {
      if (space == null || !trials || failedReleases >= FAILED_RELEASES) {
        return 0;
      }
      BoundRelease.Outcome out = BoundRelease.release(f, space, x, g, fx, releasePull, ROUNDING_ULPS * Math.ulp(Math.abs(fx)));
      evaluations += out.evaluations();
      if (out.released() == 0) {
        failedReleases += out.evaluations() > 0 ? 1 : 0;
        return 0;
      }
      double[] step = new double[n];
      Vectors.axpy(out.x(), -1, x, step);
      x = out.x();
      g = out.g();
      fx = out.fx();
      gnorm = Vectors.norm(g);
      return Vectors.norm(step);
    }

    /**
     * From xt (slots put on their bounds), up to {@value #PROJECTED_ITERATIONS} trust-region iterations
     * of their own (those slots held while the gradient pushes them outward, no trials inside), kept when
     * the cost at their end is below the current one: a tied partner moves back onto the stiff direction
     * in a few Newton steps, which one step from a fresh radius does not always do.
     */
    private boolean projectedTrial(double[] xt) {
      TrustRegionNewton inner = new TrustRegionNewton(PROJECTED_ITERATIONS, 0, stationary, releasePull, false);
      MinimizerResult r = inner.minimize(f, space, xt, List.of(), null, firstMethod, 0, IterationListener.NONE, state -> { });
      evaluations += r.evaluations();
      if (!(r.cost() < fx)) {
        return false;
      }
      double[] gt = new double[n];
      double ft = f.valueAndGradient(r.x(), gt);
      evaluations++;
      if (!Double.isFinite(ft) || !Vectors.allFinite(gt) || !(ft < fx)) {
        return false;
      }
      x = r.x();
      g = gt;
      fx = ft;
      gnorm = Vectors.norm(g);
      return true;
    }

    /** Moves to xt when the cost there is finite and not higher; true when it moved. */
    private boolean tryMove(double[] xt) {
      double[] gt = new double[n];
      double ft = f.valueAndGradient(xt, gt);
      evaluations++;
      if (Double.isFinite(ft) && Vectors.allFinite(gt) && ft <= fx) {
        x = xt;
        g = gt;
        fx = ft;
        gnorm = Vectors.norm(g);
        return true;
      }
      return false;
    }

    /**
     * When the model predicts nothing more: the eigenvector of the free Hessian's most negative
     * eigenvalue, scaled to the radius and signed downhill, or null when there is none (at most ten
     * escapes per run, so rounding cannot make it cycle).
     */
    double[] escapeDirection(boolean[] free) {
      if (escapes >= 10 || !f.hasHessianVector()) {
        return null;
      }
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (free[i]) {
          idx.add(i);
        }
      }
      int m = idx.size();
      if (m == 0) {
        return null;
      }
      double[] e = new double[n];
      double[] hv = new double[n];
      org.ejml.data.DMatrixRMaj h = new org.ejml.data.DMatrixRMaj(m, m);
      for (int c = 0; c < m; c++) {
        e[idx.get(c)] = 1;
        f.hessianVector(x, e, hv);
        e[idx.get(c)] = 0;
        for (int r = 0; r < m; r++) {
          h.set(r, c, hv[idx.get(r)]);
        }
      }
      evaluations += m;
      for (int r = 0; r < m; r++) {
        for (int c = r + 1; c < m; c++) {
          double mean = 0.5 * (h.get(r, c) + h.get(c, r));
          h.set(r, c, mean);
          h.set(c, r, mean);
        }
      }
      for (double v : h.getData()) {
        if (!Double.isFinite(v)) {
          return null;
        }
      }
      SymmetricEigen eig = SymmetricEigen.of(h);
      double largest = 0;
      for (double l : eig.values()) {
        largest = Math.max(largest, Math.abs(l));
      }
      double smallest = eig.values()[m - 1];
      if (!(smallest < -Verdict.SADDLE * largest)) {
        return null;
      }
      escapes++;
      double[] d = new double[n];
      double slope = 0;
      for (int r = 0; r < m; r++) {
        d[idx.get(r)] = radius * eig.vectors()[m - 1][r];
        slope += g[idx.get(r)] * d[idx.get(r)];
      }
      if (slope > 0) {
        for (int i = 0; i < n; i++) {
          d[i] = -d[i];
        }
      }
      return d;
    }

    void record(double step) {
      IterationRecord r = new IterationRecord("newton", iteration, fx, gnorm, step, evaluations);
      log.add(r);
      listener.onIteration(r);
    }

    void save(FitStatus status) {
      checkpoint.accept(new MinimizerState.TrustRegionState(x, radius, stalls, handedOver, firstMethod, iteration, evaluations,
          earlierEvaluations, log, status));
    }

    MinimizerResult stop(FitStatus status) {
      save(status);
      return new MinimizerResult(x, fx, gnorm, status, iteration, evaluations, log);
    }
  }
}
