package org.phloem.tests.sdbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

/**
 * A fit result recorded in models/sdbm/README.md, and the comparison with a new run: posterior means
 * within 2 % (relative), posterior sds within 5 %, station RMSEs within 0.02 ppm.
 *
 * @param eps posterior eps per class (README table)
 * @param epsSd its sd
 * @param q10 posterior Q10 per class
 * @param q10Sd its sd
 * @param rmse posterior RMSE per station [ppm]
 */
record FitExpectation(double[] eps, double[] epsSd, double[] q10, double[] q10Sd, Map<String, Double> rmse) {

  void assertMatches(SdbmFit.Result r) {
    assertTrue(r.fit().status().isConverged(), r.fit().summary());
    for (int c = 0; c < 6; c++) {
      String cls = " (class " + SdbmFit.CLASSES[c] + ")";
      assertEquals(eps[c], r.optimum()[c], 0.02 * eps[c], "eps" + cls);
      assertEquals(epsSd[c], r.sd()[c], 0.05 * epsSd[c], "eps sd" + cls);
      assertEquals(q10[c], r.optimum()[c + 6], 0.02 * q10[c], "Q10" + cls);
      assertEquals(q10Sd[c], r.sd()[c + 6], 0.05 * q10Sd[c], "Q10 sd" + cls);
    }
    assertEquals(rmse.size(), r.stations().size(), "fitted stations");
    for (SdbmFit.StationFit f : r.stations()) {
      assertEquals(rmse.get(f.station()), f.postRmse(), 0.02, "RMSE at " + f.station());
    }
  }
}
