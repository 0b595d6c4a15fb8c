package org.phloem.runtime.report;

import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ObservationInfo;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.ObservationElements;
import org.phloem.runtime.posterior.OutputSd;
import org.phloem.runtime.posterior.OutputUncertainty;
import org.phloem.runtime.posterior.Posterior;
import org.phloem.runtime.posterior.PosteriorAnalysis;

/**
 * Everything the report writers need about one fit, gathered once.
 *
 * @param info the model's description
 * @param fit the fit
 * @param posterior the posterior at the optimum
 * @param outputs every declared output and observation model array with its posterior sd
 * @param residuals one row per non-missing observation element
 */
public record FitReport(ModelInfo info, FitResult fit, Posterior posterior, List<OutputSd> outputs, List<ResidualRow> residuals) {

  public FitReport {
    outputs = List.copyOf(outputs);
    residuals = List.copyOf(residuals);
  }

  /** Computes the posterior and output sds at the fit's optimum and gathers the residuals. */
  public static FitReport analyze(CompiledModel model, FitResult fit) {
    Posterior posterior = PosteriorAnalysis.at(model, fit.parameters(), held(fit));
    List<OutputSd> outputs = OutputUncertainty.compute(model, fit.parameters(), posterior.covariance(), false);
    return of(model, fit, posterior, outputs);
  }

  /** Per slot, whether the fit held it on a bound (the posterior is then conditional on it). */
  public static boolean[] held(FitResult fit) {
    boolean[] held = new boolean[fit.parameters().length];
    for (int i = 0; i < held.length; i++) {
      held[i] = fit.verdict() != null && fit.bounds().get(i).isActive();
    }
    return held;
  }

  /** Gathers a report from parts already computed (the residuals are read from the model at the optimum). */
  public static FitReport of(CompiledModel model, FitResult fit, Posterior posterior, List<OutputSd> outputs) {
    ModelInfo info = model.info();
    model.cost(fit.parameters());
    List<ResidualRow> rows = new ArrayList<>();
    for (ObservationElements.Element e : ObservationElements.read(model)) {
      ObservationInfo obs = info.observations().get(e.observation());
      double modelled = model.output(e.modelOutput())[e.index()];
      double modelledSd = Double.NaN;
      for (OutputSd o : outputs) {
        if (o.output() == e.modelOutput()) {
          modelledSd = o.sd()[e.index()];
        }
      }
      String element = info.elementLabel(info.outputs().get(e.modelOutput()).dims(), e.index());
      rows.add(new ResidualRow(obs.label(), e.index(), element, modelled, modelledSd, e.observed(), e.sd(), e.residual(modelled)));
    }
    return new FitReport(info, fit, posterior, outputs, rows);
  }
}
