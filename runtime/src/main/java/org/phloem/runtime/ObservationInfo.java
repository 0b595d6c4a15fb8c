package org.phloem.runtime;

/**
 * One {@code observe} statement: where its modelled, observed and sd arrays sit among the outputs.
 * The three arrays share a shape (the statement's index space); elements whose observation is missing
 * hold NaN in all three and add nothing to the cost.
 *
 * @param label a readable label, the observed expression as written (e.g. {@code nee[d]})
 * @param modelOutput index into {@link ModelInfo#outputs()} of the modelled values
 * @param valueOutput index of the observed values
 * @param sdOutput index of the observation sds
 * @param line the line of the statement in the model file
 */
public record ObservationInfo(String label, int modelOutput, int valueOutput, int sdOutput, int line) {}
