package org.phloem.runtime.multistart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.fit.AnalyticModel;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.fit.TestModels;

class MultiStartTest {

  private static MultiStartResult run(AnalyticModel m, int starts, long seed, int threads) {
    return MultiStart.run(m, FitOptions.defaults(), MultiStartOptions.of(starts, seed).withThreads(threads), StartProgress.NONE);
  }

  @Test
  void twoKnownOptima_areBothFound_andTheBestIsTheResult() {
    MultiStartResult r = run(TwoWells.model(), 12, 7, 2);
    assertEquals(2, r.optima().size(), "two distinct optima: " + r.optima());
    Optimum best = r.optima().get(0);
    Optimum other = r.optima().get(1);
    // each is a stationary point of the closed-form cost, +2 the lower one
    assertEquals(2, best.parameters()[0], 0.01);
    assertEquals(-2, other.parameters()[0], 0.01);
    assertEquals(TwoWells.cost(best.parameters()[0]), best.cost(), 1e-9);
    assertEquals(0, TwoWells.slope(best.parameters()[0]), 1e-5);
    assertEquals(0, TwoWells.slope(other.parameters()[0]), 1e-5);
    assertTrue(best.cost() < other.cost());
    assertEquals(12, best.starts().size() + other.starts().size() + r.notConverged().values().stream().mapToInt(List::size).sum());
    // the default start (prior mean −0.3) runs down into the worse well: the warning's condition
    assertFalse(r.defaultReachedBest());
    assertTrue(other.starts().contains(0));
    assertEquals(best.representative(), r.best().orElseThrow().index());
    assertEquals(best.cost(), r.best().orElseThrow().result().cost(), 0);
  }

  @Test
  void startZero_isTheSingleFit() {
    AnalyticModel m = TestModels.mixed();
    MultiStartResult r = run(m, 3, 1, 2);
    FitResult single = Fitter.fit(TestModels.mixed(), FitOptions.defaults());
    FitResult zero = r.outcomes().get(0).result();
    assertArrayEquals(single.parameters(), zero.parameters(), 0);
    assertEquals(single.cost(), zero.cost(), 0);
    assertEquals(single.status(), zero.status());
  }

  @Test
  void results_doNotDependOnTheThreadCount() {
    MultiStartResult one = run(TestModels.mixed(), 6, 42, 1);
    MultiStartResult three = run(TestModels.mixed(), 6, 42, 3);
    assertEquals(one.outcomes().size(), three.outcomes().size());
    for (int k = 0; k < one.outcomes().size(); k++) {
      StartOutcome a = one.outcomes().get(k);
      StartOutcome b = three.outcomes().get(k);
      assertArrayEquals(a.start(), b.start(), 0, "start " + k);
      assertEquals(a.statusName(), b.statusName());
      assertArrayEquals(a.result().parameters(), b.result().parameters(), 0, "end of start " + k + ", bit for bit");
      assertEquals(a.result().cost(), b.result().cost(), 0);
      assertEquals(a.result().iterations(), b.result().iterations());
    }
    assertEquals(one.optima().size(), three.optima().size());
    for (int i = 0; i < one.optima().size(); i++) {
      assertEquals(one.optima().get(i).starts(), three.optima().get(i).starts());
      assertEquals(one.optima().get(i).cost(), three.optima().get(i).cost(), 0);
    }
  }

  @Test
  void anotherSeed_drawsOtherStarts() {
    MultiStartResult a = run(TestModels.mixed(), 3, 1, 2);
    MultiStartResult b = run(TestModels.mixed(), 3, 2, 2);
    assertArrayEquals(a.outcomes().get(0).start(), b.outcomes().get(0).start(), 0, "start 0 is the default either way");
    assertFalse(java.util.Arrays.equals(a.outcomes().get(1).start(), b.outcomes().get(1).start()));
  }

  @Test
  void progress_isToldEveryStart_andWhereTheRunningOnesAreWhileThey() {
    List<Integer> finished = new ArrayList<>();
    List<StartProgress.Running> seen = new ArrayList<>();
    CountDownLatch watched = new CountDownLatch(1);
    StartProgress p = new StartProgress() {
      @Override
      public void finished(StartOutcome outcome, int done, int total) {
        finished.add(outcome.index());
        assertEquals(finished.size(), done);
        assertEquals(4, total);
      }

      @Override
      public void stillRunning(int done, int total, List<Running> running, Duration elapsed) {
        assertEquals(finished.size(), done);
        assertTrue(running.size() <= 2, "two threads: at most two running");
        seen.addAll(running);
        if (!running.isEmpty()) {
          watched.countDown();
        }
      }
    };
    // each start waits at its second gradient until the heartbeat has told of a running start: the
    // heartbeat then finds them running whatever the load (a 2 ms heartbeat alone left that to the scheduler)
    SlowModel slow = new SlowModel(TestModels.mixed(), 5, watched);
    MultiStart.run(slow, FitOptions.defaults(), MultiStartOptions.of(4, 3).withThreads(2).withHeartbeat(Duration.ofMillis(2)), p);
    assertEquals(List.of(0, 1, 2, 3), finished.stream().sorted().toList());
    assertFalse(seen.isEmpty(), "the starts waiting at their second gradient are seen running by the heartbeat");
    for (StartProgress.Running r : seen) {
      assertTrue(r.index() >= 0 && r.index() < 4 && r.iteration() >= 0 && Double.isFinite(r.cost()), r.toString());
    }
  }

  @Test
  void aStartWhereTheModelFails_isKeptWithItsReason_andTheOthersGoOn() {
    // the twin wells with the model failing wherever a < −1: starts in the −2 well fail, the +2 well is found
    FaultyModel m = new FaultyModel(TwoWells.model(), -1);
    MultiStartResult r = MultiStart.run(m, FitOptions.defaults(), MultiStartOptions.of(12, 7).withThreads(2), StartProgress.NONE);
    long failed = r.outcomes().stream().filter(o -> o.result() == null).count();
    assertTrue(failed >= 1, "some start runs into a < -1");
    for (StartOutcome o : r.outcomes()) {
      if (o.result() == null) {
        assertEquals("ERROR", o.statusName());
        assertTrue(o.error().contains("became 0"), o.error());
      }
    }
    assertEquals(1, r.optima().size());
    assertEquals(2, r.optima().get(0).parameters()[0], 0.01);
    assertTrue(r.notConverged().containsKey("ERROR"));
  }

  @Test
  void oneStart_isJustTheDefaultFit() {
    MultiStartResult r = run(TestModels.mixed(), 1, 9, 4);
    assertEquals(1, r.outcomes().size());
    assertTrue(r.defaultReachedBest());
    assertEquals(List.of(0), r.optima().get(0).starts());
  }
}
