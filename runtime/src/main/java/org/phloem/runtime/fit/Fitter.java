package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.phloem.runtime.CompiledModel;

/**
 * The one entry point for fitting a compiled model: builds the search space and the Bayesian cost,
 * runs the chosen minimizer, finishes with trust-region Newton on the exact Hessian-vector products,
 * judges the end point and returns it in physical units.
 *
 * <p>Phases ({@link FitOptions.Method}): AUTO uses Levenberg–Marquardt when no slot has a prior (the
 * cost is a pure sum of squares) and L-BFGS otherwise; after either, {@link TrustRegionNewton} runs from
 * where it stopped (a relative cost or step test or a failed line search hands over: nothing is decided
 * there) unless switched off or the model has more than {@link FitOptions#newtonMaxParameters()}
 * slots. L-BFGS with Newton to follow also hands over when its progress says it will not converge within
 * its limits ({@link CrawlRule}, status {@link FitStatus#CRAWLING}) and, with the default limits, when it
 * reaches one ({@link FitOptions.HandOver}); the listener hears why ({@link IterationListener#onHandOver}).
 * A first phase that stops at a limit the caller gave ({@link FitOptions#withMaxIterations},
 * {@link FitOptions#withMaxEvaluations}), and Levenberg–Marquardt at any limit, end the fit with that status
 * (so that a resume with a higher limit continues exactly as the uninterrupted fit). NEWTON runs the
 * trust region alone.
 *
 * <p>The status is always the {@link Verdict}'s: {@link FitStatus#CONVERGED} only when the
 * first- and second-order conditions hold on the free slots, with slots pushed onto a bound held there.
 *
 * <p>With a {@link FitCheckpoint} in the options, the state is saved after every iteration of every
 * phase; {@link #resume} continues from it, in the phase it was in.
 */
public final class Fitter {
  private Fitter() {}

  /**
   * Fits {@code model}.
   *
   * @throws FitException when a start value, prior or bound cannot be used (the message names the slot)
   */
  public static FitResult fit(CompiledModel model, FitOptions options) {
    return run(model, options, null);
  }

  /**
   * Continues a fit from a state saved by a {@link FitCheckpoint}, with the state's settings, and
   * reaches the optimum the uninterrupted fit reaches. Iterations before the state are not told to the
   * listener again but are part of the result's log.
   *
   * @throws FitException when the state belongs to another model (name or parameter slots differ)
   */
  public static FitResult resume(CompiledModel model, FitState state, IterationListener listener, FitCheckpoint checkpoint) {
    if (!state.modelName().equals(model.info().name()) || !state.slotNames().equals(model.info().slotNames())) {
      throw new FitException("the saved fit is of model '" + state.modelName() + "' with parameters " + state.slotNames()
          + ", not of model '" + model.info().name() + "' with parameters " + model.info().slotNames());
    }
    return run(model, state.options().withListener(listener).withCheckpoint(checkpoint), state.minimizer());
  }

