package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ModelResidualsTest {

  @Test
  void halfSumOfSquares_isTheBayesianCost_andJacobianMatchesFiniteDifferences() {
    AnalyticModel m = TestModels.mixed();
    SearchSpace space = SearchSpace.of(m.info(), null);
    ModelResiduals res = new ModelResiduals(m, space);
    BayesianCost cost = new BayesianCost(TestModels.mixed(), space);
    assertEquals(9 + 3, res.count(), "nine observations (one missing) and three priors");
    assertEquals(9, res.observationCount());
    double[] x = {0.3, -0.4, 0.8, 0.2, -1.1};
    double[] r = new double[res.count()];
    res.residuals(x, r);
    double half = 0;
    for (double v : r) {
      half += 0.5 * v * v;
    }
    assertEquals(cost.value(x), half, 1e-12);
    DMatrixRMaj jac = new DMatrixRMaj(res.count(), 5);
    res.jacobian(x, jac);
    for (int i = 0; i < res.count(); i++) {
      int row = i;
      double[] fd = FiniteDifferences.gradient(y -> {
        double[] rr = new double[res.count()];
        res.residuals(y, rr);
        return rr[row];
      }, x, 1e-6);
      for (int j = 0; j < 5; j++) {
        assertEquals(fd[j], jac.get(i, j), 1e-6 * Math.max(1, Math.abs(fd[j])), "J[" + i + "][" + j + "]");
      }
    }
  }
}
