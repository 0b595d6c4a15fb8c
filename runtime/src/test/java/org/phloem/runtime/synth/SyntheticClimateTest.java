package org.phloem.runtime.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.data.DataBinder;
import org.phloem.runtime.data.DataException;
import org.phloem.runtime.data.DimSpec;
import org.phloem.runtime.data.InputSpec;
import org.phloem.runtime.data.TableSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small synthetic climates: determinism, ranges, and the expected latitudinal and seasonal shape. */
class SyntheticClimateTest {
  @TempDir Path out;

  private static final String[] VARIABLES = {"temp", "rad", "par", "fpar", "precip", "swc"};

  /** Reads a generated folder back the way a model would. */
  private static BoundData bind(Path dir, String timeDim) throws DataException {
    List<TableSpec> tables = List.of(new TableSpec("cells", "cells.csv", 0), new TableSpec("time", "time.csv", 0),
        new TableSpec("climate", "climate.csv", 0));
    List<InputSpec> inputs = new java.util.ArrayList<>();
    inputs.add(new InputSpec("lat", List.of("cell"), null, null, false, 0));
    inputs.add(new InputSpec("area_m2", List.of("cell"), null, null, false, 0));
    inputs.add(new InputSpec("calendar_month", List.of(timeDim), null, null, false, 0));
    for (String v : VARIABLES) {
      inputs.add(new InputSpec(v, List.of("cell", timeDim), null, null, false, 0));
    }
    return DataBinder.bind(dir, tables, List.of(new DimSpec("cell", -1, 0), new DimSpec(timeDim, -1, 0)), inputs);
  }

  @Test
  void sameSeedSameBytesWhateverTheThreadCount() throws IOException {
    Options o = new Options(new Grid.LatLonGrid(30, 0.3), 2000, 2, Options.TimeStep.DAILY, 42, 1);
    SyntheticClimate.generate(o, out.resolve("a"));
    SyntheticClimate.generate(o.withThreads(4), out.resolve("b"));
    for (String f : List.of("cells.csv", "time.csv", "climate.csv")) {
      assertArrayEquals(Files.readAllBytes(out.resolve("a").resolve(f)), Files.readAllBytes(out.resolve("b").resolve(f)), f);
    }
    SyntheticClimate.generate(new Options(o.grid(), 2000, 2, Options.TimeStep.DAILY, 43, 2), out.resolve("c"));
    assertArrayEquals(Files.readAllBytes(out.resolve("a/cells.csv")), Files.readAllBytes(out.resolve("c/cells.csv")));
    assertFalse(Arrays.equals(Files.readAllBytes(out.resolve("a/climate.csv")),
        Files.readAllBytes(out.resolve("c/climate.csv"))));
  }

  @Test
  void dailyTablesBindWithTheRightSizesAndRanges() throws Exception {
    Options o = new Options(new Grid.LatLonGrid(30, 0.3), 2000, 2, Options.TimeStep.DAILY, 7, 2);
    SyntheticClimate.Generated g = SyntheticClimate.generate(o, out);
    assertEquals(22, g.cells()); // round(0.3 * 72)
    assertEquals(731, g.steps()); // 2000 is a leap year
    BoundData b = bind(out, "day");
    assertEquals(22, b.dimSizes().get("cell"));
    assertEquals(731, b.dimSizes().get("day"));
    assertRange(b, "temp", -60, 50);
    assertRange(b, "rad", 0, 45); // below the top-of-atmosphere maximum
    assertRange(b, "fpar", 0.05, 0.85);
    assertRange(b, "precip", 0, 500);
    assertRange(b, "swc", 0, 1);
    double[] rad = b.inputs().get("rad");
    double[] par = b.inputs().get("par");
    for (int i = 0; i < rad.length; i++) {
      assertEquals(0.5 * rad[i], par[i]);
    }
    for (double lat : b.inputs().get("lat")) {
      assertTrue(lat >= -60 && lat <= 80, "land only between 60S and 80N: " + lat);
    }
    assertEquals(12.0, b.inputs().get("calendar_month")[365]); // 31 December 2000
  }

