package org.phloem.tests.nist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ObservationInfo;
import org.phloem.runtime.ParamInfo;

/**
 * Every NIST StRD nonlinear regression model ({@code models/nist/}) against NIST's certified values:
 * parameters as NIST names and orders them, start 1 as the prior means, and twice the cost (unit
 * observation sd) at the certified parameters equal to the certified residual sum of squares.
 */
class NistCertifiedValuesTest {

  static List<NistProblem> problems() {
    return NistReference.load(NistModels.dataRoot());
  }

  @Test
  void suite_hasOneModelPerCertifiedProblem() throws IOException {
    TreeSet<String> expected = problems().stream().map(NistProblem::modelFileName)
        .collect(Collectors.toCollection(TreeSet::new));
    TreeSet<String> present;
    try (Stream<Path> files = Files.list(NistModels.modelFolder())) {
      present = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".phl"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(21, expected.size(), "problems in the data's problems.csv");
    assertEquals(expected, present);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void parameters_areNistsInNistsOrder(NistProblem problem) {
    ModelInfo info = NistModels.compiled(problem).info();
    assertEquals(problem.parameterNames(), info.params().stream().map(ParamInfo::name).toList());
    assertEquals(problem.parameterNames(), info.slotNames(), "one scalar slot per parameter");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void priors_areFlatAndCentredOnStart1(NistProblem problem) {
    ModelInfo info = NistModels.compiled(problem).info();
    assertArrayEquals(problem.start1(), info.priorMeans(), 0.0);
    for (double sd : info.priorSds()) {
      assertEquals(Double.POSITIVE_INFINITY, sd, "a flat prior: least squares");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void observations_coverEveryDataRow(NistProblem problem) {
    CompiledModel model = NistModels.compiled(problem);
    model.cost(problem.certifiedValues());
    List<ObservationInfo> observations = model.info().observations();
    assertEquals(1, observations.size(), "one observe statement");
    double[] observed = model.output(observations.get(0).valueOutput());
    assertEquals(problem.observations(), Arrays.stream(observed).filter(Double::isFinite).count(),
        "finite observed values");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void twiceCost_atCertifiedValues_isCertifiedResidualSumOfSquares(NistProblem problem) {
    RssExpectation expected = RssExpectation.of(problem);
    double rss = 2 * NistModels.compiled(problem).cost(problem.certifiedValues());
    double relative = Math.abs(rss - expected.value()) / expected.value();
    assertTrue(relative <= expected.relativeTolerance(), String.format(
        "%s: 2*cost = %.12e, expected %.12e (%s), relative difference %.3e > %.1e",
        problem, rss, expected.value(), expected.why(), relative, expected.relativeTolerance()));
  }
}
