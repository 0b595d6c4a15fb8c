package org.phloem.runtime.synth;

/**
 * Counter-based random numbers: each draw is a hash of (seed, cell, stream, step), so any cell's series can
 * be made alone, in any order, on any thread, and come out the same. The mixing is SplitMix64's finalizer.
 */
final class Noise {
  private Noise() {}

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static long hash(long seed, int cell, int stream, int step) {
    long h = mix(seed + 0x9e3779b97f4a7c15L);
    h = mix(h ^ (((long) cell << 32) | (stream & 0xffffffffL)));
    return mix(h + step * 0x9e3779b97f4a7c15L);
  }

  /** Uniform in [0, 1). */
  static double uniform(long seed, int cell, int stream, int step) {
    return (hash(seed, cell, stream, step) >>> 11) * 0x1.0p-53;
  }

  /** Standard normal (Box-Muller on two independent uniforms). */
  static double gaussian(long seed, int cell, int stream, int step) {
    double u1 = 1 - uniform(seed, cell, stream, 2 * step);
    double u2 = uniform(seed, cell, stream, 2 * step + 1);
    return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
  }
}
