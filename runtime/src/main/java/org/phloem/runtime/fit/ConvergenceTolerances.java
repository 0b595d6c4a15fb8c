package org.phloem.runtime.fit;

/**
 * The tolerances of the {@link Verdict}: what "converged" means. All are absolute, in the scaled
 * space where each parameter is measured in its prior sd (or, with a flat prior, its typical size:
 * |p̂|, at least a thousandth of its bounded range, and 1 on a log scale); none is relative to the start.
 *
 * @param gradient (a): every component of the projected gradient in the scaled space must be below this
 *     (ADMB's rule: max |∂J/∂x̃ᵢ| &lt; 1e-4)
 * @param decrement (b): the Newton decrement ½ gᵀH⁻¹g on the free parameters, the decrease of J still
 *     expected, must be below this (1e-8: the optimum is within √(2·1e-8) ≈ 1.4e-4 posterior sd)
 * @param eigenvalue (c): the smallest eigenvalue of the scaled Hessian on the free parameters must be
 *     above this times the largest; one within ± this fraction is zero to rounding (an undetermined
 *     direction), one below minus it is negative curvature (a saddle)
 * @param bound a parameter within this many scale units of a bound, with the gradient pushing it there,
 *     is on the bound: held there, excluded from (a)–(c) and from the posterior
 */
public record ConvergenceTolerances(double gradient, double decrement, double eigenvalue, double bound) implements java.io.Serializable {

  public ConvergenceTolerances {
    check("gradient", gradient);
    check("decrement", decrement);
    check("eigenvalue", eigenvalue);
    check("bound", bound);
  }

  private static void check(String what, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new FitException("the " + what + " tolerance must be a positive number, got " + v);
    }
  }

  /** Gradient 1e-4, decrement 1e-8, eigenvalue 1e-13, bound 1e-6. */
  public static ConvergenceTolerances defaults() {
    return new ConvergenceTolerances(1e-4, 1e-8, 1e-13, 1e-6);
  }

  /** A copy with another gradient tolerance. */
  public ConvergenceTolerances withGradient(double v) {
    return new ConvergenceTolerances(v, decrement, eigenvalue, bound);
  }

  /** A copy with another decrement tolerance. */
  public ConvergenceTolerances withDecrement(double v) {
    return new ConvergenceTolerances(gradient, v, eigenvalue, bound);
  }

  /** A copy with another eigenvalue tolerance. */
  public ConvergenceTolerances withEigenvalue(double v) {
    return new ConvergenceTolerances(gradient, decrement, v, bound);
  }
}
