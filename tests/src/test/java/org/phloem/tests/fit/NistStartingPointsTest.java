package org.phloem.tests.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.posterior.LeastSquaresCovariance;
import org.phloem.tests.nist.NistModels;
import org.phloem.tests.nist.NistProblem;
import org.phloem.tests.nist.NistReference;

/**
 * The fit of every NIST StRD model ({@code models/nist/}) from both of NIST's starting points, as a
 * user runs it ({@code Fitter.fit} with the default options, then {@link LeastSquaresCovariance}),
 * judged by the rule of issue 10: a fit whose verdict is {@code CONVERGED} must reproduce NIST's
 * certified values to at least {@value #VALUE_DIGITS} significant digits and the certified standard
 * deviations to at least {@value #SD_DIGITS} (McCullough's log relative error, −log10(|x − c| / |c|));
 * every other fit must end with a verdict that is not {@code CONVERGED} (so {@code phloem fit} exits
 * non-zero). Zero false "converged". The starts that do not converge are listed in
 * {@link #NOT_CONVERGED} with the reason, so that a change in either direction is noticed.
 *
 * <p>One documented exception to the sd digits: Lanczos1's data are exact model values rounded to 13
 * digits, so its certified RSS (1.43e-25) is rounding noise, reproduced in doubles to about three
 * digits; the sds scale with √RSS and inherit that ({@link #LANCZOS1_SD_DIGITS}). Its values reach 10.5.
 */
class NistStartingPointsTest {

  static final double VALUE_DIGITS = 6;
  static final double SD_DIGITS = 4;
  static final double LANCZOS1_SD_DIGITS = 2.5;

  /** Starts whose verdict is not CONVERGED, by problem and start (1 or 2), with the reason. */
  static final Map<String, Map<Integer, String>> NOT_CONVERGED = Map.of("MGH17", Map.of(1,
      "Start 1 (b4, b5 = 1, 2; the solution is 0.0129, 0.0221) leads Levenberg-Marquardt into a valley where the two "
          + "exponentials nearly coincide, 2J = 7.98e-5 against the certified 5.46e-5. There the Hessian is singular to "
          + "rounding (smallest/largest eigenvalue about -1e-13): the verdict is UNDETERMINED, exit 14. That is right: "
          + "the certified values are not reached (b2 = 122.6, b3 = -122.1, b4 = 0.01664, b5 = 0.01676 against 1.94, -1.46, "
          + "0.0129, 0.0221), and with b4 = b5 the data cannot separate b2 from b3 (the weakest direction printed is "
          + "b2 - b3). 'fit --starts 4' does not find the optimum either. Start 2 reaches the certified solution to 10 digits."));

  static Stream<Arguments> fits() {
    List<Arguments> out = new ArrayList<>();
    for (NistProblem problem : NistReference.load(NistModels.dataRoot())) {
      out.add(Arguments.of(problem, 1));
      out.add(Arguments.of(problem, 2));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} start {1}")
  @MethodSource("fits")
  void fit_convergedOnlyWithTheCertifiedValues_andEveryOtherStartSaysSo(NistProblem problem, int start) {
    Outcome outcome = Outcome.of(problem, start, NistModels.compiled(problem));
    String excuse = NOT_CONVERGED.getOrDefault(problem.name(), Map.of()).get(start);
    if (outcome.fit().status().isConverged()) {
      assertTrue(outcome.passes(), "a false CONVERGED:\n" + outcome.describe());
    }
    assertEquals(excuse == null, outcome.fit().status().isConverged(), (excuse == null ? "expected CONVERGED"
        : "documented as not converging but now converges; update NOT_CONVERGED") + "\n" + outcome.describe());
  }

  @Test
  void notConverged_namesRealProblemsAndStarts() {
    List<String> names = NistReference.load(NistModels.dataRoot()).stream().map(NistProblem::name).toList();
    NOT_CONVERGED.forEach((name, starts) -> {
      assertTrue(names.contains(name), name);
      assertTrue(starts.keySet().stream().allMatch(s -> s == 1 || s == 2), name);
    });
  }

  /** What one fit reached, in certified digits. */
  record Outcome(NistProblem problem, int start, FitResult fit, double[] sd, String covarianceProblem) {

    static Outcome of(NistProblem problem, int start, CompiledModel model) {
      FitResult fit = Fitter.fit(model, FitOptions.defaults().withStart(start == 1 ? problem.start1() : problem.start2()));
      try {
        return new Outcome(problem, start, fit, LeastSquaresCovariance.at(model, fit.parameters()).sd(), null);
      } catch (RuntimeException e) {
        return new Outcome(problem, start, fit, null, e.getMessage());
      }
    }

    boolean passes() {
      if (sd == null) {
        return false;
      }
      for (int k = 0; k < sd.length; k++) {
        NistProblem.Parameter c = problem.parameters().get(k);
        double sdDigits = problem.name().equals("Lanczos1") ? LANCZOS1_SD_DIGITS : SD_DIGITS;
        if (!(digits(fit.parameters()[k], c.value()) >= VALUE_DIGITS && digits(sd[k], c.sd()) >= sdDigits)) {
          return false;
        }
      }
      return true;
    }

    String describe() {
      StringBuilder sb = new StringBuilder(String.format("%s from start %d: %s (%s), 2J = %.10e, certified RSS %.10e%n", problem,
          start, fit.status(), fit.method(), 2 * fit.observationCost(), problem.residualSumOfSquares()));
      if (covarianceProblem != null) {
        sb.append("covariance: ").append(covarianceProblem).append('\n');
      }
      for (int k = 0; k < problem.parameters().size(); k++) {
        NistProblem.Parameter c = problem.parameters().get(k);
        sb.append(String.format("  %-3s value %.10e certified %.10e (%.1f digits)", c.name(), fit.parameters()[k], c.value(),
            digits(fit.parameters()[k], c.value())));
        if (sd != null) {
          sb.append(String.format("   sd %.6e certified %.6e (%.1f digits)", sd[k], c.sd(), digits(sd[k], c.sd())));
        }
        sb.append('\n');
      }
      sb.append(String.join("\n", fit.verdict().conditions())).append('\n');
      return sb.append(String.join("\n", fit.notes())).toString();
    }
  }

  /** Significant digits of x agreeing with c: the log relative error, capped at 15 when they are equal. */
  static double digits(double x, double c) {
    double relative = Math.abs(x - c) / Math.abs(c);
    return relative == 0 ? 15 : Math.min(15, -Math.log10(relative));
  }
}
