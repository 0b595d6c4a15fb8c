package org.phloem.runtime.fit;

/**
 * Steihaug–Toint truncated conjugate gradients for the trust-region subproblem
 * min m(p) = gᵀp + ½ pᵀHp subject to ‖p‖ ≤ Δ, with H given only by Hessian-vector products
 * (Nocedal &amp; Wright, Algorithm 7.2). It stops at the boundary when it meets negative curvature (so the
 * step leaves a saddle along that direction) or when the iterate would leave the region, and inside
 * when the residual ‖Hp + g‖ falls below the requested tolerance.
 *
 * <p>A mask restricts the subproblem to the free coordinates: masked entries of g, of every direction
 * and of every product are zero, so the step never moves a slot held on its bound.
 */
final class SteihaugCg {
  private SteihaugCg() {}

  /**
   * The step.
   *
   * @param p the step
   * @param predicted the decrease the quadratic model predicts, −m(p) (≥ 0)
   * @param boundary whether the step ends on the trust-region boundary
   * @param negativeCurvature whether a direction of non-positive curvature was met
   * @param products Hessian-vector products used
   */
  record Step(double[] p, double predicted, boolean boundary, boolean negativeCurvature, int products) {}

  /**
   * Solves the subproblem.
   *
   * @param g the gradient (masked entries are ignored)
   * @param product H·v into hv
   * @param radius Δ
   * @param free which coordinates may move
   * @param tolerance stop when ‖Hp + g‖ is below this
   * @param maxProducts at most this many products
   */
  static Step solve(double[] g, Hessians.Product product, double radius, boolean[] free, double tolerance, int maxProducts) {
    int n = g.length;
    double[] z = new double[n];
    double[] hz = new double[n];
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      r[i] = free[i] ? g[i] : 0;
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = -r[i];
    }
    double[] bd = new double[n];
    double rr = Vectors.dot(r, r);
    int products = 0;
    if (Math.sqrt(rr) <= tolerance) {
      return finish(g, z, hz, free, false, false, products);
    }
    while (products < maxProducts) {
      product.apply(d, bd);
      products++;
      for (int i = 0; i < n; i++) {
        if (!free[i]) {
          bd[i] = 0;
        }
      }
      double dbd = Vectors.dot(d, bd);
      if (!(dbd > 0)) {
        double tau = toBoundary(z, d, radius);
        step(z, hz, tau, d, bd);
        return finish(g, z, hz, free, true, true, products);
      }
      double alpha = rr / dbd;
      double[] zn = new double[n];
      Vectors.axpy(z, alpha, d, zn);
      if (Vectors.norm(zn) >= radius) {
        double tau = toBoundary(z, d, radius);
        step(z, hz, tau, d, bd);
        return finish(g, z, hz, free, true, false, products);
      }
      step(z, hz, alpha, d, bd);
      Vectors.axpy(r, alpha, bd, r);
      double rrNew = Vectors.dot(r, r);
      if (Math.sqrt(rrNew) <= tolerance) {
        break;
      }
      double beta = rrNew / rr;
      rr = rrNew;
      for (int i = 0; i < n; i++) {
        d[i] = -r[i] + beta * d[i];
      }
    }
    return finish(g, z, hz, free, false, false, products);
  }

  /** z += t·d, Hz += t·Hd. */
  private static void step(double[] z, double[] hz, double t, double[] d, double[] bd) {
    Vectors.axpy(z, t, d, z);
    Vectors.axpy(hz, t, bd, hz);
  }

  /** The τ ≥ 0 with ‖z + τd‖ = Δ. */
  private static double toBoundary(double[] z, double[] d, double radius) {
    double a = Vectors.dot(d, d);
    double b = 2 * Vectors.dot(z, d);
    double c = Vectors.dot(z, z) - radius * radius;
    if (a == 0) {
      return 0;
    }
    double disc = Math.sqrt(Math.max(b * b - 4 * a * c, 0));
    // the positive root, in the form that does not cancel
    return b >= 0 ? -2 * c / (b + disc) : (-b + disc) / (2 * a);
  }

  private static Step finish(double[] g, double[] z, double[] hz, boolean[] free, boolean boundary, boolean negative, int products) {
    double m = 0;
    for (int i = 0; i < g.length; i++) {
      if (free[i]) {
        m += g[i] * z[i] + 0.5 * z[i] * hz[i];
      }
    }
    return new Step(z, Math.max(-m, 0), boundary, negative, products);
  }
}
