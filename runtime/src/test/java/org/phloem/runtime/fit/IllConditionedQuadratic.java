package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ParamInfo;

/**
 * A least-squares problem on which L-BFGS crawls: n observations y = A·p* of n flat parameters p (start 0,
 * so each has scale 1), with A = D·Q, Q a random rotation (a product of Householder reflections) and D the
 * square roots of curvatures spread geometrically over {@code decades} orders of magnitude. The minimum
 * is p = p* with J = 0 and the Hessian AᵀA, known in closed form. With a prior (mean 0, sd σ on every p) the
 * minimum is p = Qᵀu, uᵢ = dᵢ(Qp*)ᵢ·dᵢ²/(dᵢ² + σ⁻²), also in closed form. Derivatives are exact (linear
 * residuals), and cheap enough for thousands of iterations of n = 100.
 */
final class IllConditionedQuadratic implements CompiledModel {

  private final ModelInfo info;
  private final double[][] a;
  private final double[] observed;
  private final double[] pStar;
  private final double jStar;
  private final double[][] outputs;
  private final double[][] tangents;
  private double lastCost = Double.NaN;

  private IllConditionedQuadratic(ModelInfo info, double[][] a, double[] observed, double[] pStar, double jStar) {
    this.info = info;
    this.a = a;
    this.observed = observed;
    this.pStar = pStar;
    this.jStar = jStar;
    int n = observed.length;
    this.outputs = new double[4][n];
    this.tangents = new double[4][n];
  }

  /** The problem of dimension {@code n}, curvatures spread over {@code decades}, rotation and p* drawn with {@code seed}. */
  static IllConditionedQuadratic of(int n, double decades, long seed) {
    return of(n, decades, seed, Double.POSITIVE_INFINITY);
  }

  /** The same with a normal prior N(0, {@code priorSd}²) on every p (infinite: flat). */
  static IllConditionedQuadratic of(int n, double decades, long seed, double priorSd) {
    Random random = new Random(seed);
    double[][] q = new double[n][n];
    for (int i = 0; i < n; i++) {
      q[i][i] = 1;
    }
    for (int reflection = 0; reflection < 4; reflection++) {
      // Q ← Q·(I − 2vvᵀ) with a random unit v
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = random.nextGaussian();
      }
      double norm = Vectors.norm(v);
      for (int i = 0; i < n; i++) {
        v[i] /= norm;
      }
      for (double[] row : q) {
        double dot = Vectors.dot(row, v);
        for (int j = 0; j < n; j++) {
          row[j] -= 2 * dot * v[j];
        }
      }
    }
    double[][] a = new double[n][n];
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = Math.pow(10, -0.5 * decades * i / (n - 1));
      for (int j = 0; j < n; j++) {
        a[i][j] = d[i] * q[i][j];
      }
    }
    double[] truth = new double[n];
    for (int j = 0; j < n; j++) {
      truth[j] = 1 + random.nextGaussian();
    }
    double[] y = multiply(a, truth);
    // the minimum in the rotated coordinates u = Qp, where J = ½Σ(dᵢuᵢ − yᵢ)² + ½Σuᵢ²/σ²
    double[] u = new double[n];
    double jStar = 0;
    double precision = 1 / (priorSd * priorSd);
    for (int i = 0; i < n; i++) {
      u[i] = d[i] * y[i] / (d[i] * d[i] + precision);
      jStar += 0.5 * Math.pow(d[i] * u[i] - y[i], 2) + 0.5 * u[i] * u[i] * precision;
    }
    double[] pStar = new double[n];
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        pStar[j] += q[i][j] * u[i];
      }
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      labels.add(Integer.toString(i));
    }
    double[] zeros = new double[n];
    double[] sd = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    Arrays.fill(sd, priorSd);
    Arrays.fill(lo, Double.NEGATIVE_INFINITY);
    Arrays.fill(hi, Double.POSITIVE_INFINITY);
    ParamInfo p = new ParamInfo("p", List.of("i"), 0, n, zeros, sd, lo, hi, false, "u_p", "", 1);
    ModelInfo info = AnalyticModel.observedInfo("quadratic", List.of(p), labels, "");
    return new IllConditionedQuadratic(info, a, y, pStar, jStar);
  }

  /** The minimum. */
  double[] minimum() {
    return pStar.clone();
  }

  /** The cost at the minimum (the prior's part included). */
  double minimumCost() {
    return jStar;
  }

  private static double[] multiply(double[][] a, double[] p) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Vectors.dot(a[i], p);
    }
    return out;
  }

  /** Residuals r = A·p − y, with the outputs filled in. */
  private double[] residuals(double[] p) {
    double[] yhat = multiply(a, p);
    double[] r = new double[yhat.length];
    double cost = 0;
    for (int i = 0; i < r.length; i++) {
      r[i] = yhat[i] - observed[i];
      cost += 0.5 * r[i] * r[i];
      outputs[0][i] = yhat[i];
      outputs[1][i] = yhat[i];
      outputs[2][i] = observed[i];
      outputs[3][i] = 1;
    }
    lastCost = cost;
    return r;
  }

  /** Aᵀw. */
  private double[] transposed(double[] w) {
    double[] out = new double[a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < out.length; j++) {
        out[j] += a[i][j] * w[i];
      }
    }
    return out;
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public double cost(double[] p) {
    residuals(p);
    return lastCost;
  }

  @Override
  public double gradient(double[] p, double[] g) {
    System.arraycopy(transposed(residuals(p)), 0, g, 0, g.length);
    return lastCost;
  }

  @Override
  public double tangent(double[] p, double[] dp) {
    double[] r = residuals(p);
    double[] dy = multiply(a, dp);
    for (int i = 0; i < dy.length; i++) {
      tangents[0][i] = dy[i];
      tangents[1][i] = dy[i];
    }
    return Vectors.dot(r, dy);
  }

  @Override
  public double hessianVector(double[] p, double[] v, double[] hv) {
    residuals(p);
    System.arraycopy(transposed(multiply(a, v)), 0, hv, 0, hv.length);
    return lastCost;
  }

  @Override
  public double lastCost() {
    return lastCost;
  }

  @Override
  public double[] output(int k) {
    return outputs[k];
  }

  @Override
  public double[] outputTangent(int k) {
    return tangents[k];
  }

  @Override
  public CompiledModel copy() {
    return new IllConditionedQuadratic(info, a, observed, pStar, jStar);
  }
}
