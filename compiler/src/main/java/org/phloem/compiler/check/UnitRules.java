package org.phloem.compiler.check;

import org.phloem.compiler.diag.ErrorKind;
import org.phloem.compiler.source.Span;

/** The unit checks where two quantities meet, with messages naming both units. */
final class UnitRules {
  private UnitRules() {}

  /**
   * Reports when {@code a} and {@code b} are both known and differ.
   *
   * @param context the start of the message, e.g. "Cannot add 'A' and 'B'"; {@code %1$s} and
   *     {@code %2$s} stand for the units of a and b
   * @return true when they agree (or one is not known)
   */
  static boolean requireSame(CheckContext ctx, Span at, String context, UnitValue a, UnitValue b) {
    if (!a.known() || !b.known() || a.unit().sameAs(b.unit())) {
      return true;
    }
    ctx.error(ErrorKind.UNIT_MISMATCH, at, mismatch(context, a.unit(), b.unit()));
    return false;
  }

  /** The full sentence: the context, then why the units do not agree. */
  static String mismatch(String context, Unit a, Unit b) {
    String head = String.format(context, a, b);
    if (!a.sameDimension(b)) {
      return head + ": they have different dimensions.";
    }
    // Say it the way round that gives a factor above one: "1 gC/m2/s = 86400 gC/m2/day".
    Unit big = a.factorTo(b) >= 1 ? a : b;
    Unit small = big == a ? b : a;
    return head + ": same dimension, different scale (1 " + big + " = "
        + Unit.formatFactor(big.factorTo(small)) + " " + small + ").";
  }
}
