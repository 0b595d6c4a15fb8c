package org.phloem.tests.ad;

import java.util.function.Function;
import org.phloem.runtime.CompiledModel;

/**
 * Independent references for a compiled model's derivatives: central finite differences of the cost
 * (for the adjoint gradient) and of the adjoint gradient (for the Hessian-vector product), and the
 * dot-product identity J$d = ⟨g, dp⟩ between tangent and adjoint. Each check returns an error measure, so
 * a property can assert it is small and a counter-test that a broken rule makes it large.
 *
 * <p>Differences use the fourth-order stencil (8(f(x+h) − f(x−h)) − (f(x+2h) − f(x−2h)))/12h with a
 * step relative to each parameter's size. A kink (min, max, abs, a branch on a real) inside the stencil
 * makes finite differences meaningless; it shows as a disagreement between the stencils of step h and
 * h/2 (their one-sided parts see the kink at different weights), and the check then returns NaN for
 * "not smooth here" instead of an error.
 */
final class DerivativeChecks {
  /** Relative step of the differences: truncation O(h⁴) ~ 1e-16, rounding ~ 1e-16/h ~ 1e-12. */
  static final double STEP = 1e-4;
  /** Two stencils agreeing to this are taken as "smooth here". */
  private static final double SMOOTH = 1e-7;

  private DerivativeChecks() {}

  /** Step units for the random programs: each slot's size, floored at 0.1 so a parameter near zero still moves. */
  static double[] scales(double[] p) {
    double[] s = new double[p.length];
    for (int k = 0; k < p.length; k++) {
      s[k] = Math.max(Math.abs(p[k]), 0.1);
    }
    return s;
  }

  /**
   * Step units for the repository's models, whose parameters span 1e-9 to 1e3: each slot's size, or
   * its prior sd where it is zero, or 1.
   */
  static double[] scales(double[] p, double[] priorSd) {
    double[] s = new double[p.length];
    for (int k = 0; k < p.length; k++) {
      s[k] = p[k] != 0 ? Math.abs(p[k]) : Double.isFinite(priorSd[k]) && priorSd[k] > 0 ? priorSd[k] : 1;
    }
    return s;
  }

  /** The derivative of {@code f} at {@code p} along {@code dir} by the fourth-order central stencil of step h. */
  static double[] directional(Function<double[], double[]> f, double[] p, double[] dir, double h) {
    double[] plus1 = f.apply(along(p, dir, h));
    double[] minus1 = f.apply(along(p, dir, -h));
    double[] plus2 = f.apply(along(p, dir, 2 * h));
    double[] minus2 = f.apply(along(p, dir, -2 * h));
    double[] out = new double[plus1.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = (8 * (plus1[k] - minus1[k]) - (plus2[k] - minus2[k])) / (12 * h);
    }
    return out;
  }

  static double[] along(double[] p, double[] dir, double t) {
    double[] q = p.clone();
    for (int k = 0; k < q.length; k++) {
      q[k] += t * dir[k];
    }
    return q;
  }

  /** ∂J/∂p by finite differences, slot by slot, with step h·s[k]. */
  static double[] fdGradient(CompiledModel m, double[] p, double[] s, double h) {
    double[] g = new double[p.length];
    for (int k = 0; k < p.length; k++) {
      double[] e = new double[p.length];
      e[k] = s[k];
      g[k] = directional(q -> new double[] {m.cost(q)}, p, e, h)[0] / s[k];
    }
    return g;
  }

  /**
   * The largest error of {@code got} against {@code want}, each entry relative to itself, floored at
   * 1e-3 of the largest entry (so an entry that is zero up to rounding is not judged on its own scale).
   */
  static double relativeError(double[] got, double[] want) {
    return relativeError(got, want, new double[got.length]);
  }

  /** As {@link #relativeError(double[], double[])}, forgiving each entry's difference up to {@code noise[k]}. */
  static double relativeError(double[] got, double[] want, double[] noise) {
    double scale = 0;
    for (double w : want) {
      scale = Math.max(scale, Math.abs(w));
    }
    double floor = Math.max(1e-3 * scale, 1e-12);
    double worst = 0;
    for (int k = 0; k < got.length; k++) {
      double err = Math.max(0, Math.abs(got[k] - want[k]) - noise[k]) / Math.max(Math.abs(want[k]), floor);
      if (!(err <= worst)) {
        worst = Double.isNaN(err) ? Double.POSITIVE_INFINITY : err;
      }
    }
    return worst;
  }

