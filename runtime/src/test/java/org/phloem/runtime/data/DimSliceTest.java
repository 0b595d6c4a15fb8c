package org.phloem.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Slicing bound data along one dim keeps that element's values of every input over the dim, at any position. */
class DimSliceTest {

  // dims: site (3, labels A B C), month (2), pft (2); x[month, site, pft] = 100 m + 10 s + k
  private static final BoundData DATA = new BoundData(
      Map.of("site", 3, "month", 2, "pft", 2),
      Map.of("site", List.of("A", "B", "C"), "month", List.of("1", "2"), "pft", List.of("0", "1")),
      Map.of("x", values(), "lat", new double[] {40, 41, 42}, "scale", new double[] {7, 8}));
  private static final List<InputSpec> INPUTS = List.of(
      new InputSpec("x", List.of("month", "site", "pft"), null, null, false, 1),
      new InputSpec("lat", List.of("site"), null, null, false, 2),
      new InputSpec("scale", List.of("month"), null, null, false, 3));

  private static double[] values() {
    double[] v = new double[12];
    for (int m = 0; m < 2; m++) {
      for (int s = 0; s < 3; s++) {
        for (int k = 0; k < 2; k++) {
          v[(m * 3 + s) * 2 + k] = 100 * m + 10 * s + k;
        }
      }
    }
    return v;
  }

  @Test
  void slice_keepsTheElementAtEveryPositionOfTheDim() {
    BoundData b = DimSlice.of(DATA, INPUTS, "site", 1);
    assertEquals(1, b.dimSizes().get("site"));
    assertEquals(List.of("B"), b.dimLabels().get("site"));
    assertArrayEquals(new double[] {10, 11, 110, 111}, b.inputs().get("x"));
    assertArrayEquals(new double[] {41}, b.inputs().get("lat"));
    assertSame(DATA.inputs().get("scale"), b.inputs().get("scale"), "an input not over the dim is shared unchanged");
    assertEquals(2, b.dimSizes().get("month"));
  }

  @Test
  void unknownDimOrElement_isRefusedWithTheReason() {
    assertThrows(IllegalArgumentException.class, () -> DimSlice.of(DATA, INPUTS, "station", 0));
    assertThrows(IllegalArgumentException.class, () -> DimSlice.of(DATA, INPUTS, "site", 3));
  }
}
