package org.phloem.runtime.fit;

import java.util.function.ToDoubleFunction;

/** Central finite differences for tests (an independent reference for derivatives). */
public final class FiniteDifferences {
  private FiniteDifferences() {}

  /** Gradient of f at x by central differences with relative step h·max(|xᵢ|, 1). */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double h) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double step = h * Math.max(Math.abs(x[i]), 1);
      double[] a = x.clone();
      double[] b = x.clone();
      a[i] += step;
      b[i] -= step;
      g[i] = (f.applyAsDouble(a) - f.applyAsDouble(b)) / (a[i] - b[i]);
    }
    return g;
  }

  /** Directional derivative of a vector function (given as gradient) along v: (G(x + hv) − G(x − hv)) / 2h. */
  public static double[] directional(java.util.function.Function<double[], double[]> grad, double[] x, double[] v, double h) {
    double[] a = x.clone();
    double[] b = x.clone();
    for (int i = 0; i < x.length; i++) {
      a[i] += h * v[i];
      b[i] -= h * v[i];
    }
    double[] ga = grad.apply(a);
    double[] gb = grad.apply(b);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (ga[i] - gb[i]) / (2 * h);
    }
    return out;
  }

  /** Asserts |a − b| ≤ tol·max(|a|, |b|, floor) element by element. */
  public static void assertClose(double[] expected, double[] actual, double tol, double floor, String what) {
    for (int i = 0; i < expected.length; i++) {
      double scale = Math.max(Math.max(Math.abs(expected[i]), Math.abs(actual[i])), floor);
      if (!(Math.abs(expected[i] - actual[i]) <= tol * scale)) {
        throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + " but was " + actual[i]);
      }
    }
  }
}
