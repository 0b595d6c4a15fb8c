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
import org.phloem.runtime.posterior.LaplaceCheck;
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
 * @param covariance which covariance the sds, correlations and output sds come from, as a sentence
 * @param laplace J two posterior sds out along each eigen-direction (the Laplace posterior's own check), or
 *     null when the covariance is not the inverse Hessian or none was computed
 */
public record FitReport(ModelInfo info, FitResult fit, Posterior posterior, List<OutputSd> outputs, List<ResidualRow> residuals,
    CovarianceStatement covariance, LaplaceCheck laplace) {

  public FitReport {
    outputs = List.copyOf(outputs);
    residuals = List.copyOf(residuals);
  }

  /**
   * Computes the posterior and output sds at the fit's optimum and gathers the residuals. The covariance
   * is the least-squares s²(JᵀJ)⁻¹ when every parameter has a flat prior and every observation sd is
   * fixed, else the inverse Hessian (see {@link CovarianceStatement}).
   *
   * @throws org.phloem.runtime.fit.FitException when the covariance cannot be computed there
   */
  public static FitReport analyze(CompiledModel model, FitResult fit) {
    boolean allFlat = LeastSquaresReport.allFlat(model);
    // the compiler knows each observation's likelihood and whether its sd is fitted; the probe also
    // catches models built without that knowledge
    boolean sumOfSquares = org.phloem.runtime.fit.ObservationElements.sumOfSquares(model.info());
    CovarianceStatement statement = CovarianceStatement.laplace(allFlat, sumOfSquares);
    if (allFlat && sumOfSquares && !LeastSquaresReport.sdsDependOnParameters(model, fit.parameters())) {
      try {
        return LeastSquaresReport.analyze(model, fit);
      } catch (org.phloem.runtime.fit.FitException e) {
        // s²(JᵀJ)⁻¹ needs more observations than parameters and J of full rank; the Hessian may still exist
        statement = CovarianceStatement.laplaceInstead(e.getMessage());
      }
    }
    Posterior posterior = PosteriorAnalysis.at(model, fit.parameters(), held(fit));
    List<OutputSd> outputs = OutputUncertainty.compute(model, fit.parameters(), posterior.covariance(), false);
    return of(model, fit, posterior, outputs, statement, LaplaceCheck.of(model, posterior));
  }

  /** A report of a fit without a posterior (none could be computed): the fit and its iterations only. */
  public static FitReport withoutPosterior(ModelInfo info, FitResult fit) {
    return new FitReport(info, fit, null, List.of(), List.of(), null, null);
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
  static FitReport of(CompiledModel model, FitResult fit, Posterior posterior, List<OutputSd> outputs, CovarianceStatement covariance) {
    return of(model, fit, posterior, outputs, covariance, null);
  }

  /** The same, with the Laplace check of the posterior (null: none). */
  static FitReport of(CompiledModel model, FitResult fit, Posterior posterior, List<OutputSd> outputs, CovarianceStatement covariance,
      LaplaceCheck laplace) {
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
    return new FitReport(info, fit, posterior, outputs, rows, covariance, laplace);
  }
}
