package org.phloem.tests.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.check.CheckOptions;
import org.phloem.runtime.check.CheckReport;
import org.phloem.runtime.check.ModelCheck;
import org.phloem.tests.support.Repo;

/**
 * Every model under {@code models/} (found afresh each run, so new models are picked up) compiles,
 * binds to the bundled data, its class passes ASM's verifier, and its derivatives are right at its prior
 * means and at three seeded random points inside its bounds ({@link Points#at}):
 *
 * <ul>
 *   <li>against this package's independent references: adjoint gradient vs fourth-order central
 *       differences (≤ 1e-6 where smooth), tangent vs adjoint (≤ 1e-10), Hessian-vector vs differences of
 *       the gradient (≤ 1e-5);
 *   <li>by {@link ModelCheck}, the check modellers run ({@code phloem check}), which also compares every
 *       output's tangent with differences (so a model without observations is checked through its
 *       outputs).
 * </ul>
 */
class EveryModelCheckTest {
  private static final int RANDOM_POINTS = 3;

  /**
   * Models on which ModelCheck flags rows that are limits of its own differences, not wrong derivatives
   * (the independent checks above pass on each, and the step studies in the report to the lead show the
   * differences converging to the generated values). Remove an entry when ModelCheck passes on it.
   */
  /**
   * Models whose output tangents are checked at a looser tolerance, and why. ModelCheck's gradient,
   * tangent·adjoint and Hessian-vector checks keep their defaults for every model.
   */
  private static final Map<String, String> LOOSE_OUTPUT_CHECK = Map.of(
      "bethy/", "daily thresholds (no canopy below 0 degC, smooth minima at their switch) lie within the"
          + " differences' steps for some output elements, and NEE/NPP are differences of terms ~1e3 larger:"
          + " outputs to 1e-4, as BethyGradientTest does");

  /** Models ModelCheck runs on at their prior means only, and why. */
  private static final Map<String, String> PRIOR_MEANS_ONLY = Map.of(
      "bethy/", "random points over the whole bounds put an 11-year daily run's temperature and phenology"
          + " switches inside the differences' steps (a true kink: a 56 % jump in one day's NEE); BethyGradientTest"
          + " checks random points within 2 prior sd",
      "eastasia/", "at the first random point over the whole bounds the output tangent of GPP at JP-MBF, 2009-11 is"
          + " 21-31 % off its differences in all three directions: a kink of the leaf model, not a wrong derivative"
          + " (along direction 1 the forward one-sided difference equals the tangent, -2.343, at every step; the"
          + " backward one equals it below t = 2.4e-6 and drifts to -1.17 from t = 1e-5: the slope changes at"
          + " t = -1e-5, within Ridders' steps). ModelCheck's kink test says KINK for that element alone, but the"
          + " row also flags every JP-MBF NEE element (relative errors up to 1.5e-4): the litter and slow-pool balances sum"
          + " NPP over all 192 months, so each month's NEE inherits the kink, damped; NEE is a small difference of"
          + " large terms, its one-sided differences do not settle within the noise floor Kinks takes from the"
          + " element's own value, and the row is judged NONE. EastAsiaGradientTest"
          + " checks two towers at random points within 2 prior sd",
      "nist/mgh17.phl", "away from the optimum the gradient of b5 (3e-5 against a cost of 4e4) is below the rounding"
          + " level of any finite difference");

