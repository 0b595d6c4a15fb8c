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

  /**
   * Sets elements {@code from} (inclusive) to {@code to} (exclusive) of {@code a} to {@code value}; none
   * when {@code to <= from} (a loop that runs no step). Generated code's reset loops call this.
   */
  public static void fill(double[] a, int from, int to, double value) {
    if (from < to) {
      java.util.Arrays.fill(a, from, to, value);
    }
  }

  /**
   * {@code index} when 0 &lt;= index &lt; size, else an {@link IndexOutOfBoundsException}: the check of one
   * index of a multi-dim array against its own dim (the flat array's bounds let an index spill into the
   * next row). {@code Objects.checkIndex} is a JIT intrinsic, so the check costs a compare and a branch.
   */
  public static int checkIndex(int index, int size) {
    return java.util.Objects.checkIndex(index, size);
  }
}
