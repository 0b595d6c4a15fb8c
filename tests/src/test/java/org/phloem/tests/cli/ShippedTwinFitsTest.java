package org.phloem.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.tests.support.Repo;

/**
 * The fits the model READMEs report on the twins shipped in data/ ({@code ./phloem fit MODEL --no-plots} on a
 * fresh clone): models/transport/README.md, "Run" (the flux inversion: J_obs 5.5, a noise-free twin) and
 * models/bethy_lite/README.md, "Data" (J = 0.2585): each ends CONVERGED at those figures.
 */
class ShippedTwinFitsTest {
  @ParameterizedTest
  @CsvSource({"transport/flux_inversion.phl, 82.05643781, 5.503518820", "bethy_lite/bethy_lite.phl, 0.2584525056, 0.06643863208"})
  void theReadmesFit_endsConvergedAtItsFigures(String model, double j, double jObs) throws Exception {
    CompiledModel m = Repo.load(model);
    FitResult fit = Fitter.fit(m, FitOptions.defaults());
    assertTrue(fit.status().isConverged(), fit.summary());
    assertEquals(j, fit.cost(), 1e-6 * j, "J");
    assertEquals(jObs, fit.observationCost(), 1e-6 * j, "J observations");
  }
}
