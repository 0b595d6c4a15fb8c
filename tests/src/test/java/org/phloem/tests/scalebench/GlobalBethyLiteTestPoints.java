package org.phloem.tests.scalebench;

import org.phloem.runtime.CompiledModel;

/** Parameter points for BETHY-lite tests. */
final class GlobalBethyLiteTestPoints {
  private GlobalBethyLiteTestPoints() {}

  /** The prior means, each nudged by a different few per cent (no slot at a special value, not at the twin's truth). */
  static double[] nearPrior(CompiledModel m) {
    double[] p = m.info().priorMeans();
    for (int k = 0; k < p.length; k++) {
      p[k] *= 1 + 0.03 * Math.sin(k + 1.0);
    }
    return p;
  }
}
