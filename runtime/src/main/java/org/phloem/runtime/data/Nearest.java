package org.phloem.runtime.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Suggestions by edit distance, for "did you mean" hints in data messages. */
final class Nearest {
  private Nearest() {}

  /** Levenshtein distance, case-insensitive (so {@code Tmax} is next to {@code tmax}). */
  static int distance(String a, String b) {
    String x = a.toLowerCase();
    String y = b.toLowerCase();
    int[] prev = new int[y.length() + 1];
    int[] cur = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int subst = prev[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(subst, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[y.length()];
  }

  /** Up to {@code max} candidates, closest first (ties keep the candidates' order). */
  static List<String> closest(String wanted, Collection<String> candidates, int max) {
    List<String> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparingInt(c -> distance(wanted, c)));
    return sorted.subList(0, Math.min(max, sorted.size()));
  }

  /** The one closest candidate if it is plausibly a typo (at most a third of the name wrong), else null. */
  static String plausible(String wanted, Collection<String> candidates) {
    List<String> best = closest(wanted, candidates, 1);
    if (best.isEmpty()) {
      return null;
    }
    int d = distance(wanted, best.get(0));
    return d <= Math.max(2, wanted.length() / 3) ? best.get(0) : null;
  }

  /** " Did you mean 'x'?" or "". */
  static String didYouMean(String wanted, Collection<String> candidates) {
    String p = plausible(wanted, candidates);
    return p == null ? "" : " Did you mean '" + p + "'?";
  }
}
