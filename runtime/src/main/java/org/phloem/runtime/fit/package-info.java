/**
 * Fitting a compiled model to its observations: the Bayesian cost of the seed's equation (1) in a scaled
 * search space, and the minimizers that drive it.
 *
 * <p>Takes a {@link org.phloem.runtime.CompiledModel} (observation cost and its derivatives in physical
 * units) and guarantees: the prior term and the search-space transforms are added here, with exact first
 * and second derivatives by the chain rule; every minimizer reports one line per iteration through an
 * {@link org.phloem.runtime.fit.IterationListener} and ends with an honest {@link
 * org.phloem.runtime.fit.FitStatus}; results are returned in physical units. Entry point: {@link
 * org.phloem.runtime.fit.Fitter#fit}. Everything is deterministic, which is what makes resuming exact:
 * with a {@link org.phloem.runtime.fit.FitCheckpoint} the whole {@link org.phloem.runtime.fit.FitState}
 * is handed out after every iteration ({@link org.phloem.runtime.fit.FitStateFile} writes it as text),
 * and {@link org.phloem.runtime.fit.Fitter#resume} continues from it to the same optimum.
 */
package org.phloem.runtime.fit;