  private static FitResult run(CompiledModel model, FitOptions options, MinimizerState resumeFrom) {
    SearchSpace space = SearchSpace.of(model.info(), options.start());
    BayesianCost cost = new BayesianCost(model, space);
    double[] x0 = space.toSearch(space.start());
    List<String> notes = new ArrayList<>(space.notes());

    String first = switch (options.method()) {
      case LEVENBERG_MARQUARDT -> "lm";
      case LBFGS -> "lbfgs";
      case NEWTON -> "";
      case AUTO -> space.allFlat() && ObservationElements.sumOfSquares(model.info()) ? "lm" : "lbfgs";
    };
    if (resumeFrom != null) {
      String saved = resumeFrom instanceof MinimizerState.LmState ? "lm" : resumeFrom instanceof MinimizerState.LbfgsState ? "lbfgs"
          : ((MinimizerState.TrustRegionState) resumeFrom).firstMethod();
      if (!saved.equals(first)) {
        throw new FitException("the saved fit state is of another minimizer than its settings choose; it cannot be resumed");
      }
      notes.add("resumed from a saved state after iteration " + resumeFrom.iteration()
          + (resumeFrom instanceof MinimizerState.TrustRegionState ? " of the trust-region Newton phase" : ""));
    }
    String name = model.info().name();
    List<String> slots = model.info().slotNames();
    FitOptions saved = options.withListener(IterationListener.NONE).withCheckpoint(FitCheckpoint.NONE);
    Consumer<MinimizerState> save = s -> options.checkpoint().save(new FitState(name, slots, saved, s));

    // trust-region Newton follows the first phase unless switched off or too costly (an iteration takes up to
    // 2n + 10 Hessian-vector products); only then may L-BFGS hand it the search before converging
    boolean newtonFollows = !first.isEmpty() && options.newtonIterations() > 0 && space.dimension() <= options.newtonMaxParameters();
    boolean lbfgsHandsOver = first.equals("lbfgs") && newtonFollows;
    MinimizerResult main = null;
    if (resumeFrom instanceof MinimizerState.TrustRegionState) {
      // the first phase is over; its iterations are in the state's log
    } else if (first.equals("lm")) {
      LevenbergMarquardt lm = new LevenbergMarquardt(options.lm());
      ModelResiduals residuals = new ModelResiduals(model, space);
      main = resumeFrom == null ? lm.minimize(residuals, x0, options.listener(), save::accept)
          : lm.resume(residuals, (MinimizerState.LmState) resumeFrom, options.listener(), save::accept);
    } else if (first.equals("lbfgs")) {
      CrawlRule crawl = lbfgsHandsOver && options.handOver().whenCrawling()
          ? new CrawlRule(space.dimension(), options.tolerances().decrement()) : null;
      Lbfgs lbfgs = new Lbfgs(options.lbfgs(), crawl);
      main = resumeFrom == null ? lbfgs.minimize(cost, x0, options.listener(), save::accept)
          : lbfgs.resume(cost, (MinimizerState.LbfgsState) resumeFrom, options.listener(), save::accept);
    }
    List<IterationRecord> log = main == null ? List.of() : main.log();
    double[] x = main == null ? x0 : main.x();
    FitStatus phaseStop = main == null ? null : main.status();
    int evaluations = main == null ? 0 : main.evaluations();
    String method = first;

    boolean finite = phaseStop != FitStatus.NON_FINITE_COST && phaseStop != FitStatus.NON_FINITE_GRADIENT;
    boolean newtonAlone = first.isEmpty();
    // a first phase stopped at its limit ends the fit there, so that --resume with a higher limit continues
    // exactly as the uninterrupted fit would; but L-BFGS's default limits are a budget for its phase, after
    // which the trust-region phase takes over (limits the caller gave stop: FitOptions.withMaxIterations)
    boolean limited = phaseStop != null && phaseStop.isLimit() && !(lbfgsHandsOver && options.handOver().atLimit());
    String handOver = main == null || !lbfgsHandsOver || limited ? null : handOverSentence(phaseStop, main.log(), space.dimension(), options);
    if (handOver != null) {
      options.listener().onHandOver(handOver);
    }
    boolean runNewton = resumeFrom instanceof MinimizerState.TrustRegionState
        || (finite && !limited && (newtonAlone || options.newtonIterations() > 0));
    if (runNewton && !newtonAlone && space.dimension() > options.newtonMaxParameters()) {
      notes.add("trust-region Newton phase skipped: " + space.dimension() + " slots exceed its limit of "
          + options.newtonMaxParameters());
      runNewton = false;
    }
    if (runNewton) {
      ConvergenceTolerances tol = options.tolerances();
      TrustRegionNewton newton = new TrustRegionNewton(Math.max(options.newtonIterations(), newtonAlone ? 1 : 0),
          newtonBudget(options, lbfgsHandsOver, main, resumeFrom), at -> Verdict.scaledProjectedGradient(cost, at, tol) < tol.gradient(),
          tol.gradient());
      MinimizerResult tr = resumeFrom instanceof MinimizerState.TrustRegionState state
          ? newton.resume(cost, space, state, options.listener(), save::accept)
          : newton.minimize(cost, space, x, log, phaseStop, first, evaluations, options.listener(), save::accept);
      if (resumeFrom instanceof MinimizerState.TrustRegionState state) {
        evaluations = state.earlierEvaluations();
        phaseStop = state.handedOver();
        handOver = lbfgsHandsOver ? handOverSentence(phaseStop, state.log().stream().filter(r -> r.method().equals("lbfgs")).toList(),
            space.dimension(), options) : null;
      }
      if (handOver != null) {
        notes.add(handOver);
      } else if (phaseStop != null) {
        notes.add(first + " stopped with " + phaseStop + "; trust-region Newton continued from there");
      }
      phaseStop = tr.status();
      x = tr.x();
      log = tr.log();
      evaluations += tr.evaluations();
      method = first.isEmpty() ? "newton" : first + "+newton";
      notes.add("trust-region Newton: " + tr.iterations() + " iteration(s), stopped with " + tr.status());
    }
    Verdict verdict = Verdict.judge(cost, x, phaseStop, options.tolerances());
    evaluations += 1 + verdict.hessianProducts();
    if (!verdict.note().isEmpty()) {
      notes.add(verdict.note());
    }
    double[] g = new double[x.length];
    double j = cost.valueAndGradient(x, g);
    evaluations++;
    return new FitResult(space.toPhysical(x), x, j, cost.lastObservationCost(), cost.lastPriorCost(), Vectors.norm(g), verdict.status(),
        method, log, evaluations, notes, verdict);
  }

