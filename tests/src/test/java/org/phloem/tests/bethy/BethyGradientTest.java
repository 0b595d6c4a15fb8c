package org.phloem.tests.bethy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.check.CheckOptions;
import org.phloem.runtime.check.CheckReport;
import org.phloem.runtime.check.GradientRow;
import org.phloem.runtime.check.ModelCheck;

/**
 * The BETHY site model's derivatives against finite differences (adjoint gradient per slot, tangent
 * vs adjoint, output tangents and Hessian-vector products along random directions), on one year of
 * FI-Hyy data so that the check stays fast: at the prior means and at random points inside the bounds.
 *
 * <p>Tolerances: the cost gradient per slot to 1e-6 relative, tangent·adjoint to 1e-10 and H·v to 1e-5
 * (ModelCheck's defaults). Output tangents are held to 1e-4 only: NPP, growth respiration and NEE
 * cross zero in spring and autumn, where they are differences of terms a thousand times larger, so
 * their central differences carry that much more rounding than ModelCheck's noise floor (which scales
 * with the output's own size) allows for; their tangents converge to the differences as the step grows.
 */
class BethyGradientTest {
  /** Output tangents to 1e-4 (see the class comment); the other checks at ModelCheck's defaults. */
  private static final CheckOptions OPTIONS = new CheckOptions(1e-4, 1e-10, 1e-5, 3, 20250611L);
  private static final double GRADIENT_TOLERANCE = 1e-6;
  private static CompiledModel model;

  private static void assertPasses(CheckReport report) {
    assertTrue(report.passed(), report::format);
    for (GradientRow row : report.gradient()) {
      assertTrue(row.relativeError() <= GRADIENT_TOLERANCE, () -> row.name() + ": adjoint " + row.adjoint() + " vs finite difference "
          + row.finiteDifference() + "\n" + report.format());
    }
  }

  private static synchronized CompiledModel model() throws Exception {
    if (model == null) {
      Path root = BethySite.oneYearDataRoot(Files.createTempDirectory("bethy-grad"), 2003);
      model = BethySite.load("hyytiala_gpp.phl", root);
    }
    return model;
  }

  @Test
  void derivatives_matchFiniteDifferences_atPriorMeans() throws Exception {
    assertPasses(ModelCheck.atPriorMeans(model(), OPTIONS));
  }

  /**
   * Random points: each slot uniform in its bounds intersected with its prior mean ± 2 prior sd (on
   * ln p for log slots), so the point is both admissible and physically meaningful.
   */
  @Property(tries = 3, seed = "20250611")
  void derivatives_matchFiniteDifferences_atRandomPoints(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) throws Exception {
    CompiledModel m = model();
    double[] p = randomPoint(m.info(), new Random(seed));
    assertPasses(ModelCheck.run(m, p, OPTIONS));
  }

  static double[] randomPoint(ModelInfo info, Random random) {
    double[] mean = info.priorMeans();
    double[] sd = info.priorSds();
    double[] lo = info.lowerBounds();
    double[] hi = info.upperBounds();
    boolean[] log = info.logScale();
    double[] p = new double[mean.length];
    for (int i = 0; i < p.length; i++) {
      double a;
      double b;
      if (log[i]) {
        double s = sd[i] / mean[i];
        a = Math.max(Math.log(lo[i]), Math.log(mean[i]) - 2 * s);
        b = Math.min(Math.log(hi[i]), Math.log(mean[i]) + 2 * s);
        p[i] = Math.exp(a + (b - a) * random.nextDouble());
      } else {
        a = Math.max(lo[i], mean[i] - 2 * sd[i]);
        b = Math.min(hi[i], mean[i] + 2 * sd[i]);
        p[i] = a + (b - a) * random.nextDouble();
      }
      if (Double.isFinite(lo[i]) && Double.isFinite(hi[i])) {
        // Strictly inside, so the central differences never step over a bound.
        p[i] = Math.min(Math.max(p[i], lo[i] + 1e-6 * (hi[i] - lo[i])), hi[i] - 1e-6 * (hi[i] - lo[i]));
      }
    }
    return p;
  }
}
