package org.phloem.runtime.check;

/**
 * What a check found when central finite differences disagreed with a derivative and one-sided
 * differences were asked (see {@code Kinks}).
 */
public enum NonSmooth {
  /** Nothing non-smooth: the differences agreed, or only a wrong derivative explains the disagreement. */
  NONE,
  /**
   * The slope changes within the finite-difference stencil (min, max, abs, an if-then-else whose
   * branches meet): the derivative code is right on the branch the point is on. Not a failure.
   */
  KINK,
  /**
   * The function itself jumps at the point (an if-then-else between values that do not meet): one
   * side agrees with the derivative, the other grows like 1/step. The model has no derivative there;
   * a failure of the model, not of the derivative code.
   */
  JUMP
}
