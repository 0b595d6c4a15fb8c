package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * L-BFGS hands over to trust-region Newton when it crawls (session 6, issue 13): on a quadratic of 60
 * parameters whose curvatures span six orders of magnitude (prior sd 1000, so that the scaled curvatures
 * do too), L-BFGS (memory 10) is still 8e-8 above the minimum's J after its 1000 iterations, more than
 * the verdict's decrement tolerance; with the hand-over the fit ends CONVERGED at the known minimum, says
 * why it handed over, and a resume from any state across the hand-over ends where the uninterrupted fit does.
 */
class LbfgsHandOverTest {

  static IllConditionedQuadratic crawler() {
    return IllConditionedQuadratic.of(60, 6, 7, 1000);
  }

  static FitOptions lbfgs() {
    return FitOptions.defaults().withMethod(FitOptions.Method.LBFGS);
  }

  /** Records what a fit tells its listener, in order: iteration lines and hand-over sentences. */
  static final class Heard implements IterationListener {
    final List<String> lines = new ArrayList<>();

    @Override
    public void onIteration(IterationRecord r) {
      lines.add(r.method() + " " + r.iteration());
    }

    @Override
    public void onHandOver(String why) {
      lines.add("hand-over: " + why);
    }
  }

  static int iterationsOf(FitResult r, String method) {
    return r.iterations().stream().filter(i -> i.method().equals(method)).mapToInt(IterationRecord::iteration).max().orElse(-1);
  }

  @Test
  void withoutTheHandOver_lbfgsCrawlsToItsLimit() {
    // the problem is a real crawl: L-BFGS alone ends its 1000 iterations far from the minimum
    IllConditionedQuadratic q = crawler();
    FitResult r = Fitter.fit(q, lbfgs().withHandOver(FitOptions.HandOver.STALLS_ONLY));
    assertEquals(FitStatus.MAX_ITERATIONS, r.status(), r.summary());
    assertEquals(1000, iterationsOf(r, "lbfgs"));
    assertTrue(r.cost() - q.minimumCost() > 1e-8, "J - J* = " + (r.cost() - q.minimumCost()));
  }

