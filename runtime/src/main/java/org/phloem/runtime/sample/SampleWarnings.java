package org.phloem.runtime.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plain-language warnings about a run, each with what to try, using the thresholds of Vehtari et al.
 * (2021) and Stan: R̂ above 1.01, bulk or tail ESS below 100 per chain, any divergence, transitions at
 * the tree-depth limit, E-BFMI below 0.3.
 */
public final class SampleWarnings {
  /** R̂ above this says the chains have not mixed. */
  public static final double RHAT_LIMIT = 1.01;
  /** ESS per chain below this makes quantiles and R̂ unreliable. */
  public static final double ESS_PER_CHAIN = 100;
  /** E-BFMI below this says the energy is explored poorly. */
  public static final double EBFMI_LIMIT = 0.3;

  private SampleWarnings() {}

  /** The warnings for {@code run} with its {@code summary}; empty when every diagnostic is fine. */
  public static List<String> of(SampleRun run, List<SummaryRow> summary) {
    List<String> w = new ArrayList<>();
    List<String> badRhat = new ArrayList<>();
    List<String> lowEss = new ArrayList<>();
    double essLimit = ESS_PER_CHAIN * run.chains().size();
    for (SummaryRow r : summary) {
      if (!(r.rhat() <= RHAT_LIMIT) && run.chains().size() > 1) {
        badRhat.add(String.format(Locale.ROOT, "%s (%.3f)", r.name(), r.rhat()));
      }
      if (!(Math.min(r.essBulk(), r.essTail()) >= essLimit)) {
        lowEss.add(String.format(Locale.ROOT, "%s (bulk %.0f, tail %.0f)", r.name(), r.essBulk(), r.essTail()));
      }
    }
    int total = 0;
    for (ChainDraws c : run.chains()) {
      total += c.size();
    }
    if (!badRhat.isEmpty()) {
      w.add("R-hat above " + RHAT_LIMIT + " for " + abbreviate(badRhat) + ": the chains have not mixed, so the draws do not yet "
          + "represent the posterior. Run longer (--warmup, --draws); if it persists the posterior may have several modes "
          + "(compare 'phloem fit --starts N').");
      String modes = ChainModes.below(run.chains());
      if (modes != null) {
        w.add(modes);
      }
    }
    if (!lowEss.isEmpty()) {
      w.add(String.format(Locale.ROOT, "Effective sample size below %.0f (100 per chain) for %s: means and especially the 5 and 95 %% "
          + "quantiles are noisy. Run more draws (--draws).", essLimit, abbreviate(lowEss)));
    }
    int divergences = run.divergences();
    if (divergences > 0) {
      w.add(String.format(Locale.ROOT, "%d of %d draws ended in a divergent transition: the posterior has regions of high curvature "
          + "that the step size cannot follow, and the draws may miss them (biased). Raise --target-accept (e.g. 0.95); if "
          + "divergences remain, reparameterize (log scale, tighter priors or bounds where physically justified).", divergences, total));
    }
    int saturated = run.treeDepthSaturated();
    if (saturated > 0) {
      w.add(String.format(Locale.ROOT, "%d of %d transitions stopped at the maximum tree depth %d: the sampler is inefficient (strong "
          + "correlations or very different scales). Raise --max-depth, or reparameterize.", saturated, total,
          run.options().maxTreeDepth()));
    }
    for (ChainDraws c : run.chains()) {
      double e = Diagnostics.eBfmi(c.energy());
      if (e < EBFMI_LIMIT) {
        w.add(String.format(Locale.ROOT, "E-BFMI of chain %d is %.2f (below %.1f): the momentum resampling explores the energy poorly, "
            + "typically in heavy-tailed posteriors. Reparameterize or tighten priors.", c.chain() + 1, e, EBFMI_LIMIT));
      }
    }
    return w;
  }

  private static String abbreviate(List<String> names) {
    if (names.size() <= 6) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, 6)) + " and " + (names.size() - 6) + " more";
  }
}
