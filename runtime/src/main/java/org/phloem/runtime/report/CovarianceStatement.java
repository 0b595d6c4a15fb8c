package org.phloem.runtime.report;

import java.util.Locale;
import org.phloem.runtime.posterior.LeastSquaresCovariance;

/**
 * Which covariance a report gives its sds, correlations and output uncertainties from, said in one
 * sentence for the summary and the terminal.
 *
 * @param kind which covariance
 * @param sentence the statement, starting "Covariance:" (plain ASCII, for any terminal)
 */
public record CovarianceStatement(Kind kind, String sentence) {

  /** The two covariances a fit can report. */
  public enum Kind {
    /** s²(JᵀJ)⁻¹ with s² = RSS/(n − p): least squares with flat priors and fixed observation sds. */
    LEAST_SQUARES,
    /** The inverse Hessian of the cost at the optimum: the Laplace approximation of the posterior. */
    LAPLACE
  }

  /** The least-squares covariance, with the numbers behind s². */
  static CovarianceStatement leastSquares(LeastSquaresCovariance.Result ls, int parameters) {
    return new CovarianceStatement(Kind.LEAST_SQUARES, String.format(Locale.ROOT,
        "Covariance: s^2 (J'J)^-1, the classical least-squares covariance, because every parameter has a flat prior and every "
            + "observation sd is fixed: J is the Jacobian of the normalized residuals and s^2 = RSS/(n - p) = %.6g (RSS %.6g, "
            + "n = %d observations, p = %d parameters), so the stated observation sds are rescaled by s = %.4g (as NIST "
            + "certifies the sds).",
        ls.residualVariance(), ls.residualSumOfSquares(), ls.observations(), parameters, Math.sqrt(ls.residualVariance())));
  }

  /** s² times the inverse Hessian, where JᵀJ is singular to rounding but the Hessian is not. */
  static CovarianceStatement leastSquaresWithTheHessian(LeastSquaresCovariance.Result ls, int parameters) {
    return new CovarianceStatement(Kind.LEAST_SQUARES, String.format(Locale.ROOT,
        "Covariance: s^2 H^-1, the inverse Hessian of J rescaled by s^2 = RSS/(n - p) = %.6g (RSS %.6g, n = %d observations, "
            + "p = %d parameters), not the classical s^2 (J'J)^-1: at this optimum J'J is singular to rounding (smallest/largest "
            + "singular value of the column-scaled Jacobian %.2e), so (J'J)^-1 has no correct digit, while the Hessian, which "
            + "also holds the curvature of the residuals, is positive definite.",
        ls.residualVariance(), ls.residualSumOfSquares(), ls.observations(), parameters, ls.conditionRatio()));
  }

  /** The inverse Hessian, because the least-squares covariance cannot be computed here ({@code why}). */
  static CovarianceStatement laplaceInstead(String why) {
    return new CovarianceStatement(Kind.LAPLACE, "Covariance: the inverse Hessian of the cost J at the optimum, which takes the "
        + "stated observation sds at face value, because the least-squares s^2 (J'J)^-1 cannot be computed here: " + why + ".");
  }

  /**
   * The inverse Hessian, and why the least-squares covariance does not apply.
   *
   * @param allFlat whether every parameter has a flat prior (then the observation sds depend on parameters)
   */
  static CovarianceStatement laplace(boolean allFlat) {
    return laplace(allFlat, true);
  }

  /**
   * The inverse Hessian, and why the least-squares covariance does not apply.
   *
   * @param sumOfSquares whether every observation is a normal or lognormal (else a student_t, or an sd
   *     fitted with the parameters, makes the cost a likelihood that is no sum of squares)
   */
  static CovarianceStatement laplace(boolean allFlat, boolean sumOfSquares) {
    String why = !allFlat ? ""
        : sumOfSquares ? "; the priors are flat but observation sds depend on parameters, so the cost is a likelihood and the "
            + "least-squares s^2 (J'J)^-1 does not apply"
        : "; the priors are flat but the cost is a likelihood that is no sum of squares with fixed sds (a student_t observation, "
            + "or an sd fitted with the parameters), so the least-squares s^2 (J'J)^-1 does not apply";
    return new CovarianceStatement(Kind.LAPLACE, "Covariance: the inverse Hessian of the cost J at the optimum (the Laplace "
        + "approximation of the posterior), which takes the stated observation sds and priors at face value" + why + ".");
  }
}
