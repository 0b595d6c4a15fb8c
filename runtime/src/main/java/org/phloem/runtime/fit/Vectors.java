package org.phloem.runtime.fit;

/** The few dense-vector operations the minimizers share. */
final class Vectors {
  private Vectors() {}

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double norm(double[] a) {
    // scaled so that very large or very small gradients neither overflow nor underflow
    double scale = 0;
    for (double v : a) {
      scale = Math.max(scale, Math.abs(v));
    }
    if (scale == 0 || !Double.isFinite(scale)) {
      return scale;
    }
    double s = 0;
    for (double v : a) {
      double t = v / scale;
      s += t * t;
    }
    return scale * Math.sqrt(s);
  }

  static boolean allFinite(double[] a) {
    for (double v : a) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** x + a·d into out. */
  static void axpy(double[] x, double a, double[] d, double[] out) {
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] + a * d[i];
    }
  }
}
