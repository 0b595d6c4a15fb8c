package org.phloem.runtime.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Axis ticks: 1, 2 or 5 times a power of ten, inside the range, covering it, labelled exactly. */
class TicksTest {

  @Property(tries = 300)
  void ticks_areNice_insideTheRange_andCoverIt(@ForAll @DoubleRange(min = -1e3, max = 1e3) double centre,
      @ForAll @DoubleRange(min = -9, max = 9) double log10Width, @ForAll @IntRange(min = 2, max = 15) int target) {
    double width = Math.pow(10, log10Width);
    double lo = centre * width;
    double hi = lo + width;
    Ticks t = Ticks.over(lo, hi, target);
    double[] v = t.values();
    assertTrue(v.length >= 1 && v.length <= 3 * target, v.length + " ticks for a target of " + target);
    if (v.length < 2) {
      return;
    }
    double step = v[1] - v[0];
    double power = Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
    double mantissa = step / power;
    assertTrue(Math.abs(mantissa - 1) < 1e-6 || Math.abs(mantissa - 2) < 1e-6 || Math.abs(mantissa - 5) < 1e-6,
        "step " + step + " is 1, 2 or 5 times a power of ten");
    for (int i = 0; i < v.length; i++) {
      assertTrue(v[i] >= lo - 1e-9 * width && v[i] <= hi + 1e-9 * width, v[i] + " inside [" + lo + ", " + hi + "]");
      if (i > 0) {
        assertEquals(step, v[i] - v[i - 1], 1e-6 * step, "equal steps");
      }
      assertEquals(v[i], Double.parseDouble(t.labels()[i]), 1e-9 * step, "the label says the value: " + t.labels()[i]);
      assertEquals(0, Math.abs(v[i] / step - Math.rint(v[i] / step)), 1e-6, "a multiple of the step");
    }
    assertTrue(v[0] - lo < step * (1 + 1e-9) && hi - v[v.length - 1] < step * (1 + 1e-9), "no gap of a step or more at either end");
  }

  @Test
  void familiarRanges_getFamiliarTicks() {
    Ticks t = Ticks.over(-0.3, 1095.2, 6);
    assertArrayEquals(new String[] {"0", "200", "400", "600", "800", "1000"}, t.labels());
    assertArrayEquals(new String[] {"-5", "-4", "-3", "-2", "-1", "0", "1", "2"}, Ticks.over(-5.3, 2.4, 8).labels());
    assertArrayEquals(new String[] {"0.1", "0.2", "0.3"}, Ticks.over(0.05, 0.33, 3).labels());
    assertArrayEquals(new String[] {"2e-7", "4e-7", "6e-7"}, Ticks.over(1.5e-7, 7e-7, 3).labels());
  }

  @Test
  void anEmptyOrNonFiniteRange_hasNoTicks() {
    assertEquals(0, Ticks.over(1, 1, 5).values().length);
    assertEquals(0, Ticks.over(0, Double.POSITIVE_INFINITY, 5).values().length);
    assertEquals(0, Ticks.over(Double.NaN, 1, 5).values().length);
  }
}
