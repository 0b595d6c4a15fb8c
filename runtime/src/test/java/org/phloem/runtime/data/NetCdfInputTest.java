package org.phloem.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NetCDF input against files written by ncgen (netCDF-C) from the CDL in src/test/resources/netcdf: the
 * same CDL as NetCDF-4 (read by jhdf), classic CDF-1 and 64-bit-offset CDF-2 (read by CdfClassicFile).
 * The expected values are the CDL's data with the CF attributes applied by hand.
 */
class NetCdfInputTest {
  private static final double NaN = Double.NaN;
  @TempDir Path root;

  @BeforeEach
  void copyFixtures() throws IOException {
    for (String f : List.of("fields_nc4.nc", "fields_cdf1.nc", "fields_cdf2.nc", "series_2000.nc", "series_2001.nc")) {
      try (InputStream in = NetCdfInputTest.class.getResourceAsStream("/netcdf/" + f)) {
        Files.copy(in, root.resolve(f));
      }
    }
  }

  private BoundData bind(String file, List<DimSpec> dims, InputSpec... inputs) throws DataException {
    return DataBinder.bind(root, List.of(new TableSpec("f", file, 1)), dims, List.of(inputs));
  }

  private DataProblem fails(UnitCheck units, TableSpec table, List<DimSpec> dims, InputSpec... inputs) {
    DataException e = assertThrows(DataException.class,
        () -> DataBinder.bind(root, List.of(table), dims, List.of(inputs), DataBinder.DEFAULT_MAX_ELEMENTS, units));
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.problems().get(0);
  }

  private DataProblem fails(String file, List<DimSpec> dims, InputSpec... inputs) {
    return fails(UnitCheck.NONE, new TableSpec("f", file, 1), dims, inputs);
  }

