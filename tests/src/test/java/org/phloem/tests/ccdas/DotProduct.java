package org.phloem.tests.ccdas;

import java.util.Random;
import org.phloem.runtime.CompiledModel;

/**
 * The dot-product test of a model whose cost is ½ Σ r² over one output r (observed against 0 with sd 1)
 * and whose prior adds nothing at the point: the gradient is then Jᵀ r, the tangent gives J v, and
 * ⟨r, J v⟩ must equal ⟨Jᵀ r, v⟩ to rounding.
 */
final class DotProduct {
  private DotProduct() {}

  /** {⟨r, J v⟩, ⟨Jᵀ r, v⟩} at {@code p} in direction {@code v}, r being output {@code output}. */
  static double[] sides(CompiledModel model, int output, double[] p, double[] v) {
    double[] g = new double[p.length];
    model.gradient(p, g);
    model.cost(p);
    double[] r = model.output(output).clone();
    model.tangent(p, v);
    double[] jv = model.outputTangent(output);
    double left = 0;
    for (int i = 0; i < r.length; i++) {
      left += r[i] * jv[i];
    }
    double right = 0;
    for (int i = 0; i < p.length; i++) {
      right += g[i] * v[i];
    }
    return new double[] {left, right};
  }

  /** n independent standard normal draws. */
  static double[] gaussian(Random rnd, int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextGaussian();
    }
    return x;
  }
}
