package org.phloem.compiler.ad;

import java.util.function.Function;

/**
 * Independent references for derivatives: finite differences of the forward model (and of the
 * gradient), and the dot-product identity between tangent and adjoint. Each check returns an error
 * measure, so a test can assert it is small and a counter-test that it is large.
 */
final class Checks {
  private Checks() {}

  /** Step for slot k: relative to the value, so parameters of every magnitude get a sensible step. */
  private static double step(double x, double h) {
    return h * Math.max(Math.abs(x), 1e-3);
  }

  /**
   * The derivative of {@code f} at {@code p} along {@code dir}, by the fourth-order central stencil
   * (error O(h⁴)), with step {@code h} in units of the parameters' sizes.
   */
  static double[] directional(Function<double[], double[]> f, double[] p, double[] dir, double h) {
    double[] plus1 = f.apply(move(p, dir, h));
    double[] minus1 = f.apply(move(p, dir, -h));
    double[] plus2 = f.apply(move(p, dir, 2 * h));
    double[] minus2 = f.apply(move(p, dir, -2 * h));
    double[] out = new double[plus1.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = (8 * (plus1[k] - minus1[k]) - (plus2[k] - minus2[k])) / (12 * h);
    }
    return out;
  }

  private static double[] move(double[] p, double[] dir, double h) {
    double[] q = p.clone();
    for (int k = 0; k < q.length; k++) {
      q[k] += h * dir[k];
    }
    return q;
  }

  /** The gradient of the cost by finite differences, one slot at a time. */
  static double[] fdGradient(Runner r, double[] p, double h) {
    double[] g = new double[p.length];
    for (int k = 0; k < p.length; k++) {
      double[] e = new double[p.length];
      double hk = step(p[k], 1);
      e[k] = hk;
      g[k] = directional(q -> new double[] {r.forward(q)}, p, e, h)[0] / hk;
    }
    return g;
  }

  /** The largest error of {@code got} against {@code want}, relative to each entry (floored at 1e-3 of the largest). */
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

  /** True when two finite-difference gradients (step h and h/2) agree: no kink nearby. */
  static boolean smooth(double[] fd1, double[] fd2) {
    return relativeError(fd1, fd2) < 1e-7;
  }

  /** The adjoint gradient's error against finite differences, or NaN when the cost is not smooth there. */
  static double gradientError(Runner r, double[] p) {
    double[] fd = fdGradient(r, p, 1e-4);
    if (!smooth(fd, fdGradient(r, p, 5e-5))) {
      return Double.NaN;
    }
    double[] g = new double[p.length];
    r.gradient(p, g);
    return relativeError(g, fd, roundingNoise(r.forward(p), p, 1e-4));
  }

  /**
   * Per slot, how far {@link #fdGradient} can be off by rounding alone: the stencil's four costs each
   * carry about an ulp of the cost, and it divides their combination (weights summing to 18) by 12·h·hₖ.
   * Bounded with a margin of 100 ulps. A gradient entry far below the cost's size (7.6e-7 on a cost of
   * about 1: PerStepArrayPropertiesTest, 2026-12-05) is then not failed for the 1e-12 the differences
   * cannot resolve; an entry of ordinary size is still held to the relative tolerance.
   */
  static double[] roundingNoise(double cost, double[] p, double h) {
    double[] noise = new double[p.length];
    for (int k = 0; k < p.length; k++) {
      noise[k] = 100 * Math.ulp(Math.abs(cost)) * 18 / (12 * h * step(p[k], 1));
    }
    return noise;
  }

  /** |J$d − ⟨g, dp⟩| relative to Σ|gₖ dpₖ| (the tangent-adjoint dot-product test). */
  static double dotError(Runner r, double[] p, double[] dp) {
    double jd = r.tangent(p, dp)[1];
    double[] g = new double[p.length];
    r.gradient(p, g);
    double dot = 0;
    double abs = 0;
    for (int k = 0; k < p.length; k++) {
      dot += g[k] * dp[k];
      abs += Math.abs(g[k] * dp[k]);
    }
    return Math.abs(jd - dot) / Math.max(abs, 1e-300);
  }

  /** The Hessian-vector product's error against finite differences of the gradient, or NaN near a kink. */
  static double hessianVectorError(Runner r, double[] p, double[] v) {
    double[] scaled = new double[p.length];
    for (int k = 0; k < p.length; k++) {
      scaled[k] = v[k] * step(p[k], 1);
    }
    Function<double[], double[]> grad = q -> {
      double[] g = new double[q.length];
      r.gradient(q, g);
      return g;
    };
    double[] fd = directional(grad, p, scaled, 1e-4);
    if (!smooth(fd, directional(grad, p, scaled, 5e-5))) {
      return Double.NaN;
    }
    double[] hv = new double[p.length];
    r.hessianVector(p, scaled, hv);
    return relativeError(hv, fd);
  }

