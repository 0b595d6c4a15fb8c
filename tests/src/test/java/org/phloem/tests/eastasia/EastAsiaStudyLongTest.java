package org.phloem.tests.eastasia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The full study of models/eastasia/README.md (4 starts, 12 leave-one-out fits; ~15 min on a loaded
 * 2-core machine): its tables are reproduced. Tolerances as EastAsiaFitTest: 1 % of values (0.01 for
 * RMSEs and r², 0.2 for slopes), 0.1 % of costs.
 */
@Tag("long")
class EastAsiaStudyLongTest {
  private static EastAsiaNetwork network;
  private static EastAsiaStudy.Results results;

  @BeforeAll
  static void runTheStudy() throws Exception {
    network = EastAsiaNetwork.load("network.phl");
    results = EastAsiaStudy.run(network, 4, true, 2);
  }

  @Test
  void starts_reproduceTheReadme() {
    // LONG_STARTS
  }

  @Test
  void rmse_reproducesTheReadme() {
    // LONG_RMSE
  }

  @Test
  void networkLines_reproduceTheReadme() {
    // LONG_LINES
  }

  private static EastAsiaStudy.SiteFit row(String site) {
    return results.siteFits().stream().filter(r -> r.site().equals(site)).findFirst().orElseThrow();
  }
}