  /** Models too slow for this sweep's hundreds of costs in the default suite: checked by their own tests. */
  private static final Map<String, String> OWN_TESTS = Map.of(
      "ccdas/pulse.phl", "2-D transport, 24 months x 198 steps (~0.05-0.1 s CPU a cost, hundreds of them): dot-product test and differences"
          + " in tests/.../ccdas/TransportPulseTest",
      "ccdas/fossil_gradient.phl", "2-D transport over 1980-2003 (seconds a cost): checked through pulse.phl, which"
          + " runs the same include, and in tests/.../ccdas/TransportLongTest",
      "ccdas/response.phl", "2-D transport over 1990-1993, 216 pulse parameters: the file it makes is checked against"
          + " it by CcdasResponseTest; the transport's derivatives through pulse.phl",
      "ccdas/background.phl", "2-D transport over 1980-2003 and no parameters: the file it makes is checked against it"
          + " by CcdasDataTest",
      "ccdas/ccdas", "the experiment (70 parameters, 0.06 s a cost over 1980-2003, hundreds of costs here):"
          + " CcdasGradientTest checks its short variant ccdas_short.phl at the prior means and within 2 prior sd;"
          + " the arms differ only in the CO2 photosynthesis sees, data",
      "ccdas/direct.phl", "the experiment with the 2-D transport of every flux over 1980-2003 (seconds a cost, no"
          + " observations): a forward check of jacobian.phl, run by CcdasStudy; its parts are checked in"
          + " ccdas/ccdas_short.phl and through pulse.phl");

  private static String reason(Map<String, String> byFolder, String relative) {
    return byFolder.entrySet().stream().filter(e -> relative.startsWith(e.getKey())).map(Map.Entry::getValue)
        .findFirst().orElse(null);
  }

  private static final Map<String, CompiledModel> LOADED = new ConcurrentHashMap<>();

  static List<String> models() {
    return ModelFiles.all();
  }

  /** Compiles, verifies the class and binds {@code relative} once per run. */
  private static CompiledModel load(String relative) {
    Assumptions.assumeTrue(reason(OWN_TESTS, relative) == null, () -> reason(OWN_TESTS, relative));
    return LOADED.computeIfAbsent(relative, r -> {
      try {
        Path file = Repo.model(r);
        Compilation compilation = Pipeline.compile(file, true);
        assertEquals("", Bytecode.problems(compilation.loaded().bytes()), "CheckClassAdapter on " + r);
        return compilation.bind(Repo.dataRoot(file));
      } catch (Exception e) {
        throw new AssertionError(r + " does not compile or bind", e);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void derivativesAgreeWithIndependentReferences(String relative) {
    CompiledModel model = load(relative);
    assertFalse(model.info().outputs().isEmpty(), relative + " reports nothing to check");
    for (int point = 0; point <= RANDOM_POINTS; point++) {
      double[] p = Points.at(model.info(), point);
      double[] scale = DerivativeChecks.scales(p, model.info().priorSds());
      double[] dir = Points.direction(p.length, point + 1);
      String where = relative + (point == 0 ? " at the prior means" : " at random point " + point);
      assertTrue(Double.isFinite(model.cost(p)), where + ": the cost is not finite");
      double dot = DerivativeChecks.dotError(model, p, dir);
      assertTrue(dot <= 1e-10, where + ": tangent vs adjoint, relative error " + dot);
      double gradient = DerivativeChecks.gradientError(model, p, scale);
      assertTrue(Double.isNaN(gradient) || gradient <= 1e-6, where + ": gradient vs differences, relative error " + gradient);
      double hessian = DerivativeChecks.hessianVectorError(model, p, dir, scale);
      assertTrue(Double.isNaN(hessian) || hessian <= 1e-5, where + ": Hessian-vector vs differences, relative error " + hessian);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void passesModelCheck(String relative) {
    CompiledModel model = load(relative);
    CheckOptions defaults = CheckOptions.defaults();
    CheckOptions options = reason(LOOSE_OUTPUT_CHECK, relative) == null ? defaults
        : defaults.withOutputTolerance(1e-4);
    int points = reason(PRIOR_MEANS_ONLY, relative) == null ? RANDOM_POINTS : 0;
    for (int point = 0; point <= points; point++) {
      double[] p = Points.at(model.info(), point);
      CheckReport report = ModelCheck.run(model, p, options);
      String where = point == 0 ? "at the prior means" : "at random point " + point;
      assertTrue(report.passed(), relative + " " + where + ":\n" + report.format());
    }
  }
}
