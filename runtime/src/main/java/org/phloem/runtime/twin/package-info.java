/**
 * Twin experiments (identical-twin, or OSSE): observations made by the model itself at known "true"
 * parameters plus seeded Gaussian noise, fitted back, and the posterior judged against the truth.
 * REFLEX (Fox et al. 2009, Agric. For. Meteorol. 149:1597) ran this protocol on DALEC.
 *
 * <p>{@link org.phloem.runtime.twin.TruthDraw} draws a truth from the priors, {@link
 * org.phloem.runtime.twin.SyntheticObservations} turns modelled values into noisy observations, and
 * {@link org.phloem.runtime.twin.TwinExperiment} fits a model bound to them and scores the result
 * ({@link org.phloem.runtime.twin.TwinReport}). Which inputs of a model hold the observations is the
 * compiler's knowledge; the driver's {@code phloem twin} command substitutes them.
 */
package org.phloem.runtime.twin;
