package org.phloem.tests.ccdas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The tables models/ccdas derives (data/ccdas/, made by models/ccdas/make_tables.py and by
 * background.phl) recomputed here from their sources, independently of the script: the station
 * selection, the station CO2, the land area per PFT and band, and the background CO2.
 */
class CcdasDataTest {
  static final List<String> EAST_ASIA = List.of("gsn233n0", "amy236n1", "ryo239n0", "yon224n0", "mnm224n0", "wlg236n0", "uum244n0");

  @Test
  void stations_areThoseWith80PercentOfTheMonths1990To2003_plusTheEastAsianOnesAsPredictedOnly() {
    Map<String, Integer> covered = new HashMap<>();
    for (String[] r : CcdasTables.rows("co2/stations_monthly.csv")) {
      int year = Integer.parseInt(r[6]);
      covered.merge(r[0], year >= 1990 && year <= 2003 ? 1 : 0, Integer::sum);
    }
    Set<String> expected = new TreeSet<>();
    covered.forEach((s, n) -> {
      if (n >= 0.8 * 168) {
        expected.add(s);
      }
    });
    Set<String> fitted = new TreeSet<>();
    Set<String> predicted = new TreeSet<>();
    for (String[] r : CcdasTables.rows("ccdas/stations.csv")) {
      (r[4].equals("1") ? fitted : predicted).add(r[0]);
      assertEquals(covered.get(r[0]).intValue(), Integer.parseInt(r[5]), r[0]);
    }
    assertEquals(41, expected.size(), "the study's count");
    assertEquals(expected, fitted);
    assertEquals(Set.of("amy236n1", "yon224n0", "mnm224n0"), predicted, "East-Asian stations below the coverage");
    assertTrue(fitted.containsAll(List.of("gsn233n0", "ryo239n0", "wlg236n0", "uum244n0")));
  }

  @Test
  void stationCo2_isTheSourcesMonths1980To2003() {
    Set<String> stations = new TreeSet<>();
    CcdasTables.rows("ccdas/stations.csv").forEach(r -> stations.add(r[0]));
    Map<String, String> source = new LinkedHashMap<>();
    for (String[] r : CcdasTables.rows("co2/stations_monthly.csv")) {
      int year = Integer.parseInt(r[6]);
      if (stations.contains(r[0]) && year >= 1980 && year <= 2003) {
        source.put(r[0] + "," + (12 * (year - 1980) + Integer.parseInt(r[7]) - 1), r[8]);
      }
    }
    Map<String, String> derived = new LinkedHashMap<>();
    CcdasTables.rows("ccdas/station_co2_monthly.csv").forEach(r -> derived.put(r[0] + "," + r[1], r[2]));
    assertEquals(source, derived);
  }

  /** models/ccdas/make_tables.py's VEGETATED_SHARE (README.md, "Land area per PFT"). */
  static final double VEGETATED_SHARE = 0.57;

  @Test
  void pftArea_coversSinglePftCellsWholly_andSplitsTheVegetatedShareOfOtherCellsEqually_withinTheMapsBounds() {
    List<String[]> points = CcdasTables.rows("bethy_grid/vegetation_points_2deg.csv");
    Map<String, Integer> perCell = new HashMap<>();
    points.forEach(p -> perCell.merge(p[1], 1, Integer::sum));
    double[][] area = new double[18][13];
    double[][] lower = new double[18][13];   // cells where the PFT is alone (the map's cover fraction 1)
    double[][] upper = new double[18][13];   // every cell holding the PFT
    double[] expectedBand = new double[18];
    Set<String> counted = new TreeSet<>();
    for (String[] p : points) {
      int band = (int) Math.floor((Double.parseDouble(p[6]) + 90) / 10);
      int k = Integer.parseInt(p[2]) - 1;
      double cell = Double.parseDouble(p[9]);
      int n = perCell.get(p[1]);
      area[band][k] += n == 1 ? cell : cell * VEGETATED_SHARE / n;
      lower[band][k] += n == 1 ? cell : 0;
      upper[band][k] += cell;
      if (counted.add(p[1])) {
        expectedBand[band] += n == 1 ? cell : VEGETATED_SHARE * cell;
      }
    }
    double[] bandSum = new double[18];
    for (String[] r : CcdasTables.rows("ccdas/pft_area_by_band.csv")) {
      int b = Integer.parseInt(r[0]);
      int k = Integer.parseInt(r[1]);
      double a = Double.parseDouble(r[2]);
      assertEquals(area[b][k], a, 1e-6 * a + 1, "band " + b + " pft " + r[1]);
      assertTrue(a >= lower[b][k] * (1 - 1e-6) && a <= upper[b][k] * (1 + 1e-6), "band " + b + " pft " + k + " outside the map's bounds");
      bandSum[b] += a;
    }
    for (String[] r : CcdasTables.rows("bethy_grid/land_area_by_10deg_band.csv")) {
      int b = (int) Math.floor((Double.parseDouble(r[0]) + 90) / 10);
      assertEquals(expectedBand[b], bandSum[b], 1e-5 * bandSum[b] + 1, "vegetated area of band " + b);
      assertTrue(bandSum[b] <= Double.parseDouble(r[5]) * (1 + 1e-6), "band " + b + ": more vegetation than land");
    }
  }

  /** background.phl rerun reproduces data/ccdas/background_1980_2003.nc, as the experiment reads it. */
  @Test
  void background_isWhatBackgroundPhlComputes() throws Exception {
    CcdasModel background = CcdasModel.load("background.phl", false);
    double[] computed = background.output(new double[0], "co2_station");
    double[] stored = CcdasModel.load("ccdas_short.phl", false).input("background");
    assertEquals(computed.length, stored.length);
    for (int i = 0; i < stored.length; i++) {
      assertEquals(computed[i], stored[i], 1e-9, "element " + i);
    }
  }
}
