package org.phloem.runtime.synth;

/**
 * What synthetic climate to make.
 *
 * @param grid the cells
 * @param firstYear the first calendar year (the run covers whole years, leap days included)
 * @param years how many years
 * @param step daily or monthly output (monthly values are means of the daily ones)
 * @param seed the noise seed: the same options give bit-identical files
 * @param threads worker threads (the output does not depend on it)
 */
public record Options(Grid grid, int firstYear, int years, TimeStep step, long seed, int threads) {
  /** The output time step. */
  public enum TimeStep {
    DAILY("day"), MONTHLY("month");

    /** The name of the time dim and of its column in the output tables. */
    public final String dim;

    TimeStep(String dim) {
      this.dim = dim;
    }
  }

  public Options {
    if (grid == null || step == null) {
      throw new IllegalArgumentException("grid and step are required");
    }
    if (years < 1) {
      throw new IllegalArgumentException("need at least one year, got " + years);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("need at least one thread, got " + threads);
    }
  }

  /** Options using every available processor. */
  public Options(Grid grid, int firstYear, int years, TimeStep step, long seed) {
    this(grid, firstYear, years, step, seed, Runtime.getRuntime().availableProcessors());
  }

  /** The same options with another thread count. */
  public Options withThreads(int n) {
    return new Options(grid, firstYear, years, step, seed, n);
  }
}
