package org.phloem.runtime.multistart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.fit.AnalyticModel;
import org.phloem.runtime.fit.Dual2;
import org.phloem.runtime.fit.TestModels;

class StartDrawsTest {
  static final double INF = Double.POSITIVE_INFINITY;

  /** a ~ N(1, 0.5) unbounded; k log-normal, median 2, sd on ln k 0.25; f ~ N(0.4, 0.3) in (0, 1); c flat in [0, ∞); d flat in (−1, 3) log. */
  private static ModelInfo info() {
    AnalyticModel m = AnalyticModel.builder("draws")
        .param("a", 1.0, 0.5, -INF, INF, false)
        .param("k", 2.0, 0.5, -INF, INF, true)
        .param("f", 0.4, 0.3, 0, 1, false)
        .param("c", 0.05, INF, 0, INF, false)
        .param("d", 1.5, INF, 0.5, 3, true)
        .observations(new double[] {1}, new double[] {1})
        .formula(p -> new Dual2[] {p[0]});
    return m.info();
  }

  @Test
  void startZero_isTheDefault_andTheDrawsRepeatForASeed() {
    ModelInfo info = info();
    double[] def = {1.1, 2.2, 0.5, 0.05, 1.5};
    List<double[]> a = StartDraws.draw(info, def, 5, 11);
    List<double[]> b = StartDraws.draw(info, def, 5, 11);
    assertEquals(5, a.size());
    assertArrayEquals(def, a.get(0), 0);
    for (int k = 0; k < 5; k++) {
      assertArrayEquals(a.get(k), b.get(k), 0);
    }
  }

  @Test
  void draws_followThePriorOnItsScale_insideTheBounds() {
    ModelInfo info = info();
    int n = 20000;
    List<double[]> draws = StartDraws.draw(info, info.priorMeans(), n + 1, 5);
    double sumA = 0;
    double sumA2 = 0;
    double sumLnK = 0;
    double sumLnK2 = 0;
    for (double[] p : draws.subList(1, draws.size())) {
      sumA += p[0];
      sumA2 += p[0] * p[0];
      sumLnK += Math.log(p[1]);
      sumLnK2 += Math.log(p[1]) * Math.log(p[1]);
      assertTrue(p[1] > 0, "log slot positive");
      assertTrue(p[2] > 0 && p[2] < 1, "f inside (0, 1): " + p[2]);
      assertTrue(p[3] > 0, "c above its lower bound: " + p[3]);
      assertTrue(p[4] > 0.5 && p[4] < 3, "d inside (0.5, 3): " + p[4]);
    }
    double meanA = sumA / n;
    double sdA = Math.sqrt(sumA2 / n - meanA * meanA);
    // four standard errors
    assertEquals(1.0, meanA, 4 * 0.5 / Math.sqrt(n));
    assertEquals(0.5, sdA, 0.02);
    double meanLnK = sumLnK / n;
    double sdLnK = Math.sqrt(sumLnK2 / n - meanLnK * meanLnK);
    assertEquals(Math.log(2.0), meanLnK, 4 * 0.25 / Math.sqrt(n), "normal on ln k around ln of the prior mean");
    assertEquals(0.25, sdLnK, 0.01, "sd on ln k is sd/mean");
  }

  @Test
  void truncatedPrior_staysInsideItsBounds_andKeepsItsShapeThere() {
    ModelInfo info = info();
    int n = 20000;
    int below = 0;
    for (double[] p : StartDraws.draw(info, info.priorMeans(), n + 1, 8).subList(1, n + 1)) {
      below += p[2] < 0.4 ? 1 : 0;
    }
    // N(0.4, 0.3) truncated to (0, 1): P(f < 0.4) = (Φ(0) − Φ(−4/3)) / (Φ(2) − Φ(−4/3)) = 0.4088/0.8860 = 0.4614
    assertEquals(0.4614, below / (double) n, 0.015);
  }

  @Test
  void flatSlots_areDrawnOneTypicalMagnitudeAroundTheDefault() {
    ModelInfo info = TestModels.rosenbrock().info();
    double[] def = {-1.2, 1.0};
    int n = 20000;
    double sum = 0;
    double sum2 = 0;
    for (double[] p : StartDraws.draw(info, def, n + 1, 3).subList(1, n + 1)) {
      sum += p[0];
      sum2 += p[0] * p[0];
    }
    double mean = sum / n;
    assertEquals(-1.2, mean, 4 * 1.2 / Math.sqrt(n));
    assertEquals(1.2, Math.sqrt(sum2 / n - mean * mean), 0.03, "sd = |default start|");
  }
}
