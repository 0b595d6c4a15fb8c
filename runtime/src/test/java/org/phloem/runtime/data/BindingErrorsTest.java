package org.phloem.runtime.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad data gives a problem naming the file, the line and the column. */
class BindingErrorsTest {
  @TempDir Path root;

  private DataException fails(List<TableSpec> tables, List<DimSpec> dims, List<InputSpec> inputs) {
    return assertThrows(DataException.class, () -> DataBinder.bind(root, tables, dims, inputs));
  }

  private static DataProblem only(DataException e) {
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0);
  }

  @Test
  void missingFileNamesTheRootAndTheNearestFiles() {
    TestData.write(root, "site/drivers.csv", "tmax\n1\n");
    TestData.write(root, "site/other.csv", "x\n1\n");
    DataProblem p = only(fails(List.of(new TableSpec("driver", "site/driver.csv", 4)), List.of(TestData.dim("day")),
        List.of(TestData.input("tmax", "day"))));
    assertTrue(p.file().endsWith("site/driver.csv".replace('/', java.io.File.separatorChar)), p.file());
    assertTrue(p.message().contains(root.toString()), p.message());
    assertTrue(p.message().contains("nearest existing files are: site/drivers.csv"), p.message());
    assertEquals(4, p.modelLine());
  }

  @Test
  void missingColumnListsTheColumnsAndTheNearestName() {
    TestData.write(root, "d.csv", "day,tmax,tmin\n1,2,3\n");
    DataProblem p = only(fails(List.of(new TableSpec("d", "d.csv", 1)), List.of(TestData.dim("day")),
        List.of(TestData.input("tmx", List.of("day"), "d", "tmx", false, 6))));
    assertTrue(p.file().endsWith("d.csv"));
    assertEquals(1, p.row());
    assertEquals("tmx", p.column());
    assertTrue(p.message().contains("day, tmax, tmin") && p.message().contains("Did you mean 'tmax'?"), p.message());
    assertEquals(6, p.modelLine());
  }

  @Test
  void aColumnFoundInNoTableSaysWhereTheNearestIs() {
    TestData.write(root, "a.csv", "tmax\n1\n");
    TestData.write(root, "b.csv", "rad\n1\n");
    DataProblem p = only(fails(List.of(new TableSpec("a", "a.csv", 1), new TableSpec("b", "b.csv", 2)),
        List.of(TestData.dim("day")), List.of(TestData.input("radd", "day"))));
    assertTrue(p.message().contains("no declared table has a column 'radd'")
        && p.message().contains("Did you mean 'rad' (in " + root.resolve("b.csv")), p.message());
  }

  @Test
  void inputsThatDisagreeOnADimsLengthNameBothTables() {
    TestData.write(root, "a.csv", "x\n1\n2\n3\n");
    TestData.write(root, "b.csv", "y\n1\n2\n");
    DataProblem p = only(fails(List.of(new TableSpec("a", "a.csv", 1), new TableSpec("b", "b.csv", 2)),
        List.of(TestData.dim("t")), List.of(TestData.input("x", "t"), TestData.input("y", List.of("t"), null, null,
            false, 8))));
    assertTrue(p.message().contains("3 elements from " + root.resolve("a.csv") + " (3 rows")
        && p.message().contains("2 from " + root.resolve("b.csv") + " (2 rows"), p.message());
    assertEquals("y", p.column());
    assertEquals(8, p.modelLine());
  }

  @Test
  void aFixedSizeDimMustMatchExactly() {
    TestData.write(root, "a.csv", "x\n1\n2\n3\n");
    DataProblem p = only(fails(List.of(new TableSpec("a", "a.csv", 1)), List.of(new DimSpec("m", 12, 3)),
        List.of(TestData.input("x", "m"))));
    assertTrue(p.message().contains("12 elements from the model (dim m = 12), but 3"), p.message());
  }

  @Test
  void textInANumberColumnIsQuotedWithItsLine() {
    TestData.write(root, "a.csv", "day,x\n1,1.5\n2,1,5\n3,abc\n4,0x10\n5,2d\n");
    DataException e = fails(List.of(new TableSpec("a", "a.csv", 1)), List.of(TestData.dim("day")),
        List.of(TestData.input("x", "day")));
    List<DataProblem> ps = e.problems();
    assertEquals(4, ps.size(), e.getMessage());
    assertEquals(3, ps.get(0).row());
    assertTrue(ps.get(0).message().contains("expected 2 comma-separated fields"), ps.get(0).message());
    assertEquals(4, ps.get(1).row());
    assertEquals("x", ps.get(1).column());
    assertTrue(ps.get(1).message().contains("found the text 'abc'"), ps.get(1).message());
    assertTrue(ps.get(2).message().contains("'0x10'") && ps.get(2).row() == 5);
    assertTrue(ps.get(3).message().contains("'2d'") && ps.get(3).row() == 6);
  }

  @Test
  void missingValuesAndInfinitiesWhereNotAllowed() {
    TestData.write(root, "a.csv", "x,y\n1,1\n,2\nNA,3\nNaN,\nInf,5\n-infinity,6\n");
    DataException e = fails(List.of(new TableSpec("a", "a.csv", 1)), List.of(TestData.dim("t")),
        List.of(TestData.input("x", List.of("t"), null, null, false, 4),
            TestData.input("y", List.of("t"), null, null, true, 5)));
    List<DataProblem> ps = e.problems();
    assertEquals(List.of(3, 4, 5, 6, 7), ps.stream().map(DataProblem::row).toList(), e.getMessage());
    assertTrue(ps.stream().allMatch(p -> p.column().equals("x")));
    assertTrue(ps.get(0).message().contains("missing value"));
    assertTrue(ps.get(3).message().contains("'Inf' is not a finite number"), ps.get(3).message());
  }

  @Test
  void missingAllowedBindsNaN() throws DataException {
    TestData.write(root, "a.csv", "x\n1\n\nNA\n4\n");
    double[] x = DataBinder.bind(root, List.of(new TableSpec("a", "a.csv", 1)), List.of(TestData.dim("t")),
        List.of(TestData.input("x", List.of("t"), null, null, true, 0))).inputs().get("x");
    assertEquals(4, x.length);
    assertEquals(1.0, x[0]);
    assertTrue(Double.isNaN(x[1]) && Double.isNaN(x[2]));
    assertEquals(4.0, x[3]);
  }

  @Test
  void labelsThatDisagreeBetweenTablesAreReportedWhereTheyDiffer() {
    TestData.write(root, "stations.csv", "station,lat\nalt,82.5\nmlo,19.5\nspo,-90\n");
    TestData.write(root, "obs.csv", "station,month,co2\nalt,1,400\nmlo,1,401\nbrw,1,402\nspo,1,403\n");
    DataException e = fails(List.of(new TableSpec("stations", "stations.csv", 1), new TableSpec("obs", "obs.csv", 2)),
        List.of(TestData.dim("station"), new DimSpec("month", 1, 0)),
        List.of(TestData.input("lat", "station"), TestData.input("co2", List.of("station", "month"), null, null,
            false, 7)));
    DataProblem p = only(e);
    assertTrue(p.file().endsWith("obs.csv"));
    assertEquals(4, p.row());
    assertEquals("station", p.column());
    assertTrue(p.message().contains("'brw' is not one of the 3 elements of dim 'station'")
        && p.message().contains("stations.csv"), p.message());
  }

  @Test
  void aOneDimInputIsAlignedToLabelsFromAnotherTable() throws DataException {
    TestData.write(root, "stations.csv", "station,lat\nalt,82.5\nmlo,19.5\nspo,-90\n");
    TestData.write(root, "heights.csv", "station,alt_m\nspo,2810\nalt,210\nmlo,3397\n");
    BoundData b = DataBinder.bind(root, List.of(new TableSpec("s", "stations.csv", 1),
        new TableSpec("h", "heights.csv", 2)), List.of(TestData.dim("station")),
        List.of(TestData.input("lat", "station"), TestData.input("alt_m", "station")));
    assertEquals(List.of("alt", "mlo", "spo"), b.dimLabels().get("station"));
    assertEquals(List.of(210.0, 3397.0, 2810.0), java.util.Arrays.stream(b.inputs().get("alt_m")).boxed().toList());
  }

  @Test
  void duplicatesAndAbsentCombinationsInALongTable() {
    TestData.write(root, "h.csv", "cell,month,h\n0,0,1\n0,1,2\n1,0,3\n0,1,4\n");
    DataException e = fails(List.of(new TableSpec("h", "h.csv", 1)), List.of(TestData.dim("cell"),
        TestData.dim("month")), List.of(TestData.input("h", List.of("cell", "month"), null, null, false, 3)));
    List<DataProblem> ps = e.problems();
    assertEquals(2, ps.size(), e.getMessage());
    // Problems about the whole file (row 0) come before those about one line.
    assertTrue(ps.get(0).message().contains("no row for cell='1', month='1'"), ps.get(0).message());
    assertEquals("h", ps.get(0).column());
    assertEquals(5, ps.get(1).row());
    assertTrue(ps.get(1).message().contains("second row for cell='0', month='1'"), ps.get(1).message());
  }

  @Test
  void aDimNamedLikeARepeatingColumnSaysSoOnceAndSuggestsARename() {
    StringBuilder text = new StringBuilder("year,month,day,tair\n");
    for (int month = 1; month <= 3; month++) {
      for (int day = 1; day <= 28; day++) {
        text.append("2000,").append(month).append(',').append(day).append(',').append(month * 100 + day).append('\n');
      }
    }
    TestData.write(root, "daily.csv", text.toString());
    DataProblem p = only(fails(List.of(new TableSpec("hyde", "daily.csv", 2)), List.of(TestData.dim("day")),
        List.of(TestData.input("tair", List.of("day"), "hyde", "tair", false, 4))));
    assertEquals(30, p.row(), "the first repeat: day 1 of the second month");
    assertEquals(4, p.modelLine());
    assertTrue(p.message().contains("28 distinct values in 84 rows") && p.message().contains("day='1' of line 2")
        && p.message().contains("rename the dim"), p.message());
  }

  @Test
  void aOneDimInputMayRepeatAnIdenticalValue() throws DataException {
    TestData.write(root, "long.csv", "station,month,lat,co2\na,1,10,400\na,2,10,401\nb,1,-5,399\n");
    BoundData b = DataBinder.bind(root, List.of(new TableSpec("long", "long.csv", 1)), List.of(TestData.dim("station")),
        List.of(TestData.input("lat", List.of("station"), "long", "lat", false, 2)));
    assertEquals(List.of(10.0, -5.0), java.util.Arrays.stream(b.inputs().get("lat")).boxed().toList());
  }

  @Test
  void absentCombinationsAreMissingWhenAllowed() throws DataException {
    TestData.write(root, "h.csv", "cell,month,h\n0,0,1\n0,1,2\n1,0,3\n");
    BoundData b = DataBinder.bind(root, List.of(new TableSpec("h", "h.csv", 1)),
        List.of(TestData.dim("cell"), TestData.dim("month")),
        List.of(TestData.input("h", List.of("cell", "month"), null, null, true, 3)));
    double[] h = b.inputs().get("h");
    assertEquals(List.of("0", "1"), b.dimLabels().get("cell"));
    assertEquals(1.0, h[0]);
    assertEquals(2.0, h[1]);
    assertEquals(3.0, h[2]);
    assertTrue(Double.isNaN(h[3]));
  }

  @Test
  void aLongTableNeedsAColumnPerDim() {
    TestData.write(root, "h.csv", "cell,h\n0,1\n");
    DataProblem p = only(fails(List.of(new TableSpec("h", "h.csv", 1)), List.of(TestData.dim("cell"),
        new DimSpec("month", 12, 0)), List.of(TestData.input("h", "cell", "month"))));
    assertEquals("month", p.column());
    assertTrue(p.message().contains("one column per dim") && p.message().contains("cell, h"), p.message());
  }

  @Test
  void aDimWithoutSizeSaysHowToGiveItOne() {
    DataProblem p = only(fails(List.of(), List.of(new DimSpec("cell", -1, 5)), List.of()));
    assertEquals("dim 'cell' has no size: declare `dim cell = N` or bind an input over it", p.message());
    assertEquals(5, p.modelLine());
  }

  @Test
  void scalarInputsComeFromOneRowTables() throws DataException {
    TestData.write(root, "s.csv", "a,b\n1.5,2\n");
    TestData.write(root, "t.csv", "c\n1\n2\n");
    BoundData b = DataBinder.bind(root, List.of(new TableSpec("s", "s.csv", 1)), List.of(),
        List.of(TestData.input("b")));
    assertEquals(2.0, b.inputs().get("b")[0]);
    DataProblem p = only(fails(List.of(new TableSpec("t", "t.csv", 1)), List.of(), List.of(TestData.input("c"))));
    assertTrue(p.message().contains("exactly one data row; this one has 2"), p.message());
  }

  @Test
  void absurdSizesAreRefusedBeforeAllocating() {
    TestData.write(root, "h.csv", "a,b,h\n0,0,1\n");
    DataException e = assertThrows(DataException.class, () -> DataBinder.bind(root,
        List.of(new TableSpec("h", "h.csv", 1)), List.of(new DimSpec("a", 100_000, 1), new DimSpec("b", 100_000, 2)),
        List.of(TestData.input("h", List.of("a", "b"), null, null, true, 3))));
    assertTrue(e.getMessage().contains("would have 10000000000 elements"), e.getMessage());
    DataException small = assertThrows(DataException.class, () -> DataBinder.bind(root,
        List.of(new TableSpec("h", "h.csv", 1)), List.of(new DimSpec("a", 30, 1), new DimSpec("b", 30, 2)),
        List.of(TestData.input("h", List.of("a", "b"), null, null, true, 3)), 500));
    assertTrue(small.getMessage().contains("900 values in all") && small.getMessage().contains("limit of 500"),
        small.getMessage());
  }

  @Test
  void quotedFieldsAndCrlfKeepLineNumbersRight() throws DataException {
    TestData.write(root, "q.csv", "name,\"x\"\r\n\"a, \"\"quoted\"\"\",1\r\n\"two\nlines\",2\r\nc,oops\r\n");
    DataProblem p = only(fails(List.of(new TableSpec("q", "q.csv", 1)), List.of(TestData.dim("r")),
        List.of(TestData.input("x", "r"))));
    assertEquals(5, p.row(), p.describe());
    TestData.write(root, "q.csv", "name,\"x\"\r\n\"a, \"\"quoted\"\"\",1\r\n\"two\nlines\",2\r\n");
    BoundData b = DataBinder.bind(root, List.of(new TableSpec("q", "q.csv", 1)), List.of(TestData.dim("name")),
        List.of(TestData.input("x", "name")));
    assertEquals(List.of("a, \"quoted\"", "two\nlines"), b.dimLabels().get("name"));
  }

  @Test
  void anUnclosedQuoteIsReportedWhereItOpens() {
    TestData.write(root, "q.csv", "x\n1\n\"2\n3\n");
    DataProblem p = only(fails(List.of(new TableSpec("q", "q.csv", 1)), List.of(TestData.dim("r")),
        List.of(TestData.input("x", "r"))));
    assertEquals(3, p.row());
    assertTrue(p.message().contains("never closed"), p.message());
  }

  @Test
  void everyProblemIsCollectedNotJustTheFirst() {
    TestData.write(root, "a.csv", "day,x,y\n1,1,\n2,foo,2\n");
    DataException e = fails(List.of(new TableSpec("a", "a.csv", 1), new TableSpec("gone", "gone.csv", 2)),
        List.of(TestData.dim("day"), new DimSpec("cell", -1, 3)),
        List.of(TestData.input("x", List.of("day"), "a", "x", false, 4),
            TestData.input("y", List.of("day"), "a", "y", false, 5),
            TestData.input("z", List.of("day"), "a", "zz", false, 6)));
    String m = e.getMessage();
    assertTrue(m.contains("gone.csv: file not found"), m);
    assertTrue(m.contains("a.csv, line 3, column 'x': expected a number, found the text 'foo'"), m);
    assertTrue(m.contains("a.csv, line 2, column 'y': missing value"), m);
    assertTrue(m.contains("a.csv, line 1, column 'zz': no column 'zz'"), m);
    assertTrue(m.contains("dim 'cell' has no size"), m);
  }

  @Test
  void manyBadRowsAreCappedWithACount() {
    StringBuilder s = new StringBuilder("x\n");
    for (int i = 0; i < 50; i++) {
      s.append("bad\n");
    }
    TestData.write(root, "a.csv", s.toString());
    DataException e = fails(List.of(new TableSpec("a", "a.csv", 1)), List.of(TestData.dim("t")),
        List.of(TestData.input("x", "t")));
    assertEquals(ProblemLog.SHOWN_PER_KIND + 1, e.problems().size());
    assertTrue(e.getMessage().contains("40 more row(s)") && e.getMessage().contains("50 in all"), e.getMessage());
  }

  @Test
  void integerDimColumnsFromZeroAreIndices() throws DataException {
    TestData.write(root, "h.csv", "cell,month,h\n2,0,5\n0,1,6\n");
    BoundData b = DataBinder.bind(root, List.of(new TableSpec("h", "h.csv", 1)),
        List.of(TestData.dim("cell"), new DimSpec("month", 2, 0)),
        List.of(TestData.input("h", List.of("cell", "month"), null, null, true, 1)));
    assertEquals(3, b.dimSizes().get("cell"));
    double[] h = b.inputs().get("h");
    assertEquals(5.0, h[2 * 2 + 0]);
    assertEquals(6.0, h[0 * 2 + 1]);
  }
}