  private static void assertRange(BoundData b, String name, double lo, double hi) {
    double[] v = b.inputs().get(name);
    double min = Arrays.stream(v).min().orElseThrow();
    double max = Arrays.stream(v).max().orElseThrow();
    assertTrue(min >= lo && max <= hi, name + " in [" + min + ", " + max + "], expected within [" + lo + ", " + hi + "]");
  }

  @Test
  void latitudinalAndSeasonalShape() throws Exception {
    // 18 bands of 10°: band 9 is 0-10°N, band 13 is 40-50°N, band 4 is 40-50°S, band 16 is 70-80°N.
    Options o = new Options(new Grid.LatitudeBands(18), 2001, 3, Options.TimeStep.MONTHLY, 5, 2);
    SyntheticClimate.generate(o, out);
    BoundData b = bind(out, "month");
    int months = 36;
    assertEquals(months, b.dimSizes().get("month"));
    double[] temp = b.inputs().get("temp");
    double[] par = b.inputs().get("par");
    double[] fpar = b.inputs().get("fpar");
    double[] precip = b.inputs().get("precip");
    assertTrue(annualMean(temp, 9, months) > annualMean(temp, 13, months) + 10);
    assertTrue(annualMean(temp, 13, months) > annualMean(temp, 16, months) + 5);
    // Northern summer (July, index 6) warmer, brighter and greener than winter (January); the south opposite.
    assertTrue(monthMean(temp, 13, 6, months) > monthMean(temp, 13, 0, months) + 15);
    assertTrue(monthMean(temp, 4, 0, months) > monthMean(temp, 4, 6, months) + 15);
    assertTrue(monthMean(par, 13, 5, months) > 3 * monthMean(par, 13, 11, months));
    assertTrue(monthMean(fpar, 13, 6, months) > monthMean(fpar, 13, 0, months) + 0.2);
    // Wetter near the equator than in the subtropics (band 11: 20-30°N).
    assertTrue(annualMean(precip, 9, months) > 2 * annualMean(precip, 11, months));
  }

  private static double annualMean(double[] v, int cell, int months) {
    return Arrays.stream(v, cell * months, (cell + 1) * months).average().orElseThrow();
  }

  private static double monthMean(double[] v, int cell, int calendarMonth, int months) {
    double s = 0;
    int n = 0;
    for (int m = calendarMonth; m < months; m += 12) {
      s += v[cell * months + m];
      n++;
    }
    return s / n;
  }

  @Test
  void monthlyValuesAreMeansOfTheDailyOnes() throws Exception {
    Grid grid = new Grid.LatitudeBands(6);
    SyntheticClimate.generate(new Options(grid, 2003, 1, Options.TimeStep.DAILY, 9, 1), out.resolve("d"));
    SyntheticClimate.generate(new Options(grid, 2003, 1, Options.TimeStep.MONTHLY, 9, 1), out.resolve("m"));
    double[] daily = bind(out.resolve("d"), "day").inputs().get("swc");
    double[] monthly = bind(out.resolve("m"), "month").inputs().get("swc");
    // Band 2, February 2003: days 31..58.
    double s = 0;
    for (int d = 31; d < 59; d++) {
      s += daily[2 * 365 + d];
    }
    assertEquals(s / 28, monthly[2 * 12 + 1], 1e-12);
  }

  @Test
  void bandAreasCoverTheSphereAndTheTwoDegreeGridHasCcdasLandCount() {
    double sphere = 4 * Math.PI * Grid.EARTH_RADIUS_M * Grid.EARTH_RADIUS_M;
    double bands = new Grid.LatitudeBands(90).cells().stream().mapToDouble(Grid.Cell::areaM2).sum();
    assertEquals(1.0, bands / sphere, 1e-12);
    Grid.LatLonGrid two = new Grid.LatLonGrid(2);
    assertEquals(16_200, two.rows() * two.columns());
    List<Grid.Cell> land = two.cells();
    assertEquals(4_500, land.size());
    // A 2° cell at the equator: R² (2π/180) (sin 2° ... ) ≈ (222.4 km)² ≈ 4.94e10 m².
    Grid.Cell equatorial = land.stream().filter(c -> Math.abs(c.lat() - 1) < 1e-9).findFirst().orElseThrow();
    double side = Grid.EARTH_RADIUS_M * Math.toRadians(2);
    assertEquals(side * side, equatorial.areaM2(), side * side * 1e-3);
  }
}
