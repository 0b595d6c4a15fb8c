package org.phloem.runtime.report;

/**
 * One non-missing observation element at the optimum.
 *
 * @param observation the observe statement's label (e.g. {@code nee[d]})
 * @param index the element's flat index in the statement's index space
 * @param element the element's dimension labels ("ryo,5"; "" for a scalar)
 * @param modelled the modelled value
 * @param modelledSd the posterior sd of the modelled value (delta method)
 * @param observed the observed value
 * @param sd the observation sd
 * @param normalizedResidual (modelled − observed)/sd
 */
public record ResidualRow(String observation, int index, String element, double modelled, double modelledSd, double observed, double sd,
    double normalizedResidual) {}
