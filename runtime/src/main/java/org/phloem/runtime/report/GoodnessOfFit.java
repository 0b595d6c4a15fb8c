package org.phloem.runtime.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Whether the misfit at the optimum agrees with the stated observation errors, in every fit: if the
 * errors are right (and the model linear enough near the optimum), 2·J_obs is χ² with ν = m − f degrees
 * of freedom (m observation elements, f free parameters without a prior), so J_obs ≈ ν/2; and for each
 * {@code observe} statement k, 2·J_k/m_k ≈ 1. Outside the central {@value #BAND_PERCENT}% band of the χ²
 * the stated errors look too small (misfit too large) or too large (misfit too small).
 *
 * @param observationCost J_obs
 * @param degreesOfFreedom ν
 * @param low the lower end of the band for J_obs
 * @param high the upper end of the band for J_obs
 * @param statements one per observe statement, in order of first appearance
 * @param sdsRescaled whether the reported sds were rescaled by s² = RSS/(n − p) (least squares), so that they
 *     do not take the stated errors at face value
 */
public record GoodnessOfFit(double observationCost, int degreesOfFreedom, double low, double high, List<Statement> statements,
    boolean sdsRescaled) {

  /** The central probability of the bands, in percent. */
  public static final int BAND_PERCENT = 99;

  /**
   * One observe statement.
   *
   * @param label the statement's label
   * @param count m_k, its non-missing elements
   * @param ratio 2·J_k/m_k, with J_k = ½ Σ (normalized residual)²
   * @param low the lower end of the band for the ratio
   * @param high the upper end of the band for the ratio
   */
  public record Statement(String label, int count, double ratio, double low, double high) {
    /** "too small", "too large" (the stated errors) or "" when inside the band. */
    public String verdict() {
      return ratio > high ? "errors too small?" : ratio < low ? "errors too large?" : "";
    }
  }

  public GoodnessOfFit {
    statements = List.copyOf(statements);
  }

  /** The test at the optimum of {@code report}'s fit. */
  public static GoodnessOfFit of(FitReport report) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (ResidualRow row : report.residuals()) {
      double[] s = sums.computeIfAbsent(row.observation(), k -> new double[2]);
      s[0] += row.normalizedResidual() * row.normalizedResidual();
      s[1]++;
    }
    List<Statement> statements = new ArrayList<>();
    for (Map.Entry<String, double[]> e : sums.entrySet()) {
      int m = (int) e.getValue()[1];
      double[] band = band(m);
      statements.add(new Statement(e.getKey(), m, e.getValue()[0] / m, band[0] / m, band[1] / m));
    }
    int flatFree = 0;
    double[] priorSd = report.info().priorSds();
    for (int i = 0; i < priorSd.length; i++) {
      boolean held = report.posterior() != null && report.posterior().held()[i];
      flatFree += !Double.isFinite(priorSd[i]) && !held ? 1 : 0;
    }
    int nu = Math.max(1, report.residuals().size() - flatFree);
    double[] band = band(nu);
    // With a fitted sd (its log is in J) or a student_t, J_obs is no half sum of squared residuals:
    // the test takes the normalized residuals' ½ Σ r² instead (equal to J_obs otherwise).
    double observationCost = report.fit().observationCost();
    if (!org.phloem.runtime.fit.ObservationElements.sumOfSquares(report.info())) {
      observationCost = 0;
      for (ResidualRow row : report.residuals()) {
        observationCost += 0.5 * row.normalizedResidual() * row.normalizedResidual();
      }
    }
    boolean rescaled = report.covariance() != null && report.covariance().kind() == CovarianceStatement.Kind.LEAST_SQUARES;
    return new GoodnessOfFit(observationCost, nu, band[0] / 2, band[1] / 2, statements, rescaled);
  }

  /** The central band of χ²_ν. */
  private static double[] band(int nu) {
    ChiSquaredDistribution chi2 = new ChiSquaredDistribution(null, Math.max(nu, 1));
    double tail = (1 - BAND_PERCENT / 100.0) / 2;
    return new double[] {chi2.inverseCumulativeProbability(tail), chi2.inverseCumulativeProbability(1 - tail)};
  }

  /** Whether J_obs lies in its band. */
  public boolean withinBand() {
    return observationCost >= low && observationCost <= high;
  }

  /** The lines of the summary: the total against ν/2, each statement's ratio, and a plain sentence when outside. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "goodness of fit: J_obs = %.6g against nu/2 = %.6g (nu = %d), %d%% chi-square band [%.6g, %.6g]: %s",
        observationCost, degreesOfFreedom / 2.0, degreesOfFreedom, BAND_PERCENT, low, high, withinBand() ? "inside" : "OUTSIDE"));
    for (Statement s : statements) {
      out.add(String.format(Locale.ROOT, "  %s: 2 J_k / m_k = %.3g over %d elements (band [%.3g, %.3g]) %s", s.label(), s.ratio(), s.count(),
          s.low(), s.high(), s.verdict()));
    }
    double ratio = 2 * observationCost / degreesOfFreedom;
    String sds = sdsRescaled ? " The sds below are rescaled by s^2 = RSS/(n - p) (see Covariance), so they do not take the stated "
        + "errors at face value."
        : "";
    if (observationCost == 0) {
      out.add("The model reproduces every observation exactly (J_obs = 0): there is no misfit to judge the stated errors by.");
    } else if (observationCost > high) {
      out.add(String.format(Locale.ROOT, "The misfit is %.3g times what the stated observation errors imply: the errors look too small "
          + "(by a factor of about %.2g in sd), or the model misses something the data show.%s", ratio, Math.sqrt(ratio),
          sdsRescaled ? sds : " The posterior sds take the stated errors at face value and are then too small."));
    } else if (observationCost < low) {
      out.add(String.format(Locale.ROOT, "The misfit is only %.3g times what the stated observation errors imply: the errors look too "
          + "large (by a factor of about %.2g in sd), or the data were smoothed.%s", ratio, 1 / Math.sqrt(ratio),
          sdsRescaled ? sds : " The posterior sds are then too large."));
    }
    return out;
  }
}
