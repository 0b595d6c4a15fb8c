package org.phloem.runtime.chart;

/**
 * The range an axis shows: from the lowest to the highest finite value given, widened by a margin on
 * each side so that nothing sits on the frame. A single value (a constant series) gets a range around
 * it; no finite value at all gets [0, 1].
 */
public final class Span {
  private double lo = Double.POSITIVE_INFINITY;
  private double hi = Double.NEGATIVE_INFINITY;

  /** Takes in {@code v} when it is finite. */
  public void add(double v) {
    if (Double.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }

  /** Whether any finite value was added. */
  public boolean any() {
    return lo <= hi;
  }

  /** The axis range [lo, hi] with {@code margin} (a fraction of the width) on each side. */
  public double[] padded(double margin) {
    if (!any()) {
      return new double[] {0, 1};
    }
    if (hi == lo) {
      double d = lo == 0 ? 1 : Math.abs(lo) * 0.1;
      return new double[] {lo - d, hi + d};
    }
    double d = (hi - lo) * margin;
    double a = lo - d;
    double b = hi + d;
    return Double.isFinite(b - a) ? new double[] {a, b} : new double[] {lo, hi};
  }
}
