package org.phloem.tests.ccdas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;

/**
 * The short variant of the experiment in the default suite: models/ccdas/ccdas_short.phl (1980-1981,
 * the 1981 months of the 41 stations) fitted from the prior means converges, to the cost the README
 * states for {@code ./phloem fit models/ccdas/ccdas_short.phl}. The full fits are CcdasStudyLongTest's.
 * Tolerance 0.1 % of the cost: far above platform rounding, far below what a change of the model would move.
 */
class CcdasFitTest {

  @Test
  void shortFit_converges_toTheReadmesCost() throws Exception {
    CompiledModel model = CcdasModel.load("ccdas_short.phl", true).model();
    FitResult fit = Fitter.fit(model, FitOptions.defaults());
    assertTrue(fit.status().isConverged(), fit.summary());
    System.out.printf("short fit: J = %.4f (observations %.4f)%n", fit.cost(), fit.observationCost());
    assertEquals(EXPECTED_COST, fit.cost(), 1e-3 * EXPECTED_COST, "cost J");
  }

  /** README, "Short variant". */
  static final double EXPECTED_COST = 67.346;
}
