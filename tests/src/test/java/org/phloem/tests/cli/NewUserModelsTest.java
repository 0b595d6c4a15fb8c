package org.phloem.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.tests.support.Repo;

/**
 * Models a new user writes, each reproducing a way the derivative check used to blame the adjoint for
 * what was not its fault (tests/src/test/resources/newusers). Each must now be checked and fitted.
 */
class NewUserModelsTest {
  private static final Path FOLDER = Repo.root().resolve("tests/src/test/resources/newusers");

  @TempDir Path out;

  /** NEE NaN on the night-time half-hours (air temperature missing), which no observe uses. */
  @Test
  void nanOnUnobservedElements_checkPasses_andFitConverges() {
    Path model = FOLDER.resolve("night_gaps.phl");
    Captured check = Captured.run("check", model.toString(), "--data", FOLDER.toString(), "--random", "2");
    assertEquals(0, check.exit(), check.all());
    assertFalse(check.out().contains("NaN"), check.all());
    assertTrue(check.out().contains("PASS at all 3 points."), check.all());
    Captured fit = Captured.run("fit", model.toString(), "--data", FOLDER.toString(), "--out", out.toString(), "--no-plots");
    assertTrue(fit.out().contains("Gradient check at the start: passed"), fit.all());
    assertEquals(0, fit.exit(), fit.all());
  }

  /** MOD17-style min/max ramps on FI-Hyy daily data: kinks in the cost, noted as such, not failures. */
  @Test
  void minMaxRamps_checkPassesAtRandomPoints_withTheKinksNoted() throws Exception {
    Path model = FOLDER.resolve("lue_ramps.phl");
    Captured check = Captured.run("check", model.toString(), "--data", Repo.dataRoot(model).toString(), "--random", "3");
    assertEquals(0, check.exit(), check.all());
    assertTrue(check.out().contains("PASS at all 4 points."), check.all());
    assertTrue(check.out().contains("kink(s) noted above: not failures"), check.all());
    assertTrue(check.out().contains("note: kink"), check.all());
    assertFalse(check.out().contains("report it"), check.all());
  }

  /**
   * The same model fitted: the optimum sits on the ramps' kinks, where no step lowers the cost but the
   * gradient is not small. Issue 10 saw CONVERGED_COST with |grad| = 0.18 here; the verdict must not call
   * it converged, and must name the kink among the causes.
   */
  @Test
  void minMaxRamps_fitEndingOnAKink_isNotCalledConverged() throws Exception {
    Path model = FOLDER.resolve("lue_ramps.phl");
    Captured fit = Captured.run("fit", model.toString(), "--data", Repo.dataRoot(model).toString(), "--out", out.toString(), "--no-plots");
    assertEquals(10, fit.exit(), fit.all());
    assertTrue(fit.out().contains("Fit of lue_ramps (lbfgs+newton): STALLED"), fit.all());
    assertTrue(fit.out().matches("(?s).*\\(a\\) projected gradient, scaled: max\\|g\\| = [0-9.e+-]+ +\\(tolerance 1e-04\\) +NOT MET.*"), fit.all());
    assertTrue(fit.out().contains("a kink (min, max, abs, a branch) sits at the optimum"), fit.all());
  }

  /** A parameter of value 0 with prior sd 1e6: steps from its value and bounds, not from the sd. */
  @Test
  void zeroValuedParameterWithAVaguePrior_checkPasses() {
    Path model = FOLDER.resolve("vague_zero.phl");
    Captured check = Captured.run("check", model.toString(), "--data", FOLDER.toString());
    assertEquals(0, check.exit(), check.all());
    assertTrue(check.out().matches("(?s).*\\n  t_offset +0\\.000000e\\+00 .*"), check.all());
    assertFalse(check.out().contains("FAIL") || check.out().contains("kink"), check.all());
  }
}
