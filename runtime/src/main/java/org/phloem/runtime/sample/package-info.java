/**
 * Sampling the full posterior with the No-U-Turn Sampler (Hoffman &amp; Gelman 2014, in the multinomial
 * form Stan uses; Betancourt 2017), driven by the adjoint gradient.
 *
 * <p>The target is the posterior density of the search variables x of {@code fit}'s
 * {@link org.phloem.runtime.fit.SearchSpace}: log π(x) = −J(p(x)) + Σ log |dq_i/dx_i|, where J is the
 * cost (negative log posterior in q, the variable each prior is stated on: p, or ln p for {@code log}
 * parameters) and the second term is the Jacobian of the bound transforms. Sampling therefore happens
 * on an unconstrained space, and every draw maps back inside the bounds.
 *
 * <p>Pieces, each in its own class: {@link org.phloem.runtime.sample.PosteriorDensity} (the target),
 * {@link org.phloem.runtime.sample.Nuts} (one transition), {@link org.phloem.runtime.sample.DualAveraging}
 * and {@link org.phloem.runtime.sample.WarmupSchedule} (Stan's windowed adaptation of the step size and
 * the diagonal metric), {@link org.phloem.runtime.sample.Chain} (warm-up and sampling of one chain),
 * {@link org.phloem.runtime.sample.Sampler} (chains in parallel), and
 * {@link org.phloem.runtime.sample.Diagnostics} (rank-normalized split R̂, bulk and tail ESS; Vehtari
 * et al. 2021). Everything is deterministic for a given seed and chain count: each chain has its own
 * random stream ({@link org.phloem.runtime.sample.Rng}) and its own copy of the model.
 */
package org.phloem.runtime.sample;
