package org.phloem.runtime.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    Posterior posterior = PosteriorAnalysis.at(model, fit.parameters());
    List<OutputSd> outputs = OutputUncertainty.compute(model, fit.parameters(), posterior.covariance(), false);
    return of(model, fit, posterior, outputs);
  }

  /** Gathers a report from parts already computed (the residuals are read from the model at the optimum). */
  public static FitReport of(CompiledModel model, FitResult fit, Posterior posterior, List<OutputSd> outputs) {
    ModelInfo info = model.info();
    model.cost(fit.parameters());
    Map<Integer, OutputSd> sdOf = new HashMap<>();
    for (OutputSd o : outputs) {
      sdOf.put(o.output(), o); // the last one, as a search through the list would find
    }
    List<ObservationElements.Element> elements = ObservationElements.read(model);
    List<ResidualRow> rows = new ArrayList<>(elements.size());
    for (ObservationElements.Element e : elements) {
      ObservationInfo obs = info.observations().get(e.observation());
      double modelled = model.output(e.modelOutput())[e.index()];
      OutputSd o = sdOf.get(e.modelOutput());
      double modelledSd = o == null ? Double.NaN : o.sd()[e.index()];
      String element = info.elementLabel(info.outputs().get(e.modelOutput()).dims(), e.index());
      rows.add(new ResidualRow(obs.label(), e.index(), element, modelled, modelledSd, e.observed(), e.sd(), e.residual(modelled)));
    }
    return new FitReport(info, fit, posterior, outputs, rows);
  }
}
