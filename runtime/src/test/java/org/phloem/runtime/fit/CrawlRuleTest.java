package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The crawl rule on iteration logs whose costs are given in closed form (window K = 50 for 10 slots). */
class CrawlRuleTest {

  static final CrawlRule RULE = new CrawlRule(10, 1e-8);

  /** Iterations 0..k with cost J(i) and one evaluation per iteration. */
  static List<IterationRecord> log(int k, IntToDoubleFunction cost) {
    List<IterationRecord> log = new ArrayList<>();
    for (int i = 0; i <= k; i++) {
      log.add(new IterationRecord("lbfgs", i, cost.applyAsDouble(i), 1, 1, i + 1));
    }
    return log;
  }

  @Test
  void aSteadyCrawl_handsOver_withItsNumbers() {
    // J falls by 1e-4 per iteration, a little less each time: the rate per window is just below one
    CrawlRule.Crawl c = RULE.judge(log(400, i -> 100 - 1e-4 * i + 1e-8 * i * i), 1000, 5000);
    assertNotNull(c);
    assertEquals(400, c.iteration());
    assertEquals(50, c.window());
    assertEquals(600, c.left());
    // d₁, d₂, d₃ over iterations 250-300, 300-350, 350-400 of J = 100 − 1e-4 i + 1e-8 i²
    assertEquals(5e-3 - 1e-8 * (300 * 300 - 250 * 250), c.d1(), 1e-12);
    assertEquals(5e-3 - 1e-8 * (400 * 400 - 350 * 350), c.d3(), 1e-12);
    assertEquals((c.d2() + c.d3()) / (c.d1() + c.d2()), c.rate(), 1e-15);
  }

  @Test
  void fastLinearConvergence_goesOn() {
    // J − J* halves every 10 iterations: the projection needs about 120 more iterations, far fewer than the 850 left
    assertNull(RULE.judge(log(150, i -> 3 + Math.pow(0.5, i / 10.0)), 1000, 5000));
  }

  @Test
  void theSameSlowConvergence_handsOverOnlyWhenTheIterationsLeftAreTooFew() {
    // J − J* shrinks by 0.99 per iteration (0.6 per window of 50): about 2,000 more iterations from 6.6 to 1e-8
    IntToDoubleFunction cost = i -> 7 + 1e3 * Math.pow(0.99, i);
    assertNull(RULE.judge(log(500, cost), 5000, 25000));
    assertNotNull(RULE.judge(log(500, cost), 1000, 25000));
    // or the evaluations: one per iteration here, 600 left
    assertNotNull(RULE.judge(log(500, cost), 5000, 1101));
  }

  @Test
  void progressThatIsNotSlowing_goesOn() {
    // a burst in the last window: the rate is above one
    assertNull(RULE.judge(log(300, i -> i < 250 ? 10 - 1e-5 * i : 10 - 1e-5 * 250 - 1e-3 * (i - 250)), 1000, 5000));
  }

  @Test
  void fewerThanThreeWindows_goesOn() {
    assertNull(RULE.judge(log(149, i -> 100 - 1e-4 * i + 1e-8 * i * i), 150, 5000));
  }
}
