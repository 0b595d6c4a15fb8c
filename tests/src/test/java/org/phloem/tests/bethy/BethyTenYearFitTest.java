package org.phloem.tests.bethy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.fit.Bound;

/**
 * The CO2 experiment of models/bethy/README.md ("Results"): both arms fitted to the NEE of 2000-2009
 * by the README's cross-start protocol ({@link BethySite#crossStarted}) and judged on the held-out
 * 2010, for both soil closures. Ten-odd fits of minutes each, so tagged long (run with -Plong).
 */
@Tag("long")
class BethyTenYearFitTest {

  @Test
  void balancedClosure_co2ImprovesTheFitByAFewUnitsOfJ() throws Exception {
    BethySite.CrossStarted r = BethySite.crossStarted(BethySite.load("hyytiala.phl"), BethySite.load("hyytiala_fixed_co2.phl"));
    String log = String.join("\n", r.log());
    // README, "The CO2 experiment": J, misfits and beta of the best optimum of each arm.
    assertEquals(3092.665, r.varying().fit().cost(), 0.02, log);
    assertEquals(3096.181, r.fixed().fit().cost(), 0.02, log);
    assertEquals(3.52, r.deltaCost(), 0.05, log);
    assertEquals(0.6686, r.varying().rmseFit(), 0.001);
    assertEquals(0.6696, r.fixed().rmseFit(), 0.001);
    assertEquals(0.6723, r.varying().rmseHeldout(), 0.001);
    assertEquals(0.6865, r.fixed().rmseHeldout(), 0.001);
    // no respiration can be negative in this closure; fs ends held on its lower bound 0 in both arms
    assertTrue(r.varying().rslowAnnual() >= 0 && r.fixed().rslowAnnual() >= 0);
    for (BethySite.Outcome o : java.util.List.of(r.varying(), r.fixed())) {
      assertTrue(o.fit().status().isConverged(), o.fit().summary());
      assertEquals(Bound.LOWER, o.fit().bounds().get(BethySite.slot(o.posterior().names(), "fs")), o.model() + ": fs");
      assertEquals(1, o.fit().verdict().onBounds(), o.model() + ": slots on a bound");
    }
  }

  @Test
  void ccdasClosure_slowRespirationNegativeAtBothOptima() throws Exception {
    BethySite.CrossStarted r = BethySite.crossStarted(BethySite.load("hyytiala_ccdas_closure.phl"),
        BethySite.load("hyytiala_fixed_co2_ccdas_closure.phl"));
    String log = String.join("\n", r.log());
    assertEquals(3068.339, r.varying().fit().cost(), 0.02, log);
    assertEquals(3071.276, r.fixed().fit().cost(), 0.02, log);
    assertEquals(2.94, r.deltaCost(), 0.05, log);
    assertEquals(0.7009, r.varying().rmseHeldout(), 0.001);
    assertEquals(0.7153, r.fixed().rmseHeldout(), 0.001);
    assertEquals(-48, r.varying().rslowAnnual(), 2, "slow-pool respiration, g C m-2 yr-1");
    assertEquals(-48, r.fixed().rslowAnnual(), 2, "slow-pool respiration, g C m-2 yr-1");
    assertTrue(r.varying().fit().status().isConverged(), r.varying().fit().summary());
    assertTrue(r.fixed().fit().status().isConverged(), r.fixed().fit().summary());
  }
}
