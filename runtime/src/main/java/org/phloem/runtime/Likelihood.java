package org.phloem.runtime;

/**
 * The distributions an {@code observe} may state, with what each adds to the cost J (the negative
 * log-likelihood, constants dropped) for one element with modelled value m, observed value y, scale
 * s and, for {@link #STUDENT_T}, degrees of freedom ν:
 * <ul>
 *   <li>{@link #NORMAL} {@code normal(y, s)}: ½((m − y)/s)², plus log s when s depends on the parameters;</li>
 *   <li>{@link #LOGNORMAL} {@code lognormal(y, s)}: log y is normal around log m with sd s (the sd of the
 *       log, dimensionless): ½((log m − log y)/s)², plus log s when s depends on the parameters;</li>
 *   <li>{@link #STUDENT_T} {@code student_t(ν, y, s)}: (ν + 1)/2 · log(1 + ((m − y)/s)²/ν), plus log s
 *       when s depends on the parameters; heavy tails, so one outlier pulls the fit far less. ν is a
 *       constant (the terms in ν alone are then constant too).</li>
 * </ul>
 */
public enum Likelihood {
  NORMAL("normal", "normal(OBSERVED, SD)"),
  LOGNORMAL("lognormal", "lognormal(OBSERVED, SD_LOG)"),
  STUDENT_T("student_t", "student_t(NU, OBSERVED, SD)");

  private final String keyword;
  private final String usage;

  Likelihood(String keyword, String usage) {
    this.keyword = keyword;
    this.usage = usage;
  }

  /** The name written in a model. */
  public String keyword() {
    return keyword;
  }

  /** How it is written, e.g. {@code student_t(NU, OBSERVED, SD)}. */
  public String usage() {
    return usage;
  }

  /** Number of arguments. */
  public int arity() {
    return this == STUDENT_T ? 3 : 2;
  }

  /** Position of the observed value among the arguments. */
  public int observedArgument() {
    return this == STUDENT_T ? 1 : 0;
  }

  /** Position of the scale (sd). */
  public int scaleArgument() {
    return observedArgument() + 1;
  }

  /** The one named {@code keyword}, or null. */
  public static Likelihood named(String keyword) {
    for (Likelihood l : values()) {
      if (l.keyword.equals(keyword)) {
        return l;
      }
    }
    return null;
  }

  /**
   * The normalized residual of one element: (m − y)/s, or (log m − log y)/s for {@link #LOGNORMAL}.
   * Its square is twice the element's cost for a normal or lognormal with a fixed sd.
   */
  public double residual(double modelled, double observed, double sd) {
    return this == LOGNORMAL ? (Math.log(modelled) - Math.log(observed)) / sd : (modelled - observed) / sd;
  }

  /** ∂residual/∂m: 1/s, or 1/(m·s) for {@link #LOGNORMAL}. */
  public double residualSlope(double modelled, double sd) {
    return this == LOGNORMAL ? 1 / (modelled * sd) : 1 / sd;
  }
}