  /**
   * The checks a random program's derivatives must pass (jqwik properties): the dot-product test, then
   * gradient and Hessian-vector product against finite differences, the program skipped when a kink or
   * a branch flip lies within the stencil.
   */
  static void assertAgreesWithReferences(Runner r, double[] p, double[] dir) {
    double dot = dotError(r, p, dir);
    org.junit.jupiter.api.Assertions.assertTrue(dot <= 1e-10, "dot-product test: " + dot);
    double gradErr = gradientError(r, p);
    double hvErr = hessianVectorError(r, p, dir);
    net.jqwik.api.Assume.that(!Double.isNaN(gradErr) && !Double.isNaN(hvErr));
    org.junit.jupiter.api.Assertions.assertTrue(gradErr <= 1e-6, "gradient vs finite differences: " + gradErr);
    org.junit.jupiter.api.Assertions.assertTrue(hvErr <= 1e-5, "Hessian-vector vs finite differences of the gradient: " + hvErr);
  }

  /**
   * The checks of a random program whose forward cost is finite at {@code p} (others are skipped): the
   * gradient returns the forward's cost, then {@link #assertAgreesWithReferences}.
   */
  static void assertFiniteProgramAgrees(Model model, double[] p, double[] dir) {
    Runner r = new Runner(model);
    double j = r.forward(p);
    net.jqwik.api.Assume.that(Double.isFinite(j));
    org.junit.jupiter.api.Assertions.assertEquals(j, r.gradient(p, new double[p.length]), "gradient returns forward's cost");
    assertAgreesWithReferences(r, p, dir);
  }

  /**
   * The checkpointed gradient and Hessian-vector product of {@code m} (skipped when it has none, or when
   * the cost is not finite at {@code p}) against the plain ones: each step's reverse runs right after its
   * own recording, in the plain order, so they are the same numbers.
   */
  static void assertCheckpointedMatchesPlain(Model m, double[] p, double[] dir) {
    net.jqwik.api.Assume.that(m.program().functions().containsKey(AutoDiff.GRADIENT_CHECKPOINTED));
    Runner plain = new Runner(m);
    Runner ckpt = new Runner(m);
    net.jqwik.api.Assume.that(Double.isFinite(plain.forward(p)));
    double[] g = new double[p.length];
    double[] gc = new double[p.length];
    double j = plain.gradient(p, g);
    org.junit.jupiter.api.Assertions.assertEquals(j, ckpt.run(AutoDiff.GRADIENT_CHECKPOINTED, p, gc)[0]);
    double[] hv = new double[p.length];
    double[] hvc = new double[p.length];
    plain.hessianVector(p, dir, hv);
    ckpt.run(AutoDiff.HESSIAN_VECTOR_CHECKPOINTED, p, dir, hvc);
    // the same numbers; not the same bits: a zero may differ in sign (PerStepArrayPropertiesTest, seed
    // 2315874224600397950: an Hv element -0.0 plain, 0.0 checkpointed), and -0.0 == 0.0
    assertSameNumbers(g, gc, "gradient");
    assertSameNumbers(hv, hvc, "Hessian-vector product");
  }

  /** Element by element equal as numbers: -0.0 equals 0.0, NaN equals NaN, nothing else is forgiven. */
  static void assertSameNumbers(double[] expected, double[] actual, String what) {
    org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, what + ": length");
    for (int i = 0; i < expected.length; i++) {
      boolean same = expected[i] == actual[i] || (Double.isNaN(expected[i]) && Double.isNaN(actual[i]));
      org.junit.jupiter.api.Assertions.assertTrue(same, what + "[" + i + "]: " + expected[i] + " vs " + actual[i]);
    }
  }

  /**
   * {@code changed}'s cost and gradient are {@code reference}'s bit for bit: twice on the interpreter
   * (stale work arrays would show) and twice in its generated class. For a rule that must not change a
   * gradient, against the same program compiled with the rule off; {@code shown} describes both.
   */
  static void assertSameGradientBits(Model reference, Model changed, double[] p, String shown) {
    double[] want = new double[p.length];
    double wantJ = new Runner(reference).gradient(p, want);
    Runner interpreted = new Runner(changed);
    org.phloem.runtime.GeneratedModel loaded = (org.phloem.runtime.GeneratedModel) org.phloem.compiler.codegen.LoadedModel
        .load(changed.program()).bind(new org.phloem.runtime.data.BoundData(changed.dimSizes(), java.util.Map.of(), changed.inputs()));
    for (int call = 0; call < 4; call++) {
      String where = call < 2 ? "" : "class: ";
      double[] got = new double[p.length];
      double j = call < 2 ? interpreted.gradient(p, got) : loaded.gradient(p, got);
      assertBits(wantJ, j, where + "cost", shown);
      for (int k = 0; k < p.length; k++) {
        assertBits(want[k], got[k], where + "g[" + k + "]", shown);
      }
    }
  }

  private static void assertBits(double want, double got, String what, String shown) {
    org.junit.jupiter.api.Assertions.assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got),
        () -> what + ": " + want + " vs " + got + "\n" + shown);
  }
}
