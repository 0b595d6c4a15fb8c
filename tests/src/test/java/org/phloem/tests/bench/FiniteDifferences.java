package org.phloem.tests.bench;

import org.phloem.runtime.CompiledModel;

/** The gradient by central differences, the way a modeller without an adjoint would get it. */
final class FiniteDifferences {
  private FiniteDifferences() {}

  /** ∂J/∂p by central differences with a relative step of 1e-6: 2n forward runs. */
  static double[] central(CompiledModel model, double[] p) {
    double[] x = p.clone();
    double[] g = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      double h = 1e-6 * Math.max(Math.abs(p[i]), 1e-8);
      x[i] = p[i] + h;
      double up = model.cost(x);
      x[i] = p[i] - h;
      double down = model.cost(x);
      x[i] = p[i];
      g[i] = (up - down) / (2 * h);
    }
    return g;
  }
}
