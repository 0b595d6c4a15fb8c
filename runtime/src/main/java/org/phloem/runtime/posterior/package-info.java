/**
 * The posterior at a fitted optimum (Laplace approximation, as CCDAS): the exact Hessian of the
 * Bayesian cost from Hessian-vector products, its inverse as the posterior covariance, standard
 * deviations, correlations, uncertainty reduction, the parameter combinations the data constrain, and
 * the uncertainty of every output by the delta method. Also the classical least-squares covariance
 * s²(JᵀJ)⁻¹ used for the NIST reference problems.
 *
 * <p>Guarantees: a Hessian that is not positive definite is never inverted silently; it is reported
 * with its offending eigenvalues and the parameters behind them, and the covariance then comes from
 * the positive part only and is flagged. All results are in physical units.
 */
package org.phloem.runtime.posterior;
