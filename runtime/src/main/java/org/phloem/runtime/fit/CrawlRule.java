package org.phloem.runtime.fit;

import java.util.List;
import java.util.Locale;

/**
 * When L-BFGS, with the trust-region Newton phase to follow, hands over although none of its own stops
 * (gradient, cost change, line search) was met: when its progress says it will not converge within the
 * iterations it has left.
 *
 * <p>Why. On an ill-conditioned cost L-BFGS converges linearly at a rate near one: on the CCDAS experiment
 * (70 parameters whose prior-scaled curvatures span four orders of magnitude, several of them crawling
 * toward a bound through the search space's logistic transform) J falls by about 1e-4 per iteration for
 * thousands of iterations, and its own cost test (a relative change of 1e-13) is met only at rounding, so
 * it ran to its iteration limit and the fit ended there without a verdict. The trust-region phase works
 * with the exact Hessian: it converges quadratically near the optimum and puts crawling parameters on
 * their bounds itself. An L-BFGS that will not converge before its limit hands over anyway when it reaches
 * the limit ({@link FitOptions.HandOver#atLimit()}); stopping it as soon as that is foreseeable saves the
 * rest of its budget. Newton is affordable whenever it runs at all: the fit skips it above
 * {@link FitOptions#newtonMaxParameters()} slots, and then this rule is off.
 *
 * <p>The rule. Windows of K = max({@value #MIN_WINDOW}, n) iterations (n the dimension: L-BFGS learns
 * about one direction of curvature per iteration, so over fewer than n iterations the decrease tells where
 * it is in its sweep, not its rate); d₁, d₂, d₃ the decreases of J over the last three windows, oldest
 * first. The progress of L-BFGS comes in bursts, so the rate per window is taken over two windows on each
 * side: q = (d₂ + d₃) / (d₁ + d₂). Were the convergence linear at that rate, the decrease still to come
 * would be R = d₃·q/(1 − q), and log(τ/R)/log q more windows would bring it below τ, the verdict's
 * tolerance on the Newton decrement (the decrease still expected that counts as converged). L-BFGS hands
 * over when that projection exceeds the iterations it has left: to its iteration limit, or to its
 * evaluation limit at the evaluations per iteration of the last window. When q ≥ 1 progress is not slowing
 * (a burst, or superlinear convergence setting in): it goes on. The rule reads only the costs and counts of
 * the iteration log, which a saved state holds, so a resumed fit decides exactly as the uninterrupted one.
 */
final class CrawlRule {

  /** The shortest window, in iterations: below this the decreases are too few to say anything of a rate. */
  static final int MIN_WINDOW = 50;

  private final int window;
  private final double target;

  /**
   * The rule for {@code dimension} slots.
   *
   * @param target the decrease still to come that counts as converged (the verdict's decrement tolerance)
   */
  CrawlRule(int dimension, double target) {
    this.window = Math.max(MIN_WINDOW, dimension);
    this.target = target;
  }

  /**
   * Why L-BFGS should hand over after the last iteration of {@code log} (which starts with iteration 0,
   * one record per iteration), or null when it should go on.
   */
  Crawl judge(List<IterationRecord> log, int maxIterations, int maxEvaluations) {
    int k = log.size() - 1;
    if (k < 3 * window) {
      return null;
    }
    IterationRecord now = log.get(k);
    double d3 = log.get(k - window).cost() - now.cost();
    double d2 = log.get(k - 2 * window).cost() - log.get(k - window).cost();
    double d1 = log.get(k - 3 * window).cost() - log.get(k - 2 * window).cost();
    if (!(d1 + d2 > 0) || !(d3 >= 0)) {
      return null;
    }
    double rate = (d2 + d3) / (d1 + d2);
    if (!(rate < 1)) {
      return null;
    }
    double perIteration = Math.max(1, (now.evaluations() - log.get(k - window).evaluations()) / (double) window);
    long left = Math.min((long) maxIterations - now.iteration(), (long) ((maxEvaluations - now.evaluations()) / perIteration));
    double toCome = d3 * rate / (1 - rate);
    double projected = toCome <= target || rate == 0 ? 0 : window * Math.log(target / toCome) / Math.log(rate);
    return projected > left ? new Crawl(now.iteration(), window, d1, d2, d3, rate, toCome, projected, left) : null;
  }

  /**
   * A crawl found after iteration {@code iteration}: the decreases of the three windows, the rate, the
   * decrease projected still to come, the iterations projected to converge and those left.
   */
  record Crawl(int iteration, int window, double d1, double d2, double d3, double rate, double toCome, double projected, long left) {

    /** One sentence for the progress output and the fit's notes. */
    String describe() {
      return String.format(Locale.ROOT, "L-BFGS hands over to trust-region Newton after iteration %d: J fell by %.3g, %.3g and %.3g "
          + "over the last three windows of %d iterations (rate %.3f per window), so about %s more iterations would be needed to converge "
          + "(%.2g still to come, at that rate), more than the %,d left to its limit", iteration, d1, d2, d3, window, rate,
          Double.isInfinite(projected) || projected > 1e9 ? "1e9+" : String.format(Locale.ROOT, "%,d", Math.round(projected)), toCome,
          left);
    }
  }
}
