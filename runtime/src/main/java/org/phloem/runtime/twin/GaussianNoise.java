package org.phloem.runtime.twin;

import java.util.SplittableRandom;

/**
 * Seeded standard normal numbers, the same on every JVM: Box–Muller (StrictMath) on the uniforms of
 * {@link SplittableRandom}, whose sequence for a seed is fixed by its specification.
 */
public final class GaussianNoise {
  private final SplittableRandom random;

  /** A sequence determined by {@code seed}. */
  public GaussianNoise(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** The next standard normal draw (two uniforms per draw; the second Box–Muller value is not kept). */
  public double next() {
    double u1 = 1 - random.nextDouble();
    double u2 = random.nextDouble();
    return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
  }
}
