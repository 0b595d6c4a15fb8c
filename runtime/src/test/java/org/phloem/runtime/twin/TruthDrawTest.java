package org.phloem.runtime.twin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ParamInfo;

class TruthDrawTest {

  private static ParamInfo scalar(String name, double mean, double sd, double lo, double hi, boolean log, int offset) {
    return new ParamInfo(name, List.of(), offset, 1, new double[] {mean}, new double[] {sd}, new double[] {lo}, new double[] {hi}, log,
        "", "", 1);
  }

  private static ModelInfo model(ParamInfo... params) {
    return new ModelInfo("m", "", "m.phl", List.of(), List.of(params), List.of(), List.of());
  }

  @Test
  void draws_followThePriors_normalAndLogNormal() {
    ModelInfo info = model(scalar("a", 3, 0.5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, 0),
        scalar("k", 0.02, 0.01, 0, Double.POSITIVE_INFINITY, true, 1));
    int n = 4000;
    double sumA = 0;
    double sumA2 = 0;
    double sumLogK = 0;
    double sumLogK2 = 0;
    for (int seed = 0; seed < n; seed++) {
      double[] t = TruthDraw.fromPrior(info, seed);
      sumA += t[0];
      sumA2 += t[0] * t[0];
      double q = Math.log(t[1]);
      sumLogK += q;
      sumLogK2 += q * q;
    }
    // a ~ N(3, 0.5²); ln k ~ N(ln 0.02, (0.01/0.02)²) as the fit's prior term has it. Tolerances: 4 standard errors.
    double meanA = sumA / n;
    double sdA = Math.sqrt(sumA2 / n - meanA * meanA);
    assertEquals(3, meanA, 4 * 0.5 / Math.sqrt(n));
    assertEquals(0.5, sdA, 4 * 0.5 / Math.sqrt(2.0 * n));
    double meanQ = sumLogK / n;
    double sdQ = Math.sqrt(sumLogK2 / n - meanQ * meanQ);
    assertEquals(Math.log(0.02), meanQ, 4 * 0.5 / Math.sqrt(n));
    assertEquals(0.5, sdQ, 4 * 0.5 / Math.sqrt(2.0 * n));
  }

  @Test
  void draws_stayStrictlyInsideTheBounds_andRepeatForASeed() {
    ModelInfo info = model(scalar("f", 0.45, 0.1, 0.2, 0.5, false, 0));
    for (int seed = 0; seed < 500; seed++) {
      double f = TruthDraw.fromPrior(info, seed)[0];
      assertTrue(f > 0.2 && f < 0.5, "seed " + seed + ": " + f);
    }
    assertArrayEquals(TruthDraw.fromPrior(info, 11), TruthDraw.fromPrior(info, 11), 0.0);
  }

  @Test
  void flatPrior_isRefusedWithTheSlotsName() {
    ModelInfo info = model(scalar("b1", 500, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TruthDraw.fromPrior(info, 1));
    assertTrue(e.getMessage().contains("b1") && e.getMessage().contains("flat prior"), e.getMessage());
  }

  @Test
  void boundsHoldingNoneOfThePrior_areRefused() {
    ModelInfo info = model(scalar("c", 0, 1, 50, 60, false, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TruthDraw.fromPrior(info, 1));
    assertTrue(e.getMessage().contains("parameter c"), e.getMessage());
  }
}
