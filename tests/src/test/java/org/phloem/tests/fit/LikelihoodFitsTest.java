package org.phloem.tests.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Main;
import org.phloem.tests.support.Repo;

/**
 * Exact likelihoods, end to end with {@code phloem fit} on NIST Misra1a (its certified values are the
 * reference): a fitted noise level lands on the maximum-likelihood sd, and student_t errors keep the
 * fit near the certified values when one observation is off by +30, where normal errors do not.
 */
class LikelihoodFitsTest {
  private static final Path FOLDER = Repo.root().resolve("tests/src/test/resources/newusers");
  /** NIST StRD Misra1a certified values and residual sum of squares (n = 14). */
  private static final double B1 = 2.3894212918E+02;
  private static final double B2 = 5.5015643181E-04;
  private static final double RSS = 1.2455138894E-01;

  @TempDir Path out;

  @Test
  void aFittedNoiseLevel_isTheMaximumLikelihoodOne_notARunaway() throws Exception {
    Map<String, Double> p = fit("noise_level.phl");
    assertEquals(B1, p.get("b1"), 1e-6 * B1);
    assertEquals(B2, p.get("b2"), 1e-6 * B2);
    // the ML sd with b1, b2 at the least-squares optimum: sqrt(RSS/n)
    assertEquals(Math.sqrt(RSS / 14), p.get("sigma"), 1e-6 * Math.sqrt(RSS / 14));
  }

  @Test
  void studentT_isRobustToAnOutlier_whereNormalIsPulledAway() throws Exception {
    Map<String, Double> normal = fit("outlier_normal.phl");
    Map<String, Double> robust = fit("outlier_student_t.phl");
    assertTrue(Math.abs(normal.get("b1") / B1 - 1) > 0.2, "normal errors follow the outlier: b1 = " + normal.get("b1"));
    assertTrue(Math.abs(robust.get("b1") / B1 - 1) < 0.01, "student_t stays within 1 % of the certified b1: " + robust.get("b1"));
    assertTrue(Math.abs(robust.get("b2") / B2 - 1) < 0.01, "and of b2: " + robust.get("b2"));
  }

  /** Fits {@code model} of the new-user folder and returns the posterior of every parameter. */
  private Map<String, Double> fit(String model) throws Exception {
    Path folder = out.resolve(model);
    int exit = Main.execute(new String[] {"fit", FOLDER.resolve(model).toString(), "--data", FOLDER.toString(), "--out", folder.toString(),
        "--no-plots"});
    assertEquals(0, exit, "fit of " + model);
    List<String> lines = Files.readAllLines(folder.resolve("parameters.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    int name = header.indexOf("name");
    int posterior = header.indexOf("posterior");
    Map<String, Double> values = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      values.put(cells[name], Double.parseDouble(cells[posterior]));
    }
    return values;
  }
}
