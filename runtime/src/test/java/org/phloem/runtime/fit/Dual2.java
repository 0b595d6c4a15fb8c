package org.phloem.runtime.fit;

/**
 * A number carrying its exact gradient and Hessian with respect to n independent variables
 * (second-order forward-mode differentiation by the chain rule). Test-only: lets hand-written test
 * models state a formula once and get exact first and second derivatives, independently of the code
 * under test.
 */
public final class Dual2 {
  public final double v;
  public final double[] g;
  public final double[][] h;

  private Dual2(double v, double[] g, double[][] h) {
    this.v = v;
    this.g = g;
    this.h = h;
  }

  /** A constant in an n-variable space. */
  public static Dual2 constant(double v, int n) {
    return new Dual2(v, new double[n], new double[n][n]);
  }

  /** The independent variable number i of n, at value v. */
  public static Dual2 variable(double v, int i, int n) {
    Dual2 d = constant(v, n);
    d.g[i] = 1;
    return d;
  }

  /** The n variables at the given values. */
  public static Dual2[] variables(double[] p) {
    Dual2[] out = new Dual2[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = variable(p[i], i, p.length);
    }
    return out;
  }

  private int n() {
    return g.length;
  }

  /** f(this) given f, f', f'' at this value: chain rule to second order. */
  private Dual2 unary(double f, double df, double d2f) {
    int n = n();
    double[] gg = new double[n];
    double[][] hh = new double[n][n];
    for (int i = 0; i < n; i++) {
      gg[i] = df * g[i];
      for (int j = 0; j < n; j++) {
        hh[i][j] = df * h[i][j] + d2f * g[i] * g[j];
      }
    }
    return new Dual2(f, gg, hh);
  }

  public Dual2 plus(Dual2 o) {
    int n = n();
    double[] gg = new double[n];
    double[][] hh = new double[n][n];
    for (int i = 0; i < n; i++) {
      gg[i] = g[i] + o.g[i];
      for (int j = 0; j < n; j++) {
        hh[i][j] = h[i][j] + o.h[i][j];
      }
    }
    return new Dual2(v + o.v, gg, hh);
  }

  public Dual2 plus(double c) {
    return unary(v + c, 1, 0);
  }

  public Dual2 minus(Dual2 o) {
    return plus(o.times(-1));
  }

  public Dual2 times(double c) {
    return unary(v * c, c, 0);
  }

  public Dual2 times(Dual2 o) {
    int n = n();
    double[] gg = new double[n];
    double[][] hh = new double[n][n];
    for (int i = 0; i < n; i++) {
      gg[i] = g[i] * o.v + v * o.g[i];
      for (int j = 0; j < n; j++) {
        hh[i][j] = h[i][j] * o.v + v * o.h[i][j] + g[i] * o.g[j] + g[j] * o.g[i];
      }
    }
    return new Dual2(v * o.v, gg, hh);
  }

  public Dual2 reciprocal() {
    return unary(1 / v, -1 / (v * v), 2 / (v * v * v));
  }

  public Dual2 div(Dual2 o) {
    return times(o.reciprocal());
  }

  public Dual2 exp() {
    double e = Math.exp(v);
    return unary(e, e, e);
  }

  public Dual2 log() {
    return unary(Math.log(v), 1 / v, -1 / (v * v));
  }

  public Dual2 square() {
    return unary(v * v, 2 * v, 2);
  }

  public Dual2 pow(double k) {
    return unary(Math.pow(v, k), k * Math.pow(v, k - 1), k * (k - 1) * Math.pow(v, k - 2));
  }

  public Dual2 negate() {
    return times(-1);
  }
}
