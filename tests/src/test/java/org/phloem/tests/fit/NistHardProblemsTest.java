package org.phloem.tests.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.phloem.runtime.fit.FitStatus;
import org.phloem.tests.nist.NistHardModels;
import org.phloem.tests.nist.NistProblem;

/**
 * Six NIST StRD problems of higher difficulty that Phloem does not ship and was not tuned on (MGH10,
 * BoxBOD, Eckerle4, Rat43, Bennett5, Thurber; test resources {@code nist-hard/}), from both starts,
 * under the rule of {@link NistStartingPointsTest}: CONVERGED only with the certified values and sds,
 * every other fit with a verdict that is not CONVERGED. The starts that do not converge, with their
 * status, are pinned in {@link #NOT_CONVERGED}.
 */
class NistHardProblemsTest {

  /** The starts whose verdict is not CONVERGED: their status and why. */
  static final Map<String, FitStatus> NOT_CONVERGED = Map.of(
      // J = 5.5e8 at start 1 (the optimum has J = 44): LM stalls far away; so does the trust region (no step
      // it tries lowers the cost). Before issue 10 this printed CONVERGED_STEP with |grad| = 8.9e22.
      // (Start 2 reaches the certified values and sds to 11 digits; its scaled gradient, 1.8e-4, stays above ADMB's
      // 1e-4 because it is the rounding noise of this cost, sd 7e-5 as the verdict measures it: CONVERGED at the
      // rounding floor. Before the noise was measured it ended STALLED.)
      "MGH10 1", FitStatus.STALLED,
      // Start 1 runs LM onto the plateau where exp(-b2 x) = 0 for every x (b2 = 115): the gradient is 0 and b2
      // is undetermined there. Before issue 10 this printed CONVERGED_GRADIENT with RSS 9771 (certified 1168).
      "BoxBOD 1", FitStatus.UNDETERMINED);

  static Stream<Arguments> fits() {
    List<Arguments> out = new ArrayList<>();
    for (NistProblem problem : NistHardModels.problems()) {
      out.add(Arguments.of(problem, 1));
      out.add(Arguments.of(problem, 2));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} start {1}")
  @MethodSource("fits")
  void fit_convergedOnlyWithTheCertifiedValues_andEveryOtherStartSaysSo(NistProblem problem, int start) {
    NistStartingPointsTest.Outcome outcome = NistStartingPointsTest.Outcome.of(problem, start, NistHardModels.compiled(problem));
    if (outcome.fit().status().isConverged()) {
      assertTrue(outcome.passes(), "a false CONVERGED:\n" + outcome.describe());
    }
    FitStatus expected = NOT_CONVERGED.getOrDefault(problem.name() + " " + start, FitStatus.CONVERGED);
    assertEquals(expected, outcome.fit().status(), outcome.describe());
  }
}
