package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NewtonPolishTest {

  private static double worstRelativeError(NistProblem pr, double[] p) {
    double worst = 0;
    for (int j = 0; j < p.length; j++) {
      worst = Math.max(worst, Math.abs(p[j] - pr.certifiedValue[j]) / Math.abs(pr.certifiedValue[j]));
    }
    return worst;
  }

  @Test
  void looselyConvergedLbfgs_isPolishedToFullAccuracy() {
    // as ADMB's -hess_step: a quasi-Newton run stopped early on the ill-conditioned MGH09, then Newton steps
    NistProblem pr = NistProblem.mgh09();
    FitOptions loose = FitOptions.defaults().withStart(pr.start2).withMethod(FitOptions.Method.LBFGS)
        .withLbfgs(LbfgsOptions.defaults().withTolerances(1e-3, 0, 1e-6));
    FitResult unpolished = Fitter.fit(pr.model(pr.start2), loose.withNewtonSteps(0));
    FitResult polished = Fitter.fit(pr.model(pr.start2), loose);
    assertTrue(worstRelativeError(pr, unpolished.parameters()) > 1e-4, "L-BFGS alone stops short");
    assertTrue(worstRelativeError(pr, polished.parameters()) < 1e-8, "after the polish: " + worstRelativeError(pr, polished.parameters()));
    assertTrue(polished.gradientNorm() < 1e-6 * unpolished.gradientNorm());
  }

  @Test
  void quadratic_isSolvedInOneStep() {
    AnalyticModel m = TestModels.linear();
    BayesianCost cost = new BayesianCost(m, SearchSpace.of(m.info(), null));
    NewtonPolish.Outcome o = new NewtonPolish(5).polish(cost, new double[] {3, -2, 1}, IterationListener.NONE);
    assertTrue(o.gradientNorm() < 1e-10, "gradient " + o.gradientNorm());
    assertEquals(1, o.log().get(1).iteration());
    assertTrue(o.log().get(1).gradientNorm() < 1e-10, "one Newton step solves a quadratic");
  }

  @Test
  void atAMaximum_thePolishDoesNothing() {
    AnalyticModel m = AnalyticModel.builder("max").flat("b", 0.5)
        .observations(new double[] {4}, new double[] {1}).formula(p -> new Dual2[] {p[0].square()});
    BayesianCost cost = new BayesianCost(m, SearchSpace.of(m.info(), null));
    NewtonPolish.Outcome o = new NewtonPolish(5).polish(cost, new double[] {-1.999}, IterationListener.NONE);
    assertEquals(0, o.steps());
    assertTrue(o.stopReason().contains("not positive definite"), o.stopReason());
  }
}
