package org.phloem.runtime.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class SlotTransformTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  /** Every shape: affine, lower, upper, interval; each linear and on a log scale. */
  private static List<SlotTransform> shapes() {
    return List.of(
        SlotTransform.of(false, -INF, INF, 3, 0.5),
        SlotTransform.of(false, 1, INF, 3, 0.5),
        SlotTransform.of(false, -INF, 4, 3, 0.5),
        SlotTransform.of(false, 1, 4, 3, 0.5),
        SlotTransform.of(true, -INF, INF, 3, 0.2),
        SlotTransform.of(true, 0, INF, 3, 0.2),
        SlotTransform.of(true, 2, INF, 3, 0.2),
        SlotTransform.of(true, 0, 5, 3, 0.2),
        SlotTransform.of(true, 1, 5, 3, 0.2));
  }

  @Property(tries = 40)
  void derivatives_matchFiniteDifferences(@ForAll @DoubleRange(min = -3, max = 3) double x) {
    for (SlotTransform t : shapes()) {
      double[] d = new double[3];
      t.p(x, d);
      double h = 1e-5;
      double[] up = new double[3];
      double[] down = new double[3];
      t.p(x + h, up);
      t.p(x - h, down);
      assertEquals((up[0] - down[0]) / (2 * h), d[1], 1e-7 * Math.max(1, Math.abs(d[1])), "dp/dx");
      assertEquals((up[1] - down[1]) / (2 * h), d[2], 1e-6 * Math.max(1, Math.abs(d[2])), "d2p/dx2");
    }
  }

  @Property(tries = 40)
  void search_invertsPhysical(@ForAll @DoubleRange(min = -5, max = 5) double x) {
    for (SlotTransform t : shapes()) {
      assertEquals(x, t.search(t.physical(x)), 1e-9 * Math.max(1, Math.abs(x)));
    }
  }

  @Test
  void scaleAtCentre_isTheGivenScaleOfQ() {
    for (SlotTransform t : shapes()) {
      double[] q = new double[3];
      t.q(0, q);
      assertEquals(t.scale(), q[1], 1e-12);
      assertEquals(t.isLog() ? Math.log(3) : 3, q[0], 1e-12);
    }
  }

  @Test
  void boundedSlot_neverLeavesItsBounds_evenAtExtremeSteps() {
    SlotTransform t = SlotTransform.of(false, 1, 4, 3, 0.5);
    for (double x : new double[] {-1e6, -800, -50, 50, 800, 1e6}) {
      double p = t.physical(x);
      assertTrue(p > 1 && p < 4, "p = " + p + " at x = " + x);
    }
    SlotTransform lower = SlotTransform.of(false, 1, INF, 3, 0.5);
    assertTrue(lower.physical(-1e6) > 1);
    SlotTransform upper = SlotTransform.of(false, -INF, 4, 3, 0.5);
    assertTrue(upper.physical(1e6) < 4);
  }

  @Test
  void intervalScale_isCappedAtAQuarterOfTheInterval() {
    SlotTransform t = SlotTransform.of(false, 0, 1, 0.5, 10);
    assertEquals(0.25, t.scale(), 0);
  }

  @Test
  void centreOutsideBounds_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> SlotTransform.of(false, 0, 1, 1, 0.1));
    assertThrows(IllegalArgumentException.class, () -> SlotTransform.of(true, -INF, INF, -1, 0.1));
  }
}
