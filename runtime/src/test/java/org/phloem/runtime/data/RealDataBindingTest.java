package org.phloem.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binding the tables the repository carries (data/); expected numbers are read off the files by hand (head/tail/awk). */
class RealDataBindingTest {
  private final Path root = TestData.dataRoot();
  private final TableSpec drivers = new TableSpec("drivers", "dalec_oregon/drivers.csv", 2);
  private final TableSpec obs = new TableSpec("obs", "dalec_oregon/observations.csv", 3);
  private final TableSpec stations = new TableSpec("stations_monthly", "co2/stations_monthly.csv", 2);

  @Test
  void oregonDriversSizeTheDayDimAndAlignByTheDayColumn() throws DataException {
    BoundData b = DataBinder.bind(root, List.of(drivers, obs), List.of(new DimSpec("day", -1, 4)),
        List.of(TestData.input("tmax", "day"), TestData.input("rad", "day"),
            TestData.input("nee_obs", List.of("day"), "obs", "nee", true, 7)));
    assertEquals(1096, b.dimSizes().get("day"));
    assertEquals("1", b.dimLabels().get("day").get(0));
    assertEquals("1096", b.dimLabels().get("day").get(1095));
    double[] tmax = b.inputs().get("tmax");
    assertEquals(1.481, tmax[0]);
    assertEquals(4.885, tmax[1095]);
    assertEquals(3.2651, b.inputs().get("rad")[1]);
    double[] nee = b.inputs().get("nee_obs");
    assertEquals(684, Arrays.stream(nee).filter(v -> !Double.isNaN(v)).count());
    assertTrue(Double.isNaN(nee[0]));
    assertEquals(-0.8179488, nee[133]); // day 134, line 135
  }

  @Test
  void blanksWhereMissingIsNotAllowedAreReportedWithLineAndColumn() {
    DataException e = assertThrows(DataException.class, () -> DataBinder.bind(root, List.of(obs),
        List.of(TestData.dim("day")), List.of(TestData.input("nee_obs", List.of("day"), "obs", "nee", false, 9))));
    DataProblem first = e.problems().get(0);
    assertTrue(first.file().endsWith("observations.csv"), first.describe());
    assertEquals(2, first.row());
    assertEquals("nee", first.column());
    assertEquals(9, first.modelLine());
    assertTrue(e.getMessage().contains("412 in all"), e.getMessage());
  }

  @Test
  void stationsLongTableGivesLabelledDims() throws DataException {
    List<DimSpec> dims = List.of(TestData.dim("station"), TestData.dim("year"), new DimSpec("month", 12, 3));
    BoundData b = DataBinder.bind(root, List.of(stations), dims,
        List.of(TestData.input("co2", List.of("station", "year", "month"), null, null, true, 5),
            TestData.input("lat", "station")));
    assertEquals(129, b.dimSizes().get("station"));
    assertEquals(51, b.dimSizes().get("year"));
    assertEquals("abp312s0", b.dimLabels().get("station").get(0));
    assertEquals("zug647n1", b.dimLabels().get("station").get(128));
    assertEquals(List.of("1968", "2018"), List.of(b.dimLabels().get("year").get(0), b.dimLabels().get("year").get(50)));
    assertEquals("3", b.dimLabels().get("month").get(2)); // "03" in the file
    double[] co2 = b.inputs().get("co2");
    assertEquals(129 * 51 * 12, co2.length);
    assertEquals(30685, Arrays.stream(co2).filter(v -> !Double.isNaN(v)).count());
    int year2006 = b.dimLabels().get("year").indexOf("2006");
    assertEquals(380.72, co2[(0 * 51 + year2006) * 12 + 9]);
    int mlo = b.dimLabels().get("station").indexOf("mlo519n1");
    assertEquals(322.51, co2[(mlo * 51 + b.dimLabels().get("year").indexOf("1969")) * 12 + 7]);
    assertEquals(-12.767, b.inputs().get("lat")[0]);
    assertEquals(19.533, b.inputs().get("lat")[mlo]);
  }

  @Test
  void aLongTableMissingADimColumnsWorthOfKeysHasDuplicates() {
    DataException e = assertThrows(DataException.class, () -> DataBinder.bind(root, List.of(stations),
        List.of(TestData.dim("station"), new DimSpec("month", 12, 0)),
        List.of(TestData.input("co2", List.of("station", "month"), null, null, true, 5))));
    DataProblem p = e.problems().get(0);
    assertTrue(p.message().contains("second row for station='abp312s0', month='3'"), p.describe());
    assertEquals(14, p.row()); // 2008-03 repeats 2007-03
  }

  @Test
  void aColumnInTwoTablesIsAmbiguous() {
    DataException e = assertThrows(DataException.class, () -> DataBinder.bind(root, List.of(drivers, obs),
        List.of(TestData.dim("day")), List.of(TestData.input("day", "day"))));
    String m = e.getMessage();
    assertTrue(m.contains("drivers.csv") && m.contains("observations.csv") && m.contains("= drivers.day"), m);
  }
}
