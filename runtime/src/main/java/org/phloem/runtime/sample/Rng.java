package org.phloem.runtime.sample;

/**
 * A small random generator whose whole state is two longs, so that a chain's stream can be saved in a
 * text file and resumed exactly, which {@link java.util.SplittableRandom} does not allow. The generator
 * is SplitMix64 (Steele, Lea &amp; Flood 2014), the one inside SplittableRandom; it passes BigCrush.
 * Gaussians come from the polar Box–Muller method; the spare value is part of the state.
 */
public final class Rng {
  private static final long GOLDEN = 0x9e3779b97f4a7c15L;
  private long state;
  private double spare;
  private boolean hasSpare;

  /** A stream for chain {@code chain} of a run seeded with {@code seed} (independent per chain). */
  public static Rng forChain(long seed, int chain) {
    Rng base = new Rng(seed);
    long s = base.nextLong();
    for (int i = 0; i < chain; i++) {
      s = base.nextLong();
    }
    return new Rng(mix(s ^ (0x632be59bd9b4e019L * (chain + 1))));
  }

  /** A stream started from {@code seed}. */
  public Rng(long seed) {
    this.state = seed;
  }

  private Rng(long state, double spare, boolean hasSpare) {
    this.state = state;
    this.spare = spare;
    this.hasSpare = hasSpare;
  }

  /** The generator's state as text ("state spare hasSpare"), for saving. */
  public String save() {
    return state + " " + Double.doubleToRawLongBits(spare) + " " + hasSpare;
  }

  /** The generator saved by {@link #save()}. */
  public static Rng restore(String saved) {
    String[] w = saved.trim().split("\\s+");
    if (w.length != 3) {
      throw new IllegalArgumentException("a saved random state has three words, got '" + saved + "'");
    }
    return new Rng(Long.parseLong(w[0]), Double.longBitsToDouble(Long.parseLong(w[1])), Boolean.parseBoolean(w[2]));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A uniformly distributed long. */
  public long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform on [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** True with probability ½. */
  public boolean nextBoolean() {
    return nextLong() < 0;
  }

  /** Standard normal. */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double f = Math.sqrt(-2 * Math.log(s) / s);
    spare = v * f;
    hasSpare = true;
    return u * f;
  }
}
