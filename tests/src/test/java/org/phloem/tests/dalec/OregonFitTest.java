package org.phloem.tests.dalec;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.Bound;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.posterior.LaplaceCheck;
import org.phloem.runtime.posterior.Posterior;
import org.phloem.runtime.posterior.PosteriorAnalysis;
import org.phloem.tests.support.Repo;

/**
 * The demo's fit, DALEC on the Metolius observations (models/dalec/oregon.phl), against the result
 * recorded in models/dalec/README.md, and against what statistics says it must satisfy whatever the
 * numbers: a converged fit whose observation cost is consistent with m/2 for m observations.
 */
class OregonFitTest {
  /** README table: posterior means of p1..p10. */
  private static final double[] POSTERIOR = {4.38e-6, 0.560, 0.168, 0.500, 9.69e-4, 2.06e-6, 3.44e-3, 1.20e-2, 7.84e-6, 0.0909};
  /** README table: posterior sds of p1..p10, conditional on p4 held on its upper bound (no sd: NaN). */
  private static final double[] POSTERIOR_SD = {2.18e-6, 0.0155, 0.0256, Double.NaN, 2.44e-4, 1.0e-6, 4.38e-4, 1.31e-3, 1.54e-6, 0.00319};

  @Test
  void fitMatchesTheReadme_andItsCostIsConsistentWithTheObservationErrors() throws Exception {
    CompiledModel model = Repo.load("dalec/oregon.phl");
    FitResult fit = Fitter.fit(model, FitOptions.defaults());
    assertTrue(fit.status().isConverged(), fit.summary());
    assertEquals(1113.844, fit.cost(), 0.01, "J at the optimum (README)");

    int m = 2188;
    double chi2Half = m / 2.0;
    assertEquals(chi2Half, fit.observationCost(), 3 * Math.sqrt(chi2Half), "observation cost against m/2 ± 3 sd");

    // p4 (root allocation) ends on its REFLEX upper bound 0.5 with the cost still falling beyond it: the
    // fit holds it there and the posterior is the one conditional on it.
    boolean[] held = new boolean[POSTERIOR.length];
    for (int i = 0; i < held.length; i++) {
      held[i] = fit.bounds().get(i).isActive();
      assertEquals(i == 3 ? Bound.UPPER : Bound.NONE, fit.bounds().get(i), "bound of p" + (i + 1));
    }
    Posterior post = PosteriorAnalysis.at(model, fit.parameters(), held);
    for (int i = 0; i < POSTERIOR.length; i++) {
      double p = fit.parameters()[i];
      // the README rounds to three significant digits
      assertEquals(POSTERIOR[i], p, 0.006 * Math.abs(POSTERIOR[i]), "posterior of p" + (i + 1));
      if (!held[i]) {
        assertEquals(POSTERIOR_SD[i], post.sd()[i], 0.01 * POSTERIOR_SD[i], "posterior sd of p" + (i + 1));
      }
    }

    // README, the demo's transcript: the Laplace check, 1.69 to 2.42 in 7 directions, the steps along p1 and p6
    // (prior-dominated, 2 sd reaches 0 on their log scale) not taken
    String check = LaplaceCheck.of(model, post).format();
    assertTrue(check.startsWith("Laplace check: J two posterior sds out along each eigen-direction rises by 1.69 to 2.42"
        + " (2 for a Gaussian posterior) in 7 direction(s); 2 step(s) would leave a bound (p1, p6)."), check);
    assertFalse(check.contains("Not Gaussian"), check);
  }
}
