package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;

class FitterTest {

  @Test
  void linearGaussian_reachesTheClosedFormPosteriorMean() {
    FitResult r = Fitter.fit(TestModels.linear(), FitOptions.defaults());
    assertTrue(r.status().isConverged(), r.summary());
    assertEquals("lbfgs+newton", r.method(), "priors present: L-BFGS");
    // (AᵀWA + P)⁻¹ (AᵀWy + P p0), W = diag(1/σ²), P = diag(1/σp²)
    SimpleMatrix a = new SimpleMatrix(TestModels.LINEAR_A);
    SimpleMatrix w = SimpleMatrix.diag(inverseSquares(TestModels.LINEAR_SD));
    SimpleMatrix p = SimpleMatrix.diag(inverseSquares(TestModels.LINEAR_SP));
    SimpleMatrix lhs = a.transpose().mult(w).mult(a).plus(p);
    SimpleMatrix rhs = a.transpose().mult(w).mult(new SimpleMatrix(6, 1, true, TestModels.LINEAR_Y))
        .plus(p.mult(new SimpleMatrix(3, 1, true, TestModels.LINEAR_P0)));
    SimpleMatrix mean = lhs.solve(rhs);
    for (int j = 0; j < 3; j++) {
      assertEquals(mean.get(j), r.parameters()[j], 1e-10 * Math.max(1, Math.abs(mean.get(j))));
    }
  }

  @Test
  void linearGaussian_levenbergMarquardtWithPriorResiduals_agrees() {
    FitResult lm = Fitter.fit(TestModels.linear(), FitOptions.defaults().withMethod(FitOptions.Method.LEVENBERG_MARQUARDT));
    FitResult bfgs = Fitter.fit(TestModels.linear(), FitOptions.defaults());
    assertTrue(lm.status().isConverged(), lm.summary());
    for (int j = 0; j < 3; j++) {
      assertEquals(bfgs.parameters()[j], lm.parameters()[j], 1e-10);
    }
    assertEquals(bfgs.cost(), lm.cost(), 1e-12);
  }

  @Test
  void mixedSlots_optimumAgreesWithBobyqaOnThePhysicalCost() {
    AnalyticModel model = TestModels.mixed();
    FitResult r = Fitter.fit(model, FitOptions.defaults());
    assertTrue(r.status().isConverged(), r.summary());
    assertTrue(r.parameters()[2] > 0 && r.parameters()[2] < 1, "f stays inside (0, 1)");
    assertTrue(r.parameters()[3] > 0, "c stays above 0");
    // an independent minimizer without derivatives on the physical cost, inside the same bounds
    BayesianCost cost = new BayesianCost(TestModels.mixed(), SearchSpace.of(model.info(), null));
    double inf = Double.POSITIVE_INFINITY;
    PointValuePair ref = new BOBYQAOptimizer(11, 0.5, 1e-10).optimize(new MaxEval(100000),
        new ObjectiveFunction(cost::valuePhysical), GoalType.MINIMIZE,
        new InitialGuess(new double[] {1.0, 1.5, 0.4, 0.05, -0.3}),
        new SimpleBounds(new double[] {-inf, 1e-9, 1e-9, 1e-9, -inf}, new double[] {inf, inf, 1 - 1e-9, inf, inf}));
    assertTrue(r.cost() <= ref.getValue() + 1e-9, r.cost() + " vs BOBYQA " + ref.getValue());
    for (int j = 0; j < 5; j++) {
      assertEquals(ref.getPoint()[j], r.parameters()[j], 1e-4 * Math.max(1, Math.abs(ref.getPoint()[j])));
    }
    // stationarity in physical units, by finite differences of the cost
    double[] g = FiniteDifferences.gradient(cost::valuePhysical, r.parameters(), 1e-6);
    for (double v : g) {
      assertEquals(0, v, 1e-5);
    }
  }

  @Test
  void unconstrainedOptimumOutsideBounds_fitStaysStrictlyInside() {
    // y = b with observation 5 and b bounded in (0, 2): the optimum is pushed against the upper bound
    AnalyticModel m = AnalyticModel.builder("bounded").param("b", 1, Double.POSITIVE_INFINITY, 0, 2, false)
        .observations(new double[] {5}, new double[] {1}).formula(p -> new Dual2[] {p[0]});
    FitResult r = Fitter.fit(m, FitOptions.defaults().withMethod(FitOptions.Method.LBFGS).withLbfgs(LbfgsOptions.defaults().withMaxIterations(200)));
    assertTrue(r.parameters()[0] < 2 && r.parameters()[0] > 1.99, "b = " + r.parameters()[0]);
  }

  @Test
  void rosenbrockLeastSquares_autoUsesLevenbergMarquardt() {
    List<IterationRecord> heard = new ArrayList<>();
    FitResult r = Fitter.fit(TestModels.rosenbrock(), FitOptions.defaults().withStart(new double[] {-1.2, 1}).withListener(heard::add));
    assertTrue(r.status().isConverged(), r.summary());
    assertTrue(r.method().startsWith("lm"));
    assertEquals(1, r.parameters()[0], 1e-9);
    assertEquals(1, r.parameters()[1], 1e-9);
    assertEquals(r.iterations(), heard);
  }

  @Test
  void startOutsideBounds_isAClearMessageNamingTheParameter() {
    FitException e = assertThrows(FitException.class,
        () -> Fitter.fit(TestModels.mixed(), FitOptions.defaults().withStart(new double[] {1, 1.5, 1.5, 0.05, -0.3})));
    assertTrue(e.getMessage().contains("parameter f") && e.getMessage().contains("outside its bounds"), e.getMessage());
    FitException neg = assertThrows(FitException.class,
        () -> Fitter.fit(TestModels.mixed(), FitOptions.defaults().withStart(new double[] {1, -1, 0.5, 0.05, -0.3})));
    assertTrue(neg.getMessage().contains("parameter k") && neg.getMessage().contains("log scale"), neg.getMessage());
  }

  @Test
  void startOnABound_isMovedInsideWithANote() {
    FitResult r = Fitter.fit(TestModels.mixed(), FitOptions.defaults().withStart(new double[] {1, 1.5, 0.4, 0, -0.3}));
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("c was on its bound")), r.notes().toString());
    assertTrue(r.status().isConverged(), r.summary());
  }

  @Test
  void fit_isDeterministic() {
    FitResult a = Fitter.fit(TestModels.mixed(), FitOptions.defaults());
    FitResult b = Fitter.fit(TestModels.mixed(), FitOptions.defaults());
    assertEquals(a.iterations(), b.iterations());
    assertEquals(List.of(a.parameters()[0], a.parameters()[4]), List.of(b.parameters()[0], b.parameters()[4]));
  }

  private static double[] inverseSquares(double[] s) {
    double[] out = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      out[i] = 1 / (s[i] * s[i]);
    }
    return out;
  }
}
