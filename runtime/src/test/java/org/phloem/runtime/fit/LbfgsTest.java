package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.junit.jupiter.api.Test;

class LbfgsTest {

  /** The extended Rosenbrock function Σ 100(x_{2i} − x_{2i−1}²)² + (1 − x_{2i−1})². */
  static class Rosenbrock implements Objective {
    final int n;
    int evaluations;

    Rosenbrock(int n) {
      this.n = n;
    }

    @Override
    public int dimension() {
      return n;
    }

    @Override
    public double value(double[] x) {
      return valueAndGradient(x, new double[n]);
    }

    @Override
    public double valueAndGradient(double[] x, double[] g) {
      evaluations++;
      double f = 0;
      java.util.Arrays.fill(g, 0);
      for (int i = 0; i < n; i += 2) {
        double a = x[i + 1] - x[i] * x[i];
        double b = 1 - x[i];
        f += 100 * a * a + b * b;
        g[i] += -400 * a * x[i] - 2 * b;
        g[i + 1] += 200 * a;
      }
      return f;
    }
  }

  private static double[] start(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i += 2) {
      x[i] = -1.2;
      x[i + 1] = 1;
    }
    return x;
  }

  @Test
  void rosenbrock_convergesToOnes_andAgreesWithCommonsMathConjugateGradient() {
    Rosenbrock f = new Rosenbrock(10);
    MinimizerResult r = new Lbfgs(LbfgsOptions.defaults()).minimize(f, start(10), IterationListener.NONE);
    assertEquals(FitStatus.GRADIENT_SMALL, r.status(), r.status().toString());
    for (double v : r.x()) {
      assertEquals(1, v, 1e-6);
    }
    NonLinearConjugateGradientOptimizer cg = new NonLinearConjugateGradientOptimizer(
        NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, new SimpleValueChecker(1e-16, 1e-16));
    Rosenbrock ref = new Rosenbrock(10);
    PointValuePair opt = cg.optimize(new MaxEval(200000), new ObjectiveFunction(ref::value),
        new ObjectiveFunctionGradient(x -> {
          double[] g = new double[10];
          ref.valueAndGradient(x, g);
          return g;
        }), GoalType.MINIMIZE, new InitialGuess(start(10)));
    for (int i = 0; i < 10; i++) {
      assertEquals(opt.getPoint()[i], r.x()[i], 1e-4);
    }
    // L-BFGS should need far fewer evaluations than nonlinear CG on this valley
    assertTrue(r.evaluations() < 300, "evaluations " + r.evaluations());
  }

  @Test
  void listener_hearsEveryIterationInOrder_startingAtZero() {
    List<IterationRecord> heard = new ArrayList<>();
    MinimizerResult r = new Lbfgs(LbfgsOptions.defaults()).minimize(new Rosenbrock(2), start(2), heard::add);
    assertEquals(r.log(), heard);
    assertEquals(r.iterations() + 1, heard.size());
    for (int i = 0; i < heard.size(); i++) {
      assertEquals(i, heard.get(i).iteration());
    }
    // a monotone method: the cost never rises
    for (int i = 1; i < heard.size(); i++) {
      assertTrue(heard.get(i).cost() <= heard.get(i - 1).cost());
    }
  }

  @Test
  void iterationLimit_isReportedHonestly() {
    MinimizerResult r = new Lbfgs(LbfgsOptions.defaults().withMaxIterations(5)).minimize(new Rosenbrock(2), start(2), IterationListener.NONE);
    assertEquals(FitStatus.MAX_ITERATIONS, r.status());
    assertEquals(5, r.iterations());
    assertTrue(!r.status().isConverged() && !r.status().advice().isEmpty());
  }

  @Test
  void evaluationLimit_isReportedHonestly() {
    Rosenbrock f = new Rosenbrock(2);
    MinimizerResult r = new Lbfgs(LbfgsOptions.defaults().withMaxEvaluations(10)).minimize(f, start(2), IterationListener.NONE);
    assertEquals(FitStatus.MAX_EVALUATIONS, r.status());
    assertEquals(f.evaluations, r.evaluations());
  }

  @Test
  void nonFiniteStart_isReportedAsSuch() {
    Objective bad = new Rosenbrock(2) {
      @Override
      public double valueAndGradient(double[] x, double[] g) {
        super.valueAndGradient(x, g);
        return Math.log(-1);
      }
    };
    assertEquals(FitStatus.NON_FINITE_COST, new Lbfgs(LbfgsOptions.defaults()).minimize(bad, start(2), IterationListener.NONE).status());
  }

  @Test
  void regionWhereCostIsUndefined_isAvoidedByTheLineSearch() {
    // f = x − ln x is undefined for x ≤ 0; from x = 10 the first trial step overshoots into x < 0
    Objective f = new Objective() {
      @Override
      public int dimension() {
        return 1;
      }

      @Override
      public double value(double[] x) {
        return x[0] - Math.log(x[0]);
      }

      @Override
      public double valueAndGradient(double[] x, double[] g) {
        g[0] = 1 - 1 / x[0];
        return value(x);
      }
    };
    MinimizerResult r = new Lbfgs(LbfgsOptions.defaults()).minimize(f, new double[] {30}, IterationListener.NONE);
    assertEquals(FitStatus.GRADIENT_SMALL, r.status(), r.status().toString());
    assertEquals(1, r.x()[0], 1e-7);
  }

  @Test
  void gradientInconsistentWithCost_endsInLineSearchFailure() {
    Objective wrong = new Rosenbrock(2) {
      @Override
      public double valueAndGradient(double[] x, double[] g) {
        double f = super.valueAndGradient(x, g);
        g[0] = -g[0] + 3; // a sign error, as a broken adjoint would give
        g[1] = -g[1];
        return f;
      }
    };
    MinimizerResult r = new Lbfgs(LbfgsOptions.defaults()).minimize(wrong, new double[] {0.3, 0.4}, IterationListener.NONE);
    assertEquals(FitStatus.LINE_SEARCH_FAILED, r.status());
  }
}
