package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fit summary's Laplace check: J two posterior sds out along each eigen-direction rises by exactly 2
 * for a model linear in its parameters (a Gaussian posterior); a kink of abs within reach of the optimum
 * is reported as not Gaussian; a
 * step that would leave a bound is said so and not evaluated.
 */
class LaplaceCheckCommandTest {
  @TempDir Path dir;

  /** Rows x, y with y = f(x) + N(0, noise²), seed 9. */
  private void table(String name, java.util.function.DoubleUnaryOperator f, int rows, double step, double noise) throws Exception {
    Random random = new Random(9);
    StringBuilder s = new StringBuilder("x,y\n");
    for (int i = 0; i < rows; i++) {
      double x = 0.2 + i * step;
      s.append(String.format(Locale.ROOT, "%.4f,%.5f%n", x, f.applyAsDouble(x) + noise * random.nextGaussian()));
    }
    Files.writeString(dir.resolve(name), s.toString());
  }

  private Cli.Run fit(String name, String params, String expression) throws Exception {
    Path model = dir.resolve(name + ".phl");
    Files.writeString(model, "model " + name + "\ndata \"" + name + ".csv\"\ndim obs\ninput x[obs]\ninput y[obs]\n" + params
        + "output f[obs]\nfor i in obs {\n  f[i] = " + expression + "\n}\nobserve f[i] ~ normal(y[i], 0.05) for i in obs\n");
    return Cli.run("fit", model.toString(), "--data", dir.toString(), "--no-plots", "--out", dir.resolve(name + "-out").toString());
  }

  @Test
  void aModelLinearInItsParameters_risesByTwoInEveryDirection() throws Exception {
    table("line.csv", x -> 1 + 0.5 * x, 40, 0.5, 0.05);
    Cli.Run r = fit("line", "param a = 0 sd 10\nparam b = 0 sd 10\n", "a + b * x[i]");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("rises by 2.00 to 2.00 (2 for a Gaussian posterior) in 2 direction(s)."), r.all());
    assertFalse(r.out().contains("Not Gaussian"), r.all());
  }

  @Test
  void aKinkWithinReachOfTheOptimum_isReportedAsNotGaussian() throws Exception {
    table("kinked.csv", x -> 3.1 * x / (1.7 + Math.abs(x - 0.3)), 40, 0.5, 0.05);
    Cli.Run r = fit("kinked", "param vmax = 2 sd 1 in [0, 10]\nparam km = 1 sd 1 in [0, 5]\nparam lag = 1 sd 0.5\n",
        "vmax * x[i] / (km + abs(x[i] - lag))");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("Not Gaussian along:"), r.all());
    assertTrue(r.out().contains("lag ("), r.all());
    assertTrue(r.out().contains("'phloem sample' draws the full posterior"), r.all());
  }

  @Test
  void aStepThatWouldLeaveABound_isNamed_andNotEvaluated() throws Exception {
    // a = 0.021 with posterior sd 0.053 (observation sd 0.05 over x = 0.2 .. 0.6): 2 sd below reaches past 0
    table("near.csv", x -> 0.02 * x, 5, 0.1, 0);
    Cli.Run r = fit("near", "param a = 0.5 sd 1 in [0, 1]\n", "a * x[i]");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("in 0 direction(s); 1 step(s) would leave a bound (a)."), r.all());
  }
}
