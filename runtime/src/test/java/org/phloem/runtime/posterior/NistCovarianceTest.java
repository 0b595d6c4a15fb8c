package org.phloem.runtime.posterior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.phloem.runtime.fit.Dual2;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.fit.NistProblem;

/** NIST certified standard deviations from a fit started at start2 and at start1. */
class NistCovarianceTest {

  static Stream<Arguments> problems() {
    List<Supplier<NistProblem>> all = List.of(NistProblem::misra1a, NistProblem::kirby2, NistProblem::mgh09, NistProblem::rat42,
        NistProblem::mgh17);
    return all.stream().flatMap(s -> {
      NistProblem p = s.get();
      Stream<Arguments> two = Stream.of(Arguments.of(p.name, p, 2));
      // MGH17 does not reach the certified optimum from start1 (see NistFitTest)
      return p.name.equals("MGH17") ? two : Stream.concat(two, Stream.of(Arguments.of(p.name, p, 1)));
    });
  }

  private static FitResult fit(NistProblem pr, int start) {
    double[] s = start == 1 ? pr.start1 : pr.start2;
    return Fitter.fit(pr.model(s), FitOptions.defaults().withStart(s));
  }

  @ParameterizedTest(name = "{0} start{2}")
  @MethodSource("problems")
  void leastSquaresCovariance_reproducesCertifiedSds(String name, NistProblem pr, int start) {
    FitResult r = fit(pr, start);
    LeastSquaresCovariance.Result ls = LeastSquaresCovariance.at(pr.model(pr.start2), r.parameters());
    assertEquals(pr.certifiedRss, ls.residualSumOfSquares(), 1e-8 * pr.certifiedRss);
    for (int j = 0; j < pr.parameterCount(); j++) {
      // certified to 11 digits; we ask for 5 (the brief asks ≥ 3)
      assertEquals(pr.certifiedSd[j], ls.sd()[j], 1e-5 * pr.certifiedSd[j], name + " sd(b" + (j + 1) + ")");
    }
  }

  @ParameterizedTest(name = "{0} start{2}")
  @MethodSource("problems")
  void hessianPosterior_isTheInverseOfTheExactHessian_andNearTheCertifiedSds(String name, NistProblem pr, int start) {
    FitResult r = fit(pr, start);
    Posterior post = PosteriorAnalysis.at(pr.model(pr.start2), r.parameters());
    assertTrue(post.positiveDefinite(), post.warnings().toString());
    assertTrue(post.warnings().isEmpty());
    // independent reference: H = Σ (∇yᵢ∇yᵢᵀ + rᵢ∇²yᵢ) from the formula's exact derivatives, inverted by commons-math3
    int n = pr.parameterCount();
    Dual2[] y = pr.evaluate(Dual2.variables(r.parameters()));
    double[][] h = new double[n][n];
    for (int i = 0; i < y.length; i++) {
      double res = y[i].v - pr.y[i];
      for (int a = 0; a < n; a++) {
        for (int b = 0; b < n; b++) {
          h[a][b] += y[i].g[a] * y[i].g[b] + res * y[i].h[a][b];
        }
      }
    }
    RealMatrix c = new LUDecomposition(new Array2DRowRealMatrix(h)).getSolver().getInverse();
    double s = Math.sqrt(pr.certifiedRss / (pr.y.length - n));
    for (int j = 0; j < n; j++) {
      double expected = Math.sqrt(c.getEntry(j, j));
      assertEquals(expected, post.sd()[j], 1e-7 * expected, name + " sd(b" + (j + 1) + ")");
      // the full Hessian carries the residual-curvature term JᵀJ leaves out: within 25 % of certified here (MGH09, whose
      // residuals are relatively largest, is 21 % off for b2; Misra1a 0.14 %)
      assertEquals(pr.certifiedSd[j], s * post.sd()[j], 0.25 * pr.certifiedSd[j], name + " vs certified sd(b" + (j + 1) + ")");
    }
  }
}
