package org.phloem.runtime.posterior;

/**
 * How much one parameter slot takes part in an eigenvector: its name and its component (the
 * eigenvector has unit length, so the squares of all components sum to 1).
 */
public record Contribution(String name, double weight) {}
