package org.phloem.runtime.twin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.posterior.Posterior;
import org.phloem.runtime.report.AtomicFiles;

/**
 * The outcome of a twin experiment: per parameter, truth against posterior; and the cost at the
 * optimum against its expected distribution.
 *
 * <p>The cost test: with m observations and n parameters of which f have flat priors, the minimized
 * cost sums m observation and n − f prior squared residuals from which n parameters were fitted, so for
 * a linear model with the truth drawn from the prior 2·J_min is χ² with ν = m − f degrees of freedom:
 * J_min has mean ν/2 and sd √(ν/2) (with priors on every parameter, as in DALEC, ν = m and the
 * expectation is the familiar J_min ≈ m/2). The band is ν/2 ± {@value #COST_BAND_SDS}·√(ν/2) (the
 * normal approximation, close to the χ²'s own 0.13% and 99.87% points for ν in the hundreds); outside
 * it the observation sds, the noise or the fit are wrong. With a truth not drawn from the prior, the
 * prior part adds a fixed offset and the test is only approximate.
 *
 * @param model the model's name
 * @param rows one per parameter slot
 * @param fit the fit
 * @param posterior the posterior at the fit's optimum
 * @param observations m, the number of observation elements used
 * @param observationCostAtTruth the observation cost at the truth (pure noise: about m/2)
 */
public record TwinReport(String model, List<TwinRow> rows, FitResult fit, Posterior posterior, int observations,
    double observationCostAtTruth) {

  /** Half-width of the cost band, in sds of J_min. */
  public static final double COST_BAND_SDS = 3;

  /** The limit, in posterior sds, for a parameter's truth to count as recovered. */
  public static final double COVERAGE_SDS = 2;

  public TwinReport {
    rows = List.copyOf(rows);
  }

  /** J_min, the total cost (observations and priors) at the optimum. */
  public double costAtOptimum() {
    return fit.cost();
  }

  /** ν = m − (slots with a flat prior): the χ² degrees of freedom of 2·J_min. */
  public int degreesOfFreedom() {
    return observations - (int) rows.stream().filter(r -> !Double.isFinite(r.priorSd())).count();
  }

  /** The expected J_min, ν/2. */
  public double expectedCost() {
    return degreesOfFreedom() / 2.0;
  }

  /** The sd of J_min, √(ν/2). */
  public double costSd() {
    return Math.sqrt(degreesOfFreedom() / 2.0);
  }

  /** The lower end of the cost band. */
  public double costBandLow() {
    return expectedCost() - COST_BAND_SDS * costSd();
  }

  /** The upper end of the cost band. */
  public double costBandHigh() {
    return expectedCost() + COST_BAND_SDS * costSd();
  }

  /** Whether J_min lies in the band. */
  public boolean costWithinBand() {
    return costAtOptimum() >= costBandLow() && costAtOptimum() <= costBandHigh();
  }

  /** P(χ²_ν ≥ 2·J_min): small when the fit is too poor, close to 1 when it is too good. */
  public double costUpperTailProbability() {
    return 1 - new ChiSquaredDistribution(null, degreesOfFreedom()).cumulativeProbability(2 * costAtOptimum());
  }

  /** How many parameters have their truth within {@link #COVERAGE_SDS} posterior sds. */
  public int covered() {
    return (int) rows.stream().filter(r -> r.within(COVERAGE_SDS)).count();
  }

  /** The report as a table for the terminal. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-10s %12s %12s %12s %12s %12s %9s%n", "parameter", "truth", "prior mean", "prior sd",
        "posterior", "post. sd", "|err|/sd"));
    for (TwinRow r : rows) {
      sb.append(String.format(Locale.ROOT, "%-10s %12.4g %12.4g %12.4g %12.4g %12.4g %8.2f%s%n", r.name(), r.truth(), r.priorMean(),
          r.priorSd(), r.posterior(), r.posteriorSd(), r.error(), r.within(COVERAGE_SDS) ? " " : "*"));
    }
    sb.append(String.format(Locale.ROOT, "truth within %.0f posterior sd: %d of %d parameters (* outside; log-scale "
        + "parameters measured on ln p)%n", COVERAGE_SDS, covered(), rows.size()));
    sb.append(String.format(Locale.ROOT, "fit: %s, %s; J_min = %.2f (observations %.2f, prior %.2f)%n", fit.status(), fit.method(),
        costAtOptimum(), fit.observationCost(), fit.priorCost()));
    int flat = observations - degreesOfFreedom();
    sb.append(String.format(Locale.ROOT, "m = %d observations%s: expected J_min = nu/2 = %.1f, band nu/2 +- %.0f sqrt(nu/2) = "
        + "[%.1f, %.1f]: %s; P(chi2_nu >= 2 J_min) = %.3f%n", observations,
        flat == 0 ? ", nu = m (every parameter has a prior)" : ", nu = m - " + flat + " flat-prior parameters = " + degreesOfFreedom(),
        expectedCost(), COST_BAND_SDS, costBandLow(), costBandHigh(), costWithinBand() ? "inside" : "OUTSIDE",
        costUpperTailProbability()));
    sb.append(String.format(Locale.ROOT, "observation cost at the truth (the noise alone): %.2f%n", observationCostAtTruth));
    return sb.toString();
  }

  /**
   * Writes {@code twin_parameters.csv} (one row per slot) and {@code twin_cost.csv} (one row) to
   * {@code folder}; returns the files.
   */
  public List<Path> writeCsv(Path folder) throws IOException {
    StringBuilder p = new StringBuilder("name,truth,prior_mean,prior_sd,posterior,posterior_sd,log_scale,error_in_sd,within_"
        + (int) COVERAGE_SDS + "sd\n");
    for (TwinRow r : rows) {
      p.append(String.join(",", r.name(), num(r.truth()), num(r.priorMean()), num(r.priorSd()), num(r.posterior()),
          num(r.posteriorSd()), Boolean.toString(r.logScale()), num(r.error()), Boolean.toString(r.within(COVERAGE_SDS)))).append('\n');
    }
    String c = "observations,degrees_of_freedom,j_min,j_observations,j_prior,expected_j,band_low,band_high,within_band,p_chi2_upper,"
        + "j_observations_at_truth,covered,parameters,fit_status\n"
        + String.join(",", Integer.toString(observations), Integer.toString(degreesOfFreedom()), num(costAtOptimum()), num(fit.observationCost()), num(fit.priorCost()),
            num(expectedCost()), num(costBandLow()), num(costBandHigh()), Boolean.toString(costWithinBand()),
            num(costUpperTailProbability()), num(observationCostAtTruth), Integer.toString(covered()), Integer.toString(rows.size()),
            fit.status().name()) + "\n";
    Path parameters = folder.resolve("twin_parameters.csv");
    Path cost = folder.resolve("twin_cost.csv");
    AtomicFiles.write(parameters, p.toString());
    AtomicFiles.write(cost, c);
    return List.of(parameters, cost);
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "NA" : Double.isInfinite(v) ? (v > 0 ? "Inf" : "-Inf") : Double.toString(v);
  }
}
