/**
 * Fitting one model from many starts: the starts are drawn from the prior ({@link
 * org.phloem.runtime.multistart.StartDraws}), fitted in parallel on model copies ({@link
 * org.phloem.runtime.multistart.MultiStart}), and the converged ends grouped into distinct optima
 * ({@link org.phloem.runtime.multistart.OptimumClusters}).
 *
 * <p>Takes a {@link org.phloem.runtime.CompiledModel} and the {@link org.phloem.runtime.fit.FitOptions}
 * every start is fitted with. Guarantees: for a given seed, the starts, every start's fit and the
 * optima are the same for any number of threads (the draws are made in one sequence before anything
 * runs, each fit is deterministic on its own model copy, and results are ordered by start index and
 * cost, never by finishing time); start 0 is the given default start. Nothing here prints or writes
 * files: progress goes to a {@link org.phloem.runtime.multistart.StartProgress}, the report to
 * {@code org.phloem.runtime.report}.
 */
package org.phloem.runtime.multistart;
