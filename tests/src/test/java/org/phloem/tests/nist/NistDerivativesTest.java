package org.phloem.tests.nist;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phloem.runtime.CompiledModel;

/**
 * The generated derivatives of every NIST model at NIST's two starting points, where a fit begins:
 * the adjoint gradient against central differences of the cost, and the Hessian-vector product against
 * central differences of the gradient. Errors are measured on the scale of each parameter
 * (g_k · |p_k|), since NIST's parameters span 1e-9 to 1e3.
 */
class NistDerivativesTest {

  /** Relative step of the central differences: truncation ~1e-12, rounding ~1e-16/1e-6 = 1e-10. */
  private static final double STEP = 1e-6;
  /** Allowed scaled error: the largest seen is 8e-10; a wrong derivative rule gives errors of order one. */
  private static final double TOLERANCE = 1e-7;

  static List<NistProblem> problems() {
    return NistCertifiedValuesTest.problems();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void gradient_atBothStarts_matchesCentralDifferences(NistProblem problem) {
    CompiledModel model = NistModels.compiled(problem);
    for (double[] p : List.of(problem.start1(), problem.start2())) {
      double[] g = new double[p.length];
      double cost = model.gradient(p, g);
      for (int k = 0; k < p.length; k++) {
        double h = STEP * Math.abs(p[k]);
        double fd = (model.cost(shifted(p, k, h)) - model.cost(shifted(p, k, -h))) / (2 * h);
        double error = Math.abs(g[k] - fd) * Math.abs(p[k]);
        double scale = Math.abs(g[k] * p[k]) + Math.abs(cost);
        assertTrue(error <= TOLERANCE * scale, String.format("%s at %s: dJ/d%s = %.10e, central difference %.10e",
            problem, Arrays.toString(p), problem.parameters().get(k).name(), g[k], fd));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void hessianVector_atStart2_matchesCentralDifferencesOfGradient(NistProblem problem) {
    CompiledModel model = NistModels.compiled(problem);
    double[] p = problem.start2();
    int n = p.length;
    Random random = new Random(20240601L + problem.name().hashCode());
    double[] v = new double[n];
    for (int k = 0; k < n; k++) {
      v[k] = p[k] * (2 * random.nextDouble() - 1);
    }
    double[] hv = new double[n];
    model.hessianVector(p, v, hv);
    double[] plus = new double[n];
    double[] minus = new double[n];
    double[] g = new double[n];
    model.gradient(along(p, v, STEP), plus);
    model.gradient(along(p, v, -STEP), minus);
    model.gradient(p, g);
    double scale = 0;
    for (int k = 0; k < n; k++) {
      scale = Math.max(scale, Math.abs(hv[k] * p[k]) + Math.abs(g[k] * p[k]));
    }
    for (int k = 0; k < n; k++) {
      double fd = (plus[k] - minus[k]) / (2 * STEP);
      double error = Math.abs(hv[k] - fd) * Math.abs(p[k]);
      assertTrue(error <= TOLERANCE * scale, String.format("%s: (Hv)_%s = %.10e, central difference of the gradient %.10e",
          problem, problem.parameters().get(k).name(), hv[k], fd));
    }
  }

  private static double[] shifted(double[] p, int k, double h) {
    double[] q = p.clone();
    q[k] += h;
    return q;
  }

  private static double[] along(double[] p, double[] v, double t) {
    double[] q = p.clone();
    for (int k = 0; k < q.length; k++) {
      q[k] += t * v[k];
    }
    return q;
  }
}
