package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.FitStatus;
import org.phloem.runtime.fit.Fitter;

/**
 * The exit codes of the verdicts: one of its own for every status a fit can end with, none shared with 0,
 * 1 (the user's mistake), 2 (usage) or 3 (a bug). Each code is asserted on a real command-line fit in the
 * tests module (FitExitCodesTest, MAX_EVALUATIONS there with --max-evals); MAX_EVALUATIONS also on a
 * fit through the runtime API here.
 */
class FitExitCodeTest {
  @TempDir Path dir;

  /** The statuses a verdict can give (Verdict.judge); the others are a minimizer's phase stops. */
  private static final Set<FitStatus> VERDICTS = EnumSet.of(FitStatus.CONVERGED, FitStatus.STALLED, FitStatus.MAX_ITERATIONS,
      FitStatus.MAX_EVALUATIONS, FitStatus.SADDLE_POINT, FitStatus.UNDETERMINED, FitStatus.NON_FINITE_COST, FitStatus.NON_FINITE_GRADIENT);

  @Test
  void everyVerdictHasItsOwnCode_andOnlyConvergedIsZero() {
    Set<Integer> seen = new HashSet<>();
    for (FitStatus s : VERDICTS) {
      int code = FitExitCode.of(s);
      assertTrue(seen.add(code), s + " shares its code " + code);
      assertEquals(s == FitStatus.CONVERGED, code == 0, s + ": " + code);
      assertFalse(code >= 1 && code <= 3, s + " uses a code of the user's mistake, bad usage or a bug: " + code);
    }
    for (FitStatus s : EnumSet.complementOf(EnumSet.copyOf(VERDICTS))) {
      assertTrue(FitExitCode.of(s) >= 10, s + " would end a fit without a verified minimum: not 0");
    }
  }

  @Test
  void theEvaluationLimit_isTwelve() throws Exception {
    CompiledModel m = Pipeline.compile(Cli.misra1a(dir), true).bind(Cli.data());
    FitResult r = Fitter.fit(m, FitOptions.defaults().withMethod(FitOptions.Method.LBFGS)
        .withMaxEvaluations(3));
    assertEquals(FitStatus.MAX_EVALUATIONS, r.status(), r.summary());
    assertEquals(12, FitExitCode.of(r.status()));
  }
}
