package org.phloem.tests.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Main;
import org.phloem.tests.support.Repo;

/**
 * Pins the sampled DALEC posterior of models/dalec/README.md ("Sampling the full posterior"): reruns
 * {@code phloem sample models/dalec/oregon.phl --seed 1} and checks every sampled mean and sd against
 * the table within 4.5 Monte-Carlo standard errors (sd/√ESS for a mean, sd/√(2·ESS) for an sd), and the
 * diagnostics (exit 0: R̂ ≤ 1.01, ESS ≥ 400, no divergence). About 140 s of CPU: long profile.
 */
@Tag("long")
class DalecSampleTest {
  /** name, sampled mean, sampled sd: the README's table. */
  private static final Object[][] TABLE = {
      {"p1", 5.01e-6, 2.70e-6}, {"p2", 0.5650, 0.0160}, {"p3", 0.1708, 0.0260}, {"p4", 0.4871, 0.0124},
      {"p5", 9.81e-4, 2.44e-4}, {"p6", 2.44e-6, 1.18e-6}, {"p7", 3.37e-3, 4.62e-4}, {"p8", 1.21e-2, 1.38e-3},
      {"p9", 7.91e-6, 1.62e-6}, {"p10", 0.0914, 0.0033}};

  @TempDir Path out;

  @Test
  void theSampledPosteriorIsTheReadmes() throws Exception {
    Path model = Repo.model("dalec/oregon.phl");
    int exit = Main.execute("sample", model.toString(), "--seed", "1", "--out", out.toString(), "--data", Repo.dataRoot(model).toString(),
        "--no-plots", "--no-laplace", "--outputs", "none");
    assertEquals(0, exit, "diagnostics clean");
    List<String> lines = Files.readAllLines(out.resolve("summary.csv"));
    assertEquals("name,mean,sd,q5,q50,q95,rhat,ess_bulk,ess_tail", lines.get(0));
    for (int i = 0; i < TABLE.length; i++) {
      String[] cells = lines.get(i + 1).split(",");
      assertEquals(TABLE[i][0], cells[0]);
      double mean = Double.parseDouble(cells[1]);
      double sd = Double.parseDouble(cells[2]);
      double ess = Double.parseDouble(cells[7]);
      assertTrue(ess >= 400, cells[0] + " bulk ESS " + ess);
      double readmeMean = (double) TABLE[i][1];
      double readmeSd = (double) TABLE[i][2];
      // the README's figures are rounded to 3-4 digits: allow that too
      assertEquals(readmeMean, mean, 4.5 * sd / Math.sqrt(ess) + 0.005 * Math.abs(readmeMean), cells[0] + " mean");
      assertEquals(readmeSd, sd, 4.5 * sd / Math.sqrt(2 * ess) + 0.005 * readmeSd, cells[0] + " sd");
    }
  }
}