  @Test
  void crawlingLbfgs_handsOverAndNewtonConvergesAtTheMinimum() {
    IllConditionedQuadratic q = crawler();
    Heard heard = new Heard();
    FitResult r = Fitter.fit(q, lbfgs().withListener(heard));
    assertEquals(FitStatus.CONVERGED, r.status(), r.summary());
    assertTrue(atTheMinimum(r, q), "J - J* = " + (r.cost() - q.minimumCost()) + ", error " + maxError(r, q));
    assertEquals("lbfgs+newton", r.method());
    int handedAt = iterationsOf(r, "lbfgs");
    assertTrue(handedAt >= 3 * CrawlRule.MIN_WINDOW && handedAt < 1000, "handed over after " + handedAt);
    // told once, between L-BFGS's last iteration and Newton's first, with the numbers it decided on
    int at = heard.lines.indexOf(heard.lines.stream().filter(l -> l.startsWith("hand-over")).findFirst().orElseThrow());
    assertEquals(1, heard.lines.stream().filter(l -> l.startsWith("hand-over")).count());
    assertEquals("lbfgs " + handedAt, heard.lines.get(at - 1));
    assertEquals("newton 0", heard.lines.get(at + 1));
    String why = heard.lines.get(at);
    assertTrue(why.contains("after iteration " + handedAt) && why.contains("windows of 60 iterations") && why.contains("left to its limit"),
        why);
    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("L-BFGS hands over to trust-region Newton after iteration " + handedAt)),
        r.notes().toString());
  }

  @Test
  void atItsDefaultLimit_lbfgsHandsOver_butALimitTheCallerGaveStops() {
    IllConditionedQuadratic q = crawler();
    // the rule that crawling hands over is off here, so that the limit is reached
    FitOptions noCrawl = lbfgs().withHandOver(new FitOptions.HandOver(false, true));
    Heard heard = new Heard();
    FitResult budget = Fitter.fit(q, noCrawl.withLbfgs(LbfgsOptions.defaults().withMaxIterations(200)).withListener(heard));
    assertEquals(200, iterationsOf(budget, "lbfgs"));
    assertEquals(FitStatus.CONVERGED, budget.status(), budget.summary());
    assertTrue(atTheMinimum(budget, q), "J - J* = " + (budget.cost() - q.minimumCost()) + ", error " + maxError(budget, q));
    assertTrue(heard.lines.contains("hand-over: L-BFGS hands over to trust-region Newton after iteration 200: it reached its iteration "
        + "limit before converging"), heard.lines.toString());

    FitResult stopped = Fitter.fit(q, noCrawl.withMaxIterations(200));
    assertEquals(FitStatus.MAX_ITERATIONS, stopped.status(), stopped.summary());
    assertEquals(-1, iterationsOf(stopped, "newton"));
  }

  @Test
  void resumedFromAnyStateAcrossTheHandOver_endsWhereTheUninterruptedFitEnds() {
    IllConditionedQuadratic q = crawler();
    List<FitState> states = new ArrayList<>();
    FitResult whole = Fitter.fit(q, lbfgs().withCheckpoint(states::add));
    assertEquals(FitStatus.CONVERGED, whole.status(), whole.summary());
    int handedAt = iterationsOf(whole, "lbfgs");
    // the last L-BFGS state before the hand-over, the one that stopped with CRAWLING, Newton's first and its last
    FitState before = null;
    FitState crawled = null;
    FitState newtonFirst = null;
    for (FitState s : states) {
      if (s.minimizer() instanceof MinimizerState.LbfgsState l) {
        before = l.status() == null ? s : before;
        crawled = l.status() == FitStatus.CRAWLING ? s : crawled;
      } else if (newtonFirst == null) {
        newtonFirst = s;
      }
    }
    assertEquals(handedAt - 1, before.minimizer().iteration());
    assertEquals(handedAt, crawled.minimizer().iteration());
    assertInstanceOf(MinimizerState.TrustRegionState.class, newtonFirst.minimizer());
    for (FitState s : List.of(before, crawled, newtonFirst)) {
      // through the state file's text, as --resume reads it
      FitState read = FitStateFile.parse(FitStateFile.format(s), "fit-state.txt");
      assertEquals(FitOptions.HandOver.DEFAULT, read.options().handOver());
      Heard heard = new Heard();
      FitResult resumed = Fitter.resume(q, read, heard, FitCheckpoint.NONE);
      assertEquals(whole.status(), resumed.status(), resumed.summary());
      assertArrayEquals(whole.search(), resumed.search(), "resumed from " + s.minimizer().getClass().getSimpleName() + " "
          + s.minimizer().iteration());
      assertEquals(whole.evaluations(), resumed.evaluations());
      assertEquals(whole.notes(), resumed.notes().stream().filter(n -> !n.startsWith("resumed from a saved state")).toList());
      // the hand-over is told when it happens in the resumed run, not again after it
      long told = heard.lines.stream().filter(l -> l.startsWith("hand-over")).count();
      assertEquals(s == newtonFirst ? 0 : 1, told, heard.lines.toString());
    }
  }

  @Test
  void aStateOfFormat2_isResumedWithItsOwnRule_stallsOnly() {
    IllConditionedQuadratic q = crawler();
    List<FitState> states = new ArrayList<>();
    Fitter.fit(q, lbfgs().withHandOver(FitOptions.HandOver.STALLS_ONLY).withCheckpoint(states::add));
    FitState early = states.stream().filter(s -> s.minimizer().iteration() == 300).findFirst().orElseThrow();
    String text = FitStateFile.format(early);
    assertTrue(text.contains("\nformat 3\n") && text.contains("\nhand-over - -\n"), text.substring(0, 300));
    String format2 = text.replace("\nformat 3\n", "\nformat 2\n").replace("\nhand-over - -\n", "\n");
    FitState read = FitStateFile.parse(format2, "old/fit-state.txt");
    assertEquals(FitOptions.HandOver.STALLS_ONLY, read.options().handOver());
    FitResult resumed = Fitter.resume(q, read, IterationListener.NONE, FitCheckpoint.NONE);
    assertEquals(FitStatus.MAX_ITERATIONS, resumed.status(), "as the fit that wrote it would have ended: " + resumed.summary());
  }

  @Test
  void everyStartOfAMultiStart_goesThroughBothPhasesToAVerdict_printedPerStart() {
    IllConditionedQuadratic q = crawler();
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    org.phloem.runtime.multistart.MultiStartResult all = org.phloem.runtime.multistart.MultiStart.run(q, lbfgs(),
        org.phloem.runtime.multistart.MultiStartOptions.of(3, 1).withThreads(1),
        new org.phloem.runtime.report.StartProgressLines(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8)));
    String lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    for (org.phloem.runtime.multistart.StartOutcome o : all.outcomes()) {
      FitResult r = o.result();
      assertEquals(FitStatus.CONVERGED, r.status(), "start " + o.index() + ": " + r.summary());
      assertTrue(atTheMinimum(r, q), "start " + o.index() + ": J - J* = " + (r.cost() - q.minimumCost()) + ", error " + maxError(r, q));
      int lbfgs = iterationsOf(r, "lbfgs");
      int newton = iterationsOf(r, "newton");
      assertTrue(lbfgs < 1000 && newton >= 1, "start " + o.index() + ": lbfgs " + lbfgs + ", newton " + newton);
      assertTrue(lines.contains(String.format("start %3d  CONVERGED", o.index())) && lines.contains("lbfgs " + lbfgs + " + newton " + newton
          + " iterations"), lines);
    }
  }

  @Test
  void newtonAfterTheHandOver_mayUseWhatLbfgsLeftOfItsEvaluations_andNoMore() {
    // without priors and from a drawn start, some parameters' scales (|start|) are tiny: the scaled Hessian's
    // condition number is far beyond 1e6 and the capped CG of every Newton step (2n + 10 products) crawls too
    IllConditionedQuadratic q = IllConditionedQuadratic.of(60, 6, 7);
    double[] start = org.phloem.runtime.multistart.StartDraws.draw(q.info(), new double[60], 2, 1).get(1);
    // its own 100 iterations take more than L-BFGS left of 5000: it stops after them
    FitResult small = Fitter.fit(q, lbfgs().withStart(start));
    assertEquals(FitStatus.MAX_EVALUATIONS, small.status(), small.summary());
    assertEquals(100, iterationsOf(small, "newton"));
    // with 30000 it goes on past 100 iterations while its evaluations stay below what L-BFGS left, and stops at the
    // first iteration that ends beyond (one iteration: at most 2n + 10 products, an evaluation, the cost noise's few)
    FitResult large = Fitter.fit(q, lbfgs().withStart(start).withLbfgs(LbfgsOptions.defaults().withMaxEvaluations(30000)));
    int lbfgsEvaluations = large.iterations().stream().filter(i -> i.method().equals("lbfgs")).mapToInt(IterationRecord::evaluations).max()
        .orElseThrow();
    int newtonEvaluations = large.iterations().get(large.iterations().size() - 1).evaluations();
    assertEquals(FitStatus.MAX_EVALUATIONS, large.status(), large.summary());
    assertTrue(iterationsOf(large, "newton") > 100, "newton iterations " + iterationsOf(large, "newton"));
    int budget = 30000 - lbfgsEvaluations;
    assertTrue(newtonEvaluations >= budget && newtonEvaluations <= budget + 2 * 60 + 10 + 20, "newton " + newtonEvaluations + ", budget "
        + budget);
  }

  /** J within 1e-12 of the minimum's and every parameter within 1e-6 (of values of order 1; prior sd 1000). */
  private static boolean atTheMinimum(FitResult r, IllConditionedQuadratic q) {
    return Math.abs(r.cost() - q.minimumCost()) < 1e-12 && maxError(r, q) < 1e-6;
  }

  private static double maxError(FitResult r, IllConditionedQuadratic q) {
    double worst = 0;
    double[] p = q.minimum();
    for (int j = 0; j < p.length; j++) {
      worst = Math.max(worst, Math.abs(r.parameters()[j] - p[j]));
    }
    return worst;
  }
}
