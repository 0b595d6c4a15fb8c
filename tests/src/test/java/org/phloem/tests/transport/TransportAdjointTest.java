package org.phloem.tests.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.runtime.CompiledModel;

/**
 * The transport is linear in the fluxes, so its adjoint must be exactly the transpose of its tangent: the
 * Jacobian built column by column from tangent sweeps equals the one built row by row from adjoint
 * (gradient) sweeps, to round-off. Also: the model is linear (y(p) = J p), and the tangent agrees with
 * central differences.
 */
class TransportAdjointTest {
  @TempDir static Path folder;
  static TransportFixture fixture;
  static CompiledModel model;
  static int conc;
  static int params;
  static int outputs;
  /** The Jacobian ∂conc/∂src from tangent sweeps, [output][parameter]. */
  static double[][] byTangent;

  @BeforeAll
  static void jacobianByTangents() throws Exception {
    fixture = new TransportFixture(folder);
    model = fixture.bind(TransportFixture.only(0, 0, 0));
    conc = model.info().outputIndex("conc");
    params = model.info().parameterCount();
    outputs = model.info().outputs().get(conc).size();
    assertEquals(TransportFixture.BANDS * TransportFixture.MONTHS, params);
    assertEquals(TransportFixture.LATITUDES.length * TransportFixture.MONTHS, outputs);
    byTangent = new double[outputs][params];
    double[] p = new double[params];
    for (int j = 0; j < params; j++) {
      double[] dp = new double[params];
      dp[j] = 1;
      model.tangent(p, dp);
      double[] col = model.outputTangent(conc);
      for (int i = 0; i < outputs; i++) {
        byTangent[i][j] = col[i];
      }
    }
  }

  @Test
  void adjointRowsEqualTangentColumns() throws Exception {
    double scale = maxAbs(byTangent);
    assertTrue(scale > 0.01, "the Jacobian is not trivially zero");
    double worst = 0;
    double[] zero = new double[params];
    for (int s = 0; s < TransportFixture.LATITUDES.length; s++) {
      for (int m = 0; m < TransportFixture.MONTHS; m++) {
        // At zero flux conc = 0, so with one target of -1 the cost is ½(conc_i + 1)² and its gradient is row i.
        CompiledModel picked = fixture.bind(TransportFixture.only(s, m, -1));
        double[] row = new double[params];
        double j0 = picked.gradient(zero, row);
        assertEquals(0.5, j0, 1e-15);
        int i = s * TransportFixture.MONTHS + m;
        for (int j = 0; j < params; j++) {
          worst = Math.max(worst, Math.abs(row[j] - byTangent[i][j]));
        }
      }
    }
    System.out.printf("transport Jacobian %dx%d: max |adjoint - tangent| / max |J| = %.3g%n", outputs, params,
        worst / scale);
    assertTrue(worst / scale < 1e-12, "adjoint and tangent Jacobians differ by " + worst / scale + " relative");
  }

  @Test
  void dotProductTestAtRandomFluxes() throws Exception {
    Random rnd = new Random(20240611);
    double[] p = randomVector(rnd, params, 30);
    double[] w = randomVector(rnd, outputs, 1);
    double[] v = randomVector(rnd, params, 1);
    double[] y = model.cost(p) >= 0 ? model.output(conc).clone() : null;
    // Targets y - w make the residual w, so the gradient is Jᵀ w.
    double[][] target = new double[TransportFixture.LATITUDES.length][TransportFixture.MONTHS];
    for (int i = 0; i < outputs; i++) {
      target[i / TransportFixture.MONTHS][i % TransportFixture.MONTHS] = y[i] - w[i];
    }
    CompiledModel weighted = fixture.bind(target);
    double[] jtw = new double[params];
    weighted.gradient(p, jtw);
    weighted.tangent(p, v);
    double[] jv = weighted.outputTangent(conc);
    double left = dot(w, jv);
    double right = dot(jtw, v);
    System.out.printf("dot-product test: <w, J v> = %.17g, <J^T w, v> = %.17g%n", left, right);
    assertEquals(left, right, 1e-12 * Math.abs(left), "<w, J v> = <Jᵀ w, v>");
  }

  @Test
  void outputsAreTheJacobianTimesTheFluxes() {
    Random rnd = new Random(7);
    double[] p = randomVector(rnd, params, 30);
    model.cost(p);
    double[] y = model.output(conc);
    double scale = 0;
    double worst = 0;
    for (int i = 0; i < outputs; i++) {
      double jp = dot(byTangent[i], p);
      scale = Math.max(scale, Math.abs(jp));
      worst = Math.max(worst, Math.abs(jp - y[i]));
    }
    assertTrue(worst / scale < 1e-12, "y(p) - J p relative " + worst / scale);
  }

  @Test
  void tangentMatchesCentralDifferences() {
    Random rnd = new Random(11);
    double[] p = randomVector(rnd, params, 30);
    double[] dp = randomVector(rnd, params, 1);
    model.tangent(p, dp);
    double[] tan = model.outputTangent(conc).clone();
    double h = 1e-3;
    double[] plus = model.cost(shift(p, dp, h)) >= 0 ? model.output(conc).clone() : null;
    model.cost(shift(p, dp, -h));
    double[] minus = model.output(conc);
    double scale = maxAbs(new double[][] {tan});
    for (int i = 0; i < outputs; i++) {
      assertEquals(tan[i], (plus[i] - minus[i]) / (2 * h), 1e-8 * scale, "output " + i);
    }
  }

  static double[] randomVector(Random rnd, int n, double sd) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = sd * rnd.nextGaussian();
    }
    return v;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double[] shift(double[] p, double[] d, double h) {
    double[] q = p.clone();
    for (int i = 0; i < q.length; i++) {
      q[i] += h * d[i];
    }
    return q;
  }

  private static double maxAbs(double[][] a) {
    double m = 0;
    for (double[] r : a) {
      for (double x : r) {
        m = Math.max(m, Math.abs(x));
      }
    }
    return m;
  }
}
