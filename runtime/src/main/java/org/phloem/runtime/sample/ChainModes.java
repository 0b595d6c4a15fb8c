package org.phloem.runtime.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chains that settled in different modes, told apart by their log density. When R̂ fails because some
 * chains sit far below the others in log π (a local mode the warm-up could not leave, such as the ridge
 * of a kinked model where the kink has run off the data), saying which chains and how far below tells
 * the modeller the draws of those chains are not the posterior, where a bare R̂ would only say "run
 * longer".
 */
final class ChainModes {
  /**
   * A chain whose median log density lies more than this below the highest chain's median is reported: its
   * density is e^10 (about 22,000) times lower at the typical draw.
   */
  static final double GAP = 10;

  private ChainModes() {}

  /**
   * A sentence naming the chains that stay far below the highest one in log density, or null when no chain
   * does (or there is only one).
   */
  static String below(List<ChainDraws> chains) {
    if (chains.size() < 2) {
      return null;
    }
    double[] median = new double[chains.size()];
    int best = 0;
    for (int k = 0; k < chains.size(); k++) {
      median[k] = Diagnostics.quantile(chains.get(k).logDensity(), 0.5);
      if (median[k] > median[best]) {
        best = k;
      }
    }
    List<String> low = new ArrayList<>();
    double largestGap = 0;
    for (int k = 0; k < chains.size(); k++) {
      double gap = median[best] - median[k];
      if (gap > GAP) {
        low.add(Integer.toString(chains.get(k).chain() + 1));
        largestGap = Math.max(largestGap, gap);
      }
    }
    if (low.isEmpty()) {
      return null;
    }
    return String.format(Locale.ROOT, "Chain%s %s stay%s at a log density up to %.0f below chain %d's (medians %s): a local mode."
            + " Unless that mode is about e^%.0f times wider, it holds a negligible share of the posterior, and the draws of"
            + " those chains misrepresent it; 'phloem fit --start' from one of their draws (a row of draws.csv written as a"
            + " name,value file) finds that mode's optimum.",
        low.size() == 1 ? "" : "s", String.join(", ", low), low.size() == 1 ? "s" : "", largestGap, chains.get(best).chain() + 1,
        medians(chains, median), largestGap);
  }

  private static String medians(List<ChainDraws> chains, double[] median) {
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < chains.size(); k++) {
      parts.add(String.format(Locale.ROOT, "chain %d %.1f", chains.get(k).chain() + 1, median[k]));
    }
    return String.join(", ", parts);
  }
}
