package org.phloem.tests.ccdas;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.check.CheckOptions;
import org.phloem.runtime.check.CheckReport;
import org.phloem.runtime.check.GradientRow;
import org.phloem.runtime.check.ModelCheck;
import org.phloem.tests.eastasia.EastAsiaStudy;

/**
 * Derivatives of the experiment against finite differences (ModelCheck: adjoint gradient, tangent vs
 * adjoint, Hessian-vector, output tangents) on the short variant models/ccdas/ccdas_short.phl
 * (1980-1981: the same files as ccdas.phl but the period), at the prior means and at two random points
 * within 2 prior sd, 1 % of the range inside the bounds ({@link EastAsiaStudy#randomStart}). Output tangents to 1e-4, as for ../bethy (net fluxes are differences of larger terms).
 */
class CcdasGradientTest {
  private static final CheckOptions OPTIONS = new CheckOptions(1e-4, 1e-10, 1e-5, 3, 20261205L);
  private static CompiledModel model;

  @BeforeAll
  static void load() throws Exception {
    model = CcdasModel.load("ccdas_short.phl", true).model();
  }

  private static void assertPasses(CheckReport report) {
    assertTrue(report.passed(), report::format);
    for (GradientRow row : report.gradient()) {
      assertTrue(row.relativeError() <= 1e-6, () -> row.name() + "\n" + report.format());
    }
  }

  @Test
  void derivatives_matchFiniteDifferences_atPriorMeans() {
    assertPasses(ModelCheck.atPriorMeans(model, OPTIONS));
  }

  @Test
  void derivatives_matchFiniteDifferences_atTwoPointsWithin2Sd() {
    Random rnd = new Random(20261205L);
    for (int k = 0; k < 2; k++) {
      assertPasses(ModelCheck.run(model, EastAsiaStudy.randomStart(model.info(), rnd), OPTIONS));
    }
  }
}
