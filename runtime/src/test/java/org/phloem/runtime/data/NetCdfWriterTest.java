package org.phloem.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NetCDF classic writer: read back through Phloem's own binding, and (where Debian's netcdf-bin is
 * installed) by netCDF-C's ncdump, the reference reader; that test is skipped where ncdump is absent.
 */
class NetCdfWriterTest {
  private static final double NaN = Double.NaN;
  @TempDir Path root;
  private final double[] x = {1.5, -2.25, NaN, 1e-300, 3.141592653589793, 400.125};

  @BeforeEach
  void write() throws IOException {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("long_name", "a field with a gap");
    attrs.put("units", "ppm");
    NetCdfWriter.write(root.resolve("out.nc"),
        List.of(new NetCdfWriter.Dimension("year", 2, List.of("1990", "1991")),
            new NetCdfWriter.Dimension("station", 3, List.of("alt", "mlo", "spo_long"))),
        List.of(new NetCdfWriter.Variable("x", List.of("year", "station"), x, attrs)),
        Map.of("title", "a test"));
  }

  @Test
  void valuesLabelsAndAttributesReadBack() throws Exception {
    BoundData b = DataBinder.bind(root, List.of(new TableSpec("o", "out.nc", 1)),
        List.of(TestData.dim("year"), TestData.dim("station")),
        List.of(new InputSpec("x", List.of("year", "station"), "o", "x", true, 2)));
    assertArrayEquals(x, b.inputs().get("x"));
    try (NcFile f = NcFile.open(root.resolve("out.nc"))) {
      assertEquals(List.of("year", "station_label", "x"), f.variableNames());
      assertArrayEquals(new double[] {1990, 1991}, f.read(f.variable("year")));
      NcVariable v = f.variable("x");
      assertEquals("ppm", v.text("units"));
      assertEquals("a field with a gap", v.text("long_name"));
      assertTrue(Double.isNaN(v.numbers("_FillValue")[0]));
      assertEquals(List.of("station", "station_strlen"), f.variable("station_label").dims());
      assertArrayEquals(new int[] {3, 8}, f.variable("station_label").shape());
    }
  }

  @Test
  void ncdumpReadsTheFile() throws Exception {
    assumeTrue(onPath("ncdump"), "ncdump (Debian: apt-get install netcdf-bin) is not installed");
    Process p = new ProcessBuilder("ncdump", "-p", "9,17", root.resolve("out.nc").toString()).redirectErrorStream(true)
        .start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), text);
    assertTrue(text.contains("year = 2 ;") && text.contains("station = 3 ;") && text.contains("station_strlen = 8 ;"),
        text);
    assertTrue(text.contains("double x(year, station) ;") && text.contains("x:units = \"ppm\" ;")
        && text.contains(":title = \"a test\" ;"), text);
    assertTrue(text.contains("\"alt\"") && text.contains("\"spo_long\""), text);
    // The values as ncdump prints them (17 digits: exact), a value equal to _FillValue as '_'.
    String data = text.substring(text.indexOf("data:"));
    String block = data.substring(data.indexOf(" x =") + 4, data.indexOf(';', data.indexOf(" x =")));
    String[] cells = block.trim().split("\\s*,\\s*");
    assertEquals(x.length, cells.length, block);
    for (int i = 0; i < x.length; i++) {
      assertEquals(x[i], cells[i].equals("_") ? NaN : Double.parseDouble(cells[i]), 0, block);
    }
    assertTrue(text.replaceAll("\\s+", " ").contains("year = 1990, 1991 ;"), text);
  }

  private static boolean onPath(String tool) {
    List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
    return dirs.stream().anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
  }
}
