/**
 * Evaluating a cost that is a sum over independent sites or cells on all cores: {@link
 * org.phloem.runtime.parallel.SiteSum} (a {@link org.phloem.runtime.CompiledModel} over a list of
 * site models sharing one parameter vector) runs the sites on a fork/join pool and adds their costs and
 * derivatives in one fixed, pairwise order ({@link org.phloem.runtime.parallel.PairwiseSum}), so the
 * results are bitwise reproducible for any number of threads.
 *
 * <p>Takes: site models with the same parameters. Guarantees: cost, gradient, tangent and
 * Hessian-vector product identical bit for bit for 1..n threads; each site instance is used by one
 * thread at a time.
 */
package org.phloem.runtime.parallel;