  private static InputSpec in(String name, String column, boolean missing, String... dims) {
    return new InputSpec(name, List.of(dims), "f", column, missing, 7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fields_nc4.nc", "fields_cdf1.nc", "fields_cdf2.nc"})
  void packedValuesAreUnpackedAndFillAndMissingValuesAreMissing(String file) throws DataException {
    BoundData b = bind(file, List.of(TestData.dim("t"), TestData.dim("l")), in("p", "packed", true, "t", "l"));
    assertArrayEquals(new double[] {10, 11, NaN, NaN, 12, 13}, b.inputs().get("p"));
    assertEquals(2, b.dimSizes().get("t"));
    assertEquals(3, b.dimSizes().get("l"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"fields_nc4.nc", "fields_cdf1.nc", "fields_cdf2.nc"})
  void everyFormatReadsTheSameRecordVariablesScalarsAndValidRange(String file) throws DataException {
    BoundData b = bind(file, List.of(TestData.dim("t"), TestData.dim("l"), TestData.dim("a")),
        in("field", "field", false, "t", "l", "a"), in("s", "scalar", false), in("flat", "flat", true, "l"),
        in("lat", "lat", false, "a"));
    double[] field = b.inputs().get("field");
    assertEquals(24, field.length);
    assertEquals(0, field[0]);
    assertEquals(13, field[7]); // t=0, l=1, a=3
    assertEquals(123, field[23]);
    assertArrayEquals(new double[] {42}, b.inputs().get("s"));
    assertArrayEquals(new double[] {5, NaN, 50}, b.inputs().get("flat"));
    assertArrayEquals(new double[] {-60, -20, 20, 60}, b.inputs().get("lat"));
  }

  @Test
  void dimsNamedAsTheFileNamesThemInAnotherOrderTranspose() throws DataException {
    // swapped(lat, lev) = 1..12 row-major; read as [lev, lat].
    BoundData b = bind("fields_nc4.nc", List.of(TestData.dim("lev"), TestData.dim("lat")),
        in("sw", "swapped", false, "lev", "lat"));
    assertArrayEquals(new double[] {1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12}, b.inputs().get("sw"));
  }

  @Test
  void aSeriesIsJoinedAlongItsDimensionAcrossFormatsAndLengths() throws DataException {
    TableSpec series = new TableSpec("s", "series_{2000..2001}.nc", 2, "time", null);
    BoundData b = DataBinder.bind(root, List.of(series), List.of(TestData.dim("step"), new DimSpec("x", 2, 3)),
        List.of(new InputSpec("v", List.of("step", "x"), "s", "v", false, 4),
            new InputSpec("fixed", List.of("x"), "s", "fixed", false, 5)));
    assertEquals(5, b.dimSizes().get("step"));
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, b.inputs().get("v"));
    assertArrayEquals(new double[] {7, 8}, b.inputs().get("fixed"), "a variable without the along dim: first file");
  }

  @Test
  void anInputWithoutATableFindsItsVariable() throws DataException {
    BoundData b = DataBinder.bind(root, List.of(new TableSpec("f", "fields_cdf1.nc", 1)), List.of(TestData.dim("a")),
        List.of(TestData.input("lat", "a")));
    assertArrayEquals(new double[] {-60, -20, 20, 60}, b.inputs().get("lat"));
  }

  // ------------------------------------------------------------------------------------ faults

  @Test
  void aMissingFileIsNamedWithTheModelLine() {
    DataProblem p = fails("nothere.nc", List.of(TestData.dim("a")), in("lat", "lat", false, "a"));
    assertTrue(p.file().endsWith("nothere.nc") && p.message().startsWith("file not found"), p.describe());
    assertEquals(1, p.modelLine());
  }

  @Test
  void missingFilesOfASeriesAreCounted() {
    DataProblem p = fails(UnitCheck.NONE, new TableSpec("s", "series_{1999..2003}.nc", 2, "time", null),
        List.of(TestData.dim("a")), new InputSpec("v", List.of("a"), "s", "v", false, 4));
    assertTrue(p.file().endsWith("series_1999.nc") && p.message().contains("and 2 more of the series"), p.describe());
  }

  @Test
  void aMissingVariableSuggestsTheNearest() {
    DataProblem p = fails("fields_nc4.nc", List.of(TestData.dim("a")), in("l", "lad", false, "a"));
    assertTrue(p.message().contains("no variable 'lad'") && p.message().contains("Did you mean 'lat'?"), p.describe());
    assertEquals(7, p.modelLine());
  }

  @Test
  void aWrongRankSaysBothRanks() {
    DataProblem p = fails("fields_cdf2.nc", List.of(TestData.dim("t"), TestData.dim("l")),
        in("field", "field", false, "t", "l"));
    assertTrue(p.message().contains("input 'field' over [t, l] has 2 dim(s), but variable field(time=2, lev=3, lat=4) has 3"),
        p.describe());
  }

  @Test
  void aWrongSizeNamesTheModelAndTheVariable() {
    DataProblem p = fails("fields_nc4.nc", List.of(new DimSpec("a", 5, 3)), in("lat", "lat", false, "a"));
    assertTrue(p.message().contains("dim 'a' has 5 elements from the model (dim a = 5), but 4 from variable lat"),
        p.describe());
  }

  @Test
  void aDimNamedLikeAnotherPositionOfTheFileIsRefused() {
    DataProblem p = fails("fields_nc4.nc", List.of(TestData.dim("lat"), TestData.dim("x")),
        in("sw", "swapped", false, "x", "lat"));
    assertTrue(p.message().contains("dim 'lat' is dimension 1 of variable swapped(lat=4, lev=3) but dim 2 of the input"),
        p.describe());
  }

  @Test
  void aUnitMismatchIsReportedWithTheCheckersReason() {
    UnitCheck onlyKelvin = (declared, file) -> declared.equals(file) ? null : "not the same";
    DataProblem p = fails(onlyKelvin, new TableSpec("f", "fields_nc4.nc", 1),
        List.of(TestData.dim("t"), TestData.dim("l"), TestData.dim("a")),
        new InputSpec("field", List.of("t", "l", "a"), "f", "field", false, 9, "degC"));
    assertTrue(p.message().contains("declared `unit degC`, but variable 'field' has units \"K\": not the same"),
        p.describe());
    assertEquals(9, p.modelLine());
  }

  @Test
  void missingValuesInAnInputThatDoesNotAllowThemArePositioned() {
    DataProblem p = fails("fields_cdf1.nc", List.of(TestData.dim("t"), TestData.dim("l")),
        in("p", "packed", false, "t", "l"));
    assertTrue(p.message().startsWith("2 missing value(s)") && p.message().contains("the first at t=0, l=2"),
        p.describe());
  }

  @Test
  void anAlongDimensionNoVariableHasSuggestsTheNearest() {
    DataProblem p = fails(UnitCheck.NONE, new TableSpec("s", "series_{2000..2001}.nc", 2, "tim", null),
        List.of(TestData.dim("a")), new InputSpec("fixed", List.of("a"), "s", "fixed", false, 4));
    assertTrue(p.message().contains("no variable has a dimension 'tim'") && p.message().contains("Did you mean 'time'?"),
        p.describe());
    assertEquals(2, p.modelLine());
  }

  @Test
  void aFileThatIsNotNetCdfSaysSo() throws IOException {
    Files.writeString(root.resolve("fake.nc"), "year,value\n2000,1\n");
    DataProblem p = fails("fake.nc", List.of(TestData.dim("a")), in("v", "value", false, "a"));
    assertTrue(p.message().contains("not a NetCDF file"), p.describe());
  }
}
