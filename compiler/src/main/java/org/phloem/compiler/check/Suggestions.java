package org.phloem.compiler.check;

import java.util.Collection;

/** "Did you mean ...?" by edit distance. */
final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate closest to {@code name}, if close enough to be a plausible typo (at most one edit for
   * short names, a third of the length for longer ones), else null.
   */
  static String closest(String name, Collection<String> candidates) {
    int limit = Math.max(1, name.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (c.equals(name)) {
        continue;
      }
      int d = distance(name.toLowerCase(), c.toLowerCase());
      if (d <= limit && (d < bestDistance || (d == bestDistance && c.compareTo(best) < 0))) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** The hint sentence for {@link #closest}, or null. */
  static String hint(String name, Collection<String> candidates) {
    String c = closest(name, candidates);
    return c == null ? null : "Did you mean '" + c + "'?";
  }

  /** Levenshtein distance, with a swap of neighbours counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