  /**
   * The adjoint gradient's relative error against finite differences (steps in units of scale), each
   * entry forgiven the differences' own rounding noise ({@link #roundingNoise}); NaN when the cost is not
   * smooth at p: the stencils of step h and h/2 disagree by more than their rounding noise can explain.
   */
  static double gradientError(CompiledModel m, double[] p, double[] scale) {
    double cost = m.cost(p);
    double[] fd = fdGradient(m, p, scale, STEP);
    double[] noise = roundingNoise(cost, scale, STEP);
    double[] bothNoises = noise.clone();
    double[] halfStepNoise = roundingNoise(cost, scale, STEP / 2);
    for (int k = 0; k < noise.length; k++) {
      bothNoises[k] += halfStepNoise[k];
    }
    if (!(relativeError(fd, fdGradient(m, p, scale, STEP / 2), bothNoises) < SMOOTH)) {
      return Double.NaN;
    }
    double[] g = new double[p.length];
    m.gradient(p, g);
    return relativeError(g, fd, noise);
  }

  /**
   * Per slot, how far {@link #fdGradient} with step h can be off by rounding alone: its four costs each
   * carry about an ulp of the cost, and it divides their combination (weights summing to 18) by
   * 12·h·scale[k]. Bounded with a margin of 100 ulps, as the compiler's derivative checks do. Without it
   * rounding alone came within a factor of 10 of the tolerances on random models (2026-12-05, 10 times the
   * default tries: the standard rules' error in BrokenRuleIsCaughtTest up to 1.0e-7 against 1e-6; the two
   * stencils in DataBranchTapePropertiesTest, whose model is smooth, 1.3e-8 apart against the 1e-7 that
   * makes the check NaN there), all of it inside this noise. An entry of ordinary size is still held to
   * the relative tolerance: a gradient off by 2e-6 fails, and the six wrong rules of
   * BrokenRuleIsCaughtTest still err by 2e-4 and more on all 692 models that used them.
   */
  static double[] roundingNoise(double cost, double[] scale, double h) {
    double[] noise = new double[scale.length];
    for (int k = 0; k < scale.length; k++) {
      noise[k] = 100 * Math.ulp(Math.abs(cost)) * 18 / (12 * h * scale[k]);
    }
    return noise;
  }

  /** |J$d − ⟨g, dp⟩| relative to Σ|gₖ dpₖ|: tangent and adjoint are both exact, so this is rounding only. */
  static double dotError(CompiledModel m, double[] p, double[] dp) {
    double jd = m.tangent(p, dp);
    double[] g = new double[p.length];
    m.gradient(p, g);
    double dot = 0;
    double magnitude = 0;
    for (int k = 0; k < p.length; k++) {
      dot += g[k] * dp[k];
      magnitude += Math.abs(g[k] * dp[k]);
    }
    double diff = Math.abs(jd - dot);
    return diff == 0 ? 0 : diff / Math.max(magnitude, Double.MIN_NORMAL);
  }

  /** The Hessian-vector product's error against differences of the gradient along v·s (componentwise); NaN near a kink. */
  static double hessianVectorError(CompiledModel m, double[] p, double[] v, double[] s) {
    double[] scaled = new double[p.length];
    for (int k = 0; k < p.length; k++) {
      scaled[k] = v[k] * s[k];
    }
    Function<double[], double[]> grad = q -> {
      double[] g = new double[q.length];
      m.gradient(q, g);
      return g;
    };
    double[] fd = directional(grad, p, scaled, STEP);
    if (!(relativeError(fd, directional(grad, p, scaled, STEP / 2)) < SMOOTH)) {
      return Double.NaN;
    }
    double[] hv = new double[p.length];
    m.hessianVector(p, scaled, hv);
    return relativeError(hv, fd);
  }
}
