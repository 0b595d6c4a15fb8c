package org.phloem.runtime.twin;

import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.fit.ObservationElements;
import org.phloem.runtime.posterior.Posterior;
import org.phloem.runtime.posterior.PosteriorAnalysis;

/**
 * Fits a model bound to synthetic observations and scores the posterior against the truth they were
 * made with. The fit starts where the options say (by default the prior means), as a real analysis
 * would: nothing of the truth is used but for the scoring.
 */
public final class TwinExperiment {
  private TwinExperiment() {}

  /**
   * Runs the experiment.
   *
   * @param synthetic the model bound to observations made at {@code truth} (see {@link SyntheticObservations})
   * @param truth the true parameters, in slot order
   * @param options how to fit
   * @throws org.phloem.runtime.fit.FitException when the fit or the posterior cannot be computed
   */
  public static TwinReport run(CompiledModel synthetic, double[] truth, FitOptions options) {
    ModelInfo info = synthetic.info();
    if (truth.length != info.parameterCount()) {
      throw new IllegalArgumentException(truth.length + " true values for " + info.parameterCount() + " parameter slots");
    }
    double observationCostAtTruth = synthetic.cost(truth);
    FitResult fit = Fitter.fit(synthetic, options);
    Posterior posterior = PosteriorAnalysis.at(synthetic, fit.parameters());
    synthetic.cost(fit.parameters());
    int m = ObservationElements.read(synthetic).size();
    double[] mean = info.priorMeans();
    double[] sd = info.priorSds();
    boolean[] log = info.logScale();
    List<TwinRow> rows = new ArrayList<>();
    for (int i = 0; i < truth.length; i++) {
      rows.add(TwinRow.of(info.slotNames().get(i), truth[i], mean[i], sd[i], fit.parameters()[i], posterior.sd()[i], log[i]));
    }
    return new TwinReport(info.name(), rows, fit, posterior, m, observationCostAtTruth);
  }
}
