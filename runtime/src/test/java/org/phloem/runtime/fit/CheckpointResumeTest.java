package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Saving a fit after every iteration and resuming it: a fit resumed from any saved state (written to
 * text and read back) must end exactly where the uninterrupted fit ends, with the same iteration log.
 * The reference is the uninterrupted run of the same minimizer.
 */
class CheckpointResumeTest {

  /** Runs {@code options} on a fresh model, collecting every saved state. */
  private static FitResult fitSaving(AnalyticModel model, FitOptions options, List<FitState> saved) {
    return Fitter.fit(model, options.withCheckpoint(saved::add));
  }

  private static FitState throughText(FitState s) {
    return FitStateFile.parse(FitStateFile.format(s), "fit-state.txt");
  }

  private static void assertSameFit(FitResult expected, FitResult actual) {
    assertArrayEquals(expected.parameters(), actual.parameters(), 0.0, "optimum");
    assertEquals(expected.cost(), actual.cost(), 0.0);
    assertEquals(expected.status(), actual.status());
    assertEquals(expected.iterations(), actual.iterations(), "iteration log");
    assertEquals(expected.evaluations(), actual.evaluations());
  }

  @Test
  void lbfgs_resumedFromEverySavedState_endsExactlyWhereTheUninterruptedFitEnds() {
    FitOptions options = FitOptions.defaults().withMethod(FitOptions.Method.LBFGS).withStart(new double[] {2, 0.5, 0.9, 0.2, 0.4});
    List<FitState> saved = new ArrayList<>();
    FitResult whole = fitSaving(TestModels.mixed(), options, saved);
    assertTrue(whole.status().isConverged(), whole.summary());
    int lbfgsIterations = (int) whole.iterations().stream().filter(r -> r.method().equals("lbfgs")).count() - 1;
    assertTrue(lbfgsIterations >= 5, "enough iterations to interrupt: " + lbfgsIterations);
    assertEquals(lbfgsIterations + 1, saved.stream().filter(s -> s.minimizer() instanceof MinimizerState.LbfgsState).count(),
        "one state at the start and one after every iteration of L-BFGS");
    assertTrue(saved.get(saved.size() - 1).minimizer() instanceof MinimizerState.TrustRegionState, "then the trust-region phase's");
    assertTrue(saved.stream().anyMatch(s -> s.minimizer() instanceof MinimizerState.LbfgsState l && l.s().size() >= 3),
        "states carry the memory");
    for (FitState state : saved) {
      List<IterationRecord> heard = new ArrayList<>();
      FitResult resumed = Fitter.resume(TestModels.mixed(), throughText(state), heard::add, FitCheckpoint.NONE);
      assertSameFit(whole, resumed);
      assertEquals(whole.iterations().subList(state.minimizer().log().size(), whole.iterations().size()), heard,
          "only the iterations after the state are told again");
    }
  }

  @Test
  void levenbergMarquardt_resumedFromEverySavedState_endsExactlyWhereTheUninterruptedFitEnds() {
    NistProblem misra = NistProblem.misra1a();
    List<FitState> saved = new ArrayList<>();
    FitResult whole = fitSaving(misra.model(misra.start1), FitOptions.defaults().withStart(misra.start1), saved);
    assertTrue(whole.method().startsWith("lm"), whole.method());
    assertTrue(saved.size() >= 4, "states saved: " + saved.size());
    assertTrue(saved.get(saved.size() - 1).minimizerStopped());
    for (FitState state : saved) {
      assertSameFit(whole, Fitter.resume(misra.model(misra.start1), throughText(state), IterationListener.NONE, FitCheckpoint.NONE));
    }
    // and the optimum is NIST's (independent reference), to the digits certified
    for (int j = 0; j < 2; j++) {
      assertEquals(misra.certifiedValue[j], whole.parameters()[j], 1e-8 * Math.abs(misra.certifiedValue[j]));
    }
  }

