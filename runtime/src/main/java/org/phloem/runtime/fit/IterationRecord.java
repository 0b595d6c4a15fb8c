package org.phloem.runtime.fit;

import java.util.Locale;

/**
 * One iteration of a minimizer, as printed and written to iterations.csv.
 *
 * @param method which minimizer ("lbfgs", "lm", "newton")
 * @param iteration the iteration number within that minimizer (0 = the starting point)
 * @param cost the cost after the iteration
 * @param gradientNorm the Euclidean norm of the gradient in the search space after the iteration
 * @param stepLength the length of the step taken in the search space (0 at iteration 0)
 * @param evaluations cost (or cost-and-gradient) evaluations used by this minimizer so far
 */
public record IterationRecord(String method, int iteration, double cost, double gradientNorm, double stepLength, int evaluations) implements java.io.Serializable {

  /** The header matching {@link #toLine()}. */
  public static String header() {
    return String.format(Locale.ROOT, "%-6s %5s %22s %12s %12s %6s", "method", "iter", "cost", "|grad|", "step", "evals");
  }

  /** One fixed-width line for the terminal. */
  public String toLine() {
    return String.format(Locale.ROOT, "%-6s %5d %22.15e %12.5e %12.5e %6d", method, iteration, cost, gradientNorm, stepLength, evaluations);
  }
}
