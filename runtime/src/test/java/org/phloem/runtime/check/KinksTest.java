package org.phloem.runtime.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/** One-sided differences tell a kink and a jump from a wrong derivative. */
class KinksTest {
  private static final boolean[] ONE = {true};

  private static Kinks.Finding examine(java.util.function.DoubleUnaryOperator f, double derivative, double h0) {
    return Kinks.examine(t -> new double[] {f.applyAsDouble(t)}, new double[] {derivative}, ONE, h0, true);
  }

  /** max(0, t − c) + 0.3 t² with the kink c anywhere in the stencil (or at the point): a kink, whichever branch the code took. */
  @Property(tries = 50)
  void aRampWithinTheStencil_isAKink(@ForAll @DoubleRange(min = -0.9, max = 0.9) double u) {
    double c = u * 1e-3;
    double slopeHere = c < 0 ? 1 : 0; // the branch max takes at t = 0 (max(a, b) is a when a >= b, as Math.max)
    Kinks.Finding f = examine(t -> Math.max(0, t - c) + 0.3 * t * t, slopeHere, 1e-3);
    assertEquals(Kinks.Finding.KINK, f, "kink at " + c);
  }

  @Test
  void aWrongDerivativeNextToAKink_isNotExplainedByIt() {
    // the kink at 5e-4 is within the stencil, but at t = 0 the slope is 1, not 0.5
    assertEquals(Kinks.Finding.NONE, examine(t -> Math.max(0, t - 5e-4) + t, 0.5, 1e-3));
  }

  @Test
  void aWrongDerivativeOfASmoothFunction_isNone() {
    assertEquals(Kinks.Finding.NONE, examine(Math::exp, 1.001, 1e-3));
  }

  @Test
  void aStepAtThePoint_isAJump() {
    // if t >= 0 then exp(t) + 5 else exp(t): the code's derivative 1 holds on the right only
    assertEquals(Kinks.Finding.JUMP, examine(t -> Math.exp(t) + (t >= 0 ? 5 : 0), 1, 1e-3));
  }

  @Test
  void elementwise_oneWrongElementIsNone() {
    boolean[] both = {true, true};
    Kinks.Finding f = Kinks.examine(t -> new double[] {Math.abs(t - 1e-4), Math.sin(t)}, new double[] {-1, 2}, both, 1e-3, false);
    assertEquals(Kinks.Finding.NONE, f);
    // only the elements the central differences flagged are examined: here the first
    Kinks.Finding g = Kinks.examine(t -> new double[] {Math.abs(t - 1e-4), Math.sin(t)}, new double[] {-1, 1}, new boolean[] {true, false},
        1e-3, false);
    assertEquals(Kinks.Finding.KINK, g);
  }
}