  @Test
  void stoppedAtTheIterationLimit_resumedWithAHigherLimit_continuesToTheOptimumOfOneLongRun() {
    FitOptions options = FitOptions.defaults().withMethod(FitOptions.Method.LBFGS);
    List<FitState> saved = new ArrayList<>();
    FitResult shortRun = fitSaving(TestModels.rosenbrock(), options.withMaxIterations(5).withNewtonIterations(0), saved);
    assertEquals(FitStatus.MAX_ITERATIONS, shortRun.status());
    FitState last = throughText(saved.get(saved.size() - 1));
    assertEquals(FitStatus.MAX_ITERATIONS, last.minimizer().status());

    FitResult longRun = Fitter.fit(TestModels.rosenbrock(), options.withMaxIterations(1000));
    FitResult continued = Fitter.resume(TestModels.rosenbrock(), last.withMaxIterations(1000), IterationListener.NONE, FitCheckpoint.NONE);
    assertTrue(longRun.status().isConverged(), longRun.summary());
    assertSameFit(longRun, continued);
    assertEquals(1, continued.parameters()[0], 1e-6, "Rosenbrock's minimum (1, 1)");
  }

  @Test
  void resumedFromAFinishedState_doesNotIterateAgain() {
    List<FitState> saved = new ArrayList<>();
    FitResult whole = fitSaving(TestModels.linear(), FitOptions.defaults(), saved);
    FitState done = throughText(saved.get(saved.size() - 1));
    AnalyticModel fresh = TestModels.linear();
    List<IterationRecord> heard = new ArrayList<>();
    FitResult again = Fitter.resume(fresh, done, heard::add, FitCheckpoint.NONE);
    assertSameFit(whole, again);
    assertTrue(done.minimizer() instanceof MinimizerState.TrustRegionState, "the last state is the trust-region phase's");
    assertTrue(heard.isEmpty(), "nothing runs again: " + heard);
  }

  @Test
  void stateText_roundTripsEveryNumberExactly() {
    List<FitState> saved = new ArrayList<>();
    fitSaving(TestModels.mixed(), FitOptions.defaults().withStart(new double[] {1.1, 1.4, 0.35, 0.07, -0.25}), saved);
    FitState s = saved.get(3);
    FitState back = throughText(s);
    assertEquals(FitStateFile.format(s), FitStateFile.format(back));
    MinimizerState.LbfgsState a = (MinimizerState.LbfgsState) s.minimizer();
    MinimizerState.LbfgsState b = (MinimizerState.LbfgsState) back.minimizer();
    assertArrayEquals(a.x(), b.x(), 0.0);
    assertArrayEquals(a.gradient(), b.gradient(), 0.0);
    assertArrayEquals(s.options().start(), back.options().start(), 0.0);
    assertEquals(s.options().lbfgs(), back.options().lbfgs());
    assertEquals(s.options().lm(), back.options().lm());
    assertEquals(a.log(), b.log());
    assertNull(b.status());
  }

  @Test
  void damagedOrForeignState_isRefusedWithAMessage() {
    List<FitState> saved = new ArrayList<>();
    fitSaving(TestModels.mixed(), FitOptions.defaults(), saved);
    String text = FitStateFile.format(saved.get(2));
    FitException bad = assertThrows(FitException.class, () -> FitStateFile.parse(text.replaceFirst("\nx [^\n]*", "\nx 1 2 oops 4 5"), "s.txt"));
    assertTrue(bad.getMessage().startsWith("s.txt, line ") && bad.getMessage().contains("'oops' is not a number"), bad.getMessage());
    FitException cut = assertThrows(FitException.class, () -> FitStateFile.parse(text.substring(0, text.indexOf("\nx ")), "s.txt"));
    assertTrue(cut.getMessage().contains("not a complete fit state"), cut.getMessage());
    FitException foreign = assertThrows(FitException.class,
        () -> Fitter.resume(TestModels.linear(), saved.get(2), IterationListener.NONE, FitCheckpoint.NONE));
    assertTrue(foreign.getMessage().contains("'mixed'") && foreign.getMessage().contains("'linear'"), foreign.getMessage());
  }
}
