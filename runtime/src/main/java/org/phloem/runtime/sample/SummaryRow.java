package org.phloem.runtime.sample;

/**
 * The sampled posterior of one parameter slot (physical units), as in Stan's and the posterior package's
 * summaries.
 *
 * @param name the slot's name, as in parameters.csv
 * @param mean posterior mean
 * @param sd posterior sd
 * @param q5 5 % quantile
 * @param q50 median
 * @param q95 95 % quantile
 * @param rhat rank-normalized split R̂
 * @param essBulk bulk effective sample size
 * @param essTail tail effective sample size
 */
public record SummaryRow(String name, double mean, double sd, double q5, double q50, double q95, double rhat, double essBulk,
                         double essTail) {}
