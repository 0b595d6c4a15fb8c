package org.phloem.tests.sdbm;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * End to end on reduced data (five stations, the real table cut to 1999-2010): the fit recovers the
 * "reduced run" recorded in models/sdbm/README.md.
 */
class SdbmFitTest {
  static final FitExpectation README_REDUCED = new FitExpectation(
      new double[] {0.520, 0.441, 0.446, 0.731, 0.708, 0.532},
      new double[] {0.256, 0.203, 0.210, 0.212, 0.211, 0.177},
      new double[] {1.352, 1.921, 1.830, 1.646, 1.358, 1.577},
      new double[] {0.642, 0.712, 0.885, 0.249, 0.213, 0.386},
      Map.of("alt482n1", 2.29, "amy236n1", 1.69, "mlo519n1", 1.17, "ryo239n0", 2.06, "smo514s0", 0.77));

  @Test
  void reducedFitRecoversTheReadmeResult() throws Exception {
    README_REDUCED.assertMatches(SdbmFit.run(ReducedData.folder()));
  }
}
