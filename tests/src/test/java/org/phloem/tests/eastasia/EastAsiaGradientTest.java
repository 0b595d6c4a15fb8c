package org.phloem.tests.eastasia;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.check.CheckOptions;
import org.phloem.runtime.check.CheckReport;
import org.phloem.runtime.check.GradientRow;
import org.phloem.runtime.check.ModelCheck;

/**
 * Derivatives of the network model against finite differences, on the sum of two towers that between
 * them use every branch the twelve do: CN-Cha (a mixed forest: two PFT tiles, frozen winters) and CN-Sw2
 * (a desert steppe: strong water stress). At the prior means and at two random points within 2 prior sd ({@link EastAsiaStudy#randomStart}).
 * Output tangents to 1e-4 as for ../bethy (NEE crosses zero as a difference of larger terms).
 */
class EastAsiaGradientTest {
  private static final CheckOptions OPTIONS = new CheckOptions(1e-4, 1e-10, 1e-5, 3, 20261205L);
  private static CompiledModel model;

  private static synchronized CompiledModel model() throws Exception {
    if (model == null) {
      if (EastAsiaModelTest.network == null) {
        EastAsiaModelTest.load();
      }
      model = EastAsiaModelTest.network.sum(List.of("CN-Cha", "CN-Sw2"), 1);
    }
    return model;
  }

  private static void assertPasses(CheckReport report) {
    assertTrue(report.passed(), report::format);
    for (GradientRow row : report.gradient()) {
      assertTrue(row.relativeError() <= 1e-6, () -> row.name() + "\n" + report.format());
    }
  }

  @Test
  void derivatives_matchFiniteDifferences_atPriorMeans() throws Exception {
    assertPasses(ModelCheck.atPriorMeans(model(), OPTIONS));
  }

  @Property(tries = 2, seed = "20261205")
  void derivatives_matchFiniteDifferences_atRandomPoints(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) throws Exception {
    CompiledModel m = model();
    assertPasses(ModelCheck.run(m, EastAsiaStudy.randomStart(m.info(), new Random(seed)), OPTIONS));
  }
}
