package org.phloem.compiler.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.check.CheckReport;
import org.phloem.runtime.check.DirectionRow;
import org.phloem.runtime.check.GradientRow;
import org.phloem.runtime.check.NonSmooth;

/**
 * What a failed derivative check most likely means, in the order a user should look: non-finite values
 * (the model or its data), a jump in the model, a parameter on its bound; only when none of these
 * explains the failure is it a Phloem bug to report.
 */
final class CheckAdvice {
  private CheckAdvice() {}

  /** Which slots of {@code p} stand on (within 1e-9 relative of) a bound, where finite differences step outside or see one side. */
  static boolean[] onBound(ModelInfo info, double[] p) {
    double[] lo = info.lowerBounds();
    double[] hi = info.upperBounds();
    boolean[] on = new boolean[p.length];
    for (int i = 0; i < p.length; i++) {
      on[i] = Math.min(p[i] - lo[i], hi[i] - p[i]) <= 1e-9 * Math.max(1, Math.abs(p[i]));
    }
    return on;
  }

  /** One sentence per likely cause of {@code report}'s failures at {@code p}; the last asks for a bug report only if nothing else explains them. */
  static List<String> causes(CheckReport report, ModelInfo info, double[] p) {
    List<String> out = new ArrayList<>();
    boolean nonFinite = false;
    boolean jump = false;
    for (GradientRow r : report.gradient()) {
      if (r.flagged()) {
        nonFinite |= !Double.isFinite(r.adjoint()) || !Double.isFinite(r.finiteDifference());
        jump |= r.nonSmooth() == NonSmooth.JUMP;
      }
    }
    for (DirectionRow r : report.directions()) {
      if (r.flagged()) {
        nonFinite |= !Double.isFinite(r.expected()) || !Double.isFinite(r.actual());
        jump |= r.nonSmooth() == NonSmooth.JUMP;
      }
    }
    if (nonFinite) {
      out.add("Non-finite values (NaN or infinity) at this point: the model or its data makes one where an observe uses it "
          + "(an output that is NaN only on elements no observe uses does not matter). 'phloem run MODEL' names the file, line "
          + "and element where the first one appears.");
    }
    if (jump) {
      out.add("The model jumps at this point (an if-then-else whose branches do not meet): it has no derivative there, whatever "
          + "the derivative code says. Make the branches meet, e.g. with a ramp built from min and max.");
    }
    List<String> onBound = new ArrayList<>();
    boolean[] on = onBound(info, p);
    for (int i = 0; i < p.length; i++) {
      if (on[i]) {
        onBound.add(info.slotNames().get(i) + String.format(Locale.ROOT, " = %.6g", p[i]));
      }
    }
    if (!onBound.isEmpty()) {
      out.add("On or next to a bound: " + String.join(", ", onBound) + ". Finite differences there step outside the bounds "
          + "or see only one side; check at an interior point with --at or --random.");
    }
    if (out.isEmpty()) {
      out.add("No kink, jump, non-finite value or bound explains the flagged rows: the derivative code disagrees with the model. "
          + "That is a bug in Phloem: please report it with the model file and this output.");
    }
    return out;
  }
}
