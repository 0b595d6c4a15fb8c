package org.phloem.runtime;

import java.util.List;

/**
 * An array the model reports: a declared {@code output}, or one of the arrays an {@code observe}
 * statement fills (modelled values, observed values, observation sd), which carry {@link Role}s other
 * than {@code OUTPUT} and are not printed as outputs.
 *
 * @param name the output's name (for observation arrays: a generated name such as {@code obs1.model})
 * @param dims the names of its dimensions
 * @param shape the sizes of its dimensions
 * @param unit the declared unit text, or ""
 * @param role what the array is
 * @param description the declaration's description text ({@code output npp[cell] "net primary production"}),
 *     or ""
 */
public record OutputInfo(String name, List<String> dims, int[] shape, String unit, Role role, String description) {

  /** An output without a description. */
  public OutputInfo(String name, List<String> dims, int[] shape, String unit, Role role) {
    this(name, dims, shape, unit, role, "");
  }

  /** What an output array holds. */
  public enum Role {
    /** A declared {@code output}. */
    OUTPUT,
    /** The modelled values an {@code observe} statement compares (NaN where the observation is missing). */
    OBSERVATION_MODEL,
    /** The observed values (NaN where missing). */
    OBSERVATION_VALUE,
    /** The observation 1-σ (NaN where missing). */
    OBSERVATION_SD
  }

  public OutputInfo {
    dims = List.copyOf(dims);
    shape = shape.clone();
  }

  /** Number of elements (product of the shape). */
  public int size() {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return n;
  }
}
