package org.phloem.tests.bethy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.posterior.Posterior;

/**
 * End to end on reduced data: hyytiala.phl fitted to the NEE of 2000 alone (a one-year copy of the
 * FI-Hyy table in a temporary data root) reproduces the result recorded in models/bethy/README.md
 * ("One-year check"), and leaves the parameters no term of the site model uses at their priors.
 */
class BethyOneYearFitTest {
  private static CompiledModel model;
  private static BethySite.Outcome outcome;

  /** One fit shared by the tests (it is the slow part). */
  private static synchronized BethySite.Outcome outcome() throws Exception {
    if (outcome == null) {
      model = BethySite.load("hyytiala.phl", BethySite.oneYearDataRoot(Files.createTempDirectory("bethy-2000"), 2000));
      outcome = BethySite.fitAndAnalyse(model);
    }
    return outcome;
  }

  @Test
  void fitOf2000_reproducesTheReadme() throws Exception {
    BethySite.Outcome o = outcome();
    assertTrue(o.fit().status().isConverged(), o.fit().summary());
    assertTrue(o.posterior().positiveDefinite(), String.join("; ", o.posterior().warnings()));

    // README, "One-year check" (BethyExperiment --one-year 2000 hyytiala.phl). Tolerances: 0.1 % of the
    // cost and 1 % of each value, far above what platform rounding moves and far below what a change
    // of the model or of the fit would.
    assertEquals(303.59, o.fit().cost(), 0.3, "cost J at the optimum");
    assertEquals(1.098, o.rmseFitPrior(), 0.001, "NEE RMSE at the prior");
    assertEquals(0.695, o.rmseFit(), 0.007, "NEE RMSE at the optimum");
    assertTrue(o.rslowAnnual() > 0, "slow-pool respiration " + o.rslowAnnual());
    String[] names = {"vm[4]", "ccost", "q10f", "tauf", "beta[4]"};
    double[] values = {55.69, 1.361, 2.670, 0.5914, 0.7850};
    double[] sds = {2.924, 0.05210, 0.2135, 0.2513, 0.02504};
    Posterior p = o.posterior();
    for (int k = 0; k < names.length; k++) {
      int i = BethySite.slot(model.info(), names[k]);
      assertEquals(values[k], p.optimum()[i], 0.01 * values[k], names[k]);
      assertEquals(sds[k], p.sd()[i], 0.01 * sds[k], names[k] + " posterior sd");
    }
  }

  @Test
  void posterior_leavesTheOtherPftsAtTheirPriors() throws Exception {
    Posterior p = outcome().posterior();
    double[] prior = model.info().priorMeans();
    int untouched = 0;
    for (int i = 0; i < prior.length; i++) {
      String name = p.names().get(i);
      boolean otherPft = (name.startsWith("vm[") || name.startsWith("ajv[") || name.startsWith("beta[")) && !name.endsWith("[4]");
      if (otherPft || name.equals("offset") || name.equals("alpha_i") || name.equals("e_k")) {
        // No term of the FI-Hyy model depends on these: the fit leaves them at their prior.
        assertEquals(prior[i], p.optimum()[i], 1e-9 * Math.abs(prior[i]), name);
        assertEquals(p.priorSd()[i], p.sd()[i], 1e-9 * p.priorSd()[i], name);
        untouched++;
      }
    }
    assertEquals(39, untouched);
  }
}
