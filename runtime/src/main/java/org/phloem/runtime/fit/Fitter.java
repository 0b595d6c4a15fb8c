package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.CompiledModel;

/**
 * The one entry point for fitting a compiled model: builds the search space and the Bayesian cost,
 * runs the chosen minimizer, polishes with Newton steps on the exact Hessian, and returns the optimum
 * in physical units.
 *
 * <p>Method choice ({@link FitOptions.Method#AUTO}): when no slot has a prior the cost is a pure sum
 * of squares and Levenberg–Marquardt (Gauss–Newton near the optimum) is used; otherwise L-BFGS. The
 * Newton polish runs afterwards unless switched off or the model has more than
 * {@link FitOptions#newtonMaxParameters()} slots. If the minimizer stopped without converging but the
 * polish brought the gradient norm below the minimizer's gradient tolerance, the status becomes
 * {@link FitStatus#CONVERGED_GRADIENT} and a note says so; otherwise the minimizer's status stands.
 *
 * <p>With a {@link FitCheckpoint} in the options, the state is saved after every iteration of the
 * minimizer; {@link #resume} continues from it. The polish is not checkpointed: it is short and is
 * simply run again from the minimizer's end point.
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
    List<IterationRecord> log = new ArrayList<>();

    boolean useLm = switch (options.method()) {
      case LEVENBERG_MARQUARDT -> true;
      case LBFGS -> false;
      case AUTO -> space.allFlat() && ObservationElements.sumOfSquares(model.info());
    };
    if (resumeFrom != null) {
      if (useLm != (resumeFrom instanceof MinimizerState.LmState)) {
        throw new FitException("the saved fit state is of another minimizer than its settings choose; it cannot be resumed");
      }
      notes.add("resumed from a saved state after iteration " + resumeFrom.iteration());
    }
    String name = model.info().name();
    List<String> slots = model.info().slotNames();
    FitOptions saved = options.withListener(IterationListener.NONE).withCheckpoint(FitCheckpoint.NONE);
    MinimizerResult main;
    double gradientTolerance;
    double absoluteTolerance;
    String method;
    if (useLm) {
      ModelResiduals residuals = new ModelResiduals(model, space);
      LevenbergMarquardt lm = new LevenbergMarquardt(options.lm());
      java.util.function.Consumer<MinimizerState.LmState> save = s -> options.checkpoint().save(new FitState(name, slots, saved, s));
      main = resumeFrom == null ? lm.minimize(residuals, x0, options.listener(), save)
          : lm.resume(residuals, (MinimizerState.LmState) resumeFrom, options.listener(), save);
      gradientTolerance = options.lm().gradientTolerance();
      absoluteTolerance = options.lm().absoluteGradientTolerance();
      method = "lm";
    } else {
      Lbfgs lbfgs = new Lbfgs(options.lbfgs());
      java.util.function.Consumer<MinimizerState.LbfgsState> save = s -> options.checkpoint().save(new FitState(name, slots, saved, s));
      main = resumeFrom == null ? lbfgs.minimize(cost, x0, options.listener(), save)
          : lbfgs.resume(cost, (MinimizerState.LbfgsState) resumeFrom, options.listener(), save);
      gradientTolerance = options.lbfgs().gradientTolerance();
      absoluteTolerance = options.lbfgs().absoluteGradientTolerance();
      method = "lbfgs";
    }
    log.addAll(main.log());
    double[] x = main.x();
    FitStatus status = main.status();
    int evaluations = main.evaluations();
    double gnorm = main.gradientNorm();

    boolean finite = status != FitStatus.NON_FINITE_COST && status != FitStatus.NON_FINITE_GRADIENT;
    if (finite && options.newtonSteps() > 0) {
      if (space.dimension() > options.newtonMaxParameters()) {
        notes.add("Newton polish skipped: " + space.dimension() + " slots exceed the limit of " + options.newtonMaxParameters());
      } else {
        NewtonPolish.Outcome polish = new NewtonPolish(options.newtonSteps()).polish(cost, x, options.listener());
        log.addAll(polish.log());
        evaluations += polish.evaluations();
        method += "+newton";
        notes.add("Newton polish: " + polish.steps() + " step(s); stopped because " + polish.stopReason());
        if (polish.steps() > 0) {
          x = polish.x();
          gnorm = polish.gradientNorm();
          double gnorm0 = main.log().get(0).gradientNorm();
          if (!status.isConverged() && (gnorm <= gradientTolerance * gnorm0 || gnorm <= absoluteTolerance)) {
            notes.add(method.substring(0, method.indexOf('+')) + " stopped with " + status
                + "; the Newton polish then reached the gradient tolerance");
            status = FitStatus.CONVERGED_GRADIENT;
          }
        }
      }
    }
    double j = cost.value(x);
    evaluations++;
    return new FitResult(space.toPhysical(x), x, j, cost.lastObservationCost(), cost.lastPriorCost(), gnorm, status, method, log,
        evaluations, notes);
  }
}
