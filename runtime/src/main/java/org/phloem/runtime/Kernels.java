package org.phloem.runtime;

/**
 * The few operations generated code calls that are not in {@code java.lang.Math}. Generated classes may
 * reference only Math/StrictMath and runtime classes, so anything else they need lives here.
 */
public final class Kernels {
  private Kernels() {}

  /** Sets every element of {@code a} to {@code value} (clears adjoint and tangent arrays). */
  public static void fill(double[] a, double value) {
    java.util.Arrays.fill(a, value);
  }
}
