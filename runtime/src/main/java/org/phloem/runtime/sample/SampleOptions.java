package org.phloem.runtime.sample;

import java.io.Serializable;

/**
 * Settings of a sampling run, with Stan's defaults: 4 chains of 1,000 warm-up and 1,000 kept draws,
 * target acceptance 0.8, tree depth at most 10. Starting points are drawn, per chain, uniformly in
 * (−2, 2) on every search variable: within two prior sds of the prior mean for a parameter with a
 * prior (the search space is scaled by the prior sds), so that chains start dispersed and R̂ means
 * something.
 *
 * @param chains number of chains (≥ 1)
 * @param draws kept draws per chain (≥ 1)
 * @param warmup warm-up iterations per chain (≥ 0; adapted, then discarded)
 * @param seed the seed: the same seed and chain count give the same draws on any number of threads
 * @param maxTreeDepth the trajectory has at most 2^maxTreeDepth leapfrog steps
 * @param targetAccept the mean acceptance statistic the step size is adapted to (0 &lt; δ &lt; 1)
 * @param threads how many chains run at once
 * @param denseMetric whether the warm-up estimates a dense metric (the whole posterior covariance) instead of a diagonal one
 */
public record SampleOptions(int chains, int draws, int warmup, long seed, int maxTreeDepth, double targetAccept, int threads,
                            boolean denseMetric) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Checks the ranges (the message names the option). */
  public SampleOptions {
    if (chains < 1) {
      throw new IllegalArgumentException("--chains must be at least 1, got " + chains);
    }
    if (draws < 1) {
      throw new IllegalArgumentException("--draws must be at least 1, got " + draws);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("--warmup must be 0 or more, got " + warmup);
    }
    if (maxTreeDepth < 1 || maxTreeDepth > 20) {
      throw new IllegalArgumentException("--max-depth must be from 1 to 20, got " + maxTreeDepth);
    }
    if (!(targetAccept > 0 && targetAccept < 1)) {
      throw new IllegalArgumentException("--target-accept must be between 0 and 1, got " + targetAccept);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  /** Stan's defaults with seed 1, on as many threads as there are cores (at most one per chain). */
  public static SampleOptions defaults() {
    return new SampleOptions(4, 1000, 1000, 1, 10, 0.8, Math.min(4, Runtime.getRuntime().availableProcessors()), false);
  }

  /** These options with {@code chains} chains. */
  public SampleOptions withChains(int c) {
    return new SampleOptions(c, draws, warmup, seed, maxTreeDepth, targetAccept, threads, denseMetric);
  }

  /** These options with {@code d} kept draws per chain. */
  public SampleOptions withDraws(int d) {
    return new SampleOptions(chains, d, warmup, seed, maxTreeDepth, targetAccept, threads, denseMetric);
  }

  /** These options with {@code w} warm-up iterations per chain. */
  public SampleOptions withWarmup(int w) {
    return new SampleOptions(chains, draws, w, seed, maxTreeDepth, targetAccept, threads, denseMetric);
  }

  /** These options with seed {@code s}. */
  public SampleOptions withSeed(long s) {
    return new SampleOptions(chains, draws, warmup, s, maxTreeDepth, targetAccept, threads, denseMetric);
  }

  /** These options with the tree-depth limit {@code d}. */
  public SampleOptions withMaxTreeDepth(int d) {
    return new SampleOptions(chains, draws, warmup, seed, d, targetAccept, threads, denseMetric);
  }

  /** These options with target acceptance {@code a}. */
  public SampleOptions withTargetAccept(double a) {
    return new SampleOptions(chains, draws, warmup, seed, maxTreeDepth, a, threads, denseMetric);
  }

  /** These options running {@code t} chains at once. */
  public SampleOptions withThreads(int t) {
    return new SampleOptions(chains, draws, warmup, seed, maxTreeDepth, targetAccept, t, denseMetric);
  }

  /** These options with a dense ({@code true}) or diagonal metric. */
  public SampleOptions withDenseMetric(boolean dense) {
    return new SampleOptions(chains, draws, warmup, seed, maxTreeDepth, targetAccept, threads, dense);
  }
}
