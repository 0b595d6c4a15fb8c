package org.phloem.runtime.multistart;

import java.util.List;

/**
 * One distinct optimum that converged starts reached.
 *
 * @param rank 1 for the lowest cost, then by increasing cost
 * @param cost the cost at its representative
 * @param parameters its representative's end point, in physical units
 * @param starts the starts that reached it, by index
 * @param representative the member that stands for it: start 0 when the default start reached it (so that
 *     the result is the fit a single {@code fit} makes), else the member with the lowest cost (the lowest
 *     index among equal costs)
 */
public record Optimum(int rank, double cost, double[] parameters, List<Integer> starts, int representative) {
  public Optimum {
    parameters = parameters.clone();
    starts = List.copyOf(starts);
  }
}