  /**
   * The evaluations the trust-region phase may use beyond its {@link FitOptions#newtonIterations()}
   * iterations: after L-BFGS under limits that are a budget ({@link FitOptions.HandOver#atLimit()}), what
   * L-BFGS left of its evaluation limit (a Hessian-vector product counted as one evaluation), so that a fit
   * whose L-BFGS phase crawled still ends with a verdict, within the fit's one budget; otherwise none.
   * The same on a resume (the saved trust-region state holds L-BFGS's evaluations).
   */
  private static int newtonBudget(FitOptions options, boolean lbfgsHandsOver, MinimizerResult lbfgs, MinimizerState resumeFrom) {
    if (!lbfgsHandsOver || !options.handOver().atLimit()) {
      return 0;
    }
    int used = lbfgs != null ? lbfgs.evaluations() : ((MinimizerState.TrustRegionState) resumeFrom).earlierEvaluations();
    return Math.max(0, options.lbfgs().maxEvaluations() - used);
  }

  /**
   * Why L-BFGS handed over before converging (it crawled, or reached a limit), from its stop and its log
   * (which starts with iteration 0); null for its own stops, which need no explaining.
   */
  private static String handOverSentence(FitStatus stop, List<IterationRecord> lbfgsLog, int dimension, FitOptions options) {
    int last = lbfgsLog.isEmpty() ? 0 : lbfgsLog.get(lbfgsLog.size() - 1).iteration();
    if (stop == FitStatus.CRAWLING) {
      // recomputed as it decided (a resume with --max-iter may have changed the limits since)
      CrawlRule.Crawl crawl = new CrawlRule(dimension, options.tolerances().decrement()).judge(lbfgsLog, options.lbfgs().maxIterations(),
          options.lbfgs().maxEvaluations());
      return crawl != null ? crawl.describe() : "L-BFGS hands over to trust-region Newton after iteration " + last
          + ": its progress projected convergence beyond its limits";
    }
    if (stop != null && stop.isLimit()) {
      return String.format(java.util.Locale.ROOT,
          "L-BFGS hands over to trust-region Newton after iteration %d: it reached its %s limit before converging", last,
          stop == FitStatus.MAX_ITERATIONS ? "iteration" : "evaluation");
    }
    return null;
  }
}
