package org.phloem.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Written tables bind back to the identical bits. */
class CsvTableWriterTest {
  @TempDir Path root;

  /** Awkward doubles: signed zeros, subnormals, extremes, values whose shortest form is long, NaN. */
  private static double[] awkward(int n, long seed) {
    double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.MIN_NORMAL, 0.1, 1.0 / 3, 1e-300, 123456789.123456789, Double.NaN, Math.PI, -1e22};
    Random r = new Random(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i < special.length ? special[i] : switch (r.nextInt(3)) {
        case 0 -> Double.longBitsToDouble(r.nextLong()) % 1e300;
        case 1 -> r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20);
        default -> Double.longBitsToDouble(r.nextLong());
      };
      if (Double.isInfinite(v[i])) {
        v[i] = 1.5;
      }
    }
    return v;
  }

  private static void assertSameBits(double[] expected, double[] actual) {
    assertArrayEquals(Arrays.stream(expected).mapToLong(Double::doubleToLongBits).toArray(),
        Arrays.stream(actual).mapToLong(Double::doubleToLongBits).toArray());
  }

  @Test
  void wideTablesRoundTripExactly() throws Exception {
    int n = 500;
    List<String> days = IntStream.rangeClosed(1, n).mapToObj(Integer::toString).toList();
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("a", awkward(n, 1));
    series.put("b", awkward(n, 2));
    CsvTableWriter.writeWide(root.resolve("out/w.csv"), "day", days, series);
    BoundData b = DataBinder.bind(root, List.of(new TableSpec("w", "out/w.csv", 0)), List.of(TestData.dim("day")),
        List.of(TestData.input("a", List.of("day"), null, null, true, 0),
            TestData.input("b", List.of("day"), null, null, true, 0)));
    assertEquals(days, b.dimLabels().get("day"));
    assertSameBits(series.get("a"), b.inputs().get("a"));
    assertSameBits(series.get("b"), b.inputs().get("b"));
  }

  @Test
  void longTablesRoundTripExactlyWithAwkwardLabels() throws Exception {
    List<String> stations = List.of("alt", "a,b", "say \"hi\"", " padded ", "two\nlines", "NA");
    List<String> months = IntStream.rangeClosed(1, 12).mapToObj(Integer::toString).toList();
    double[] v = awkward(stations.size() * months.size(), 3);
    CsvTableWriter.writeLong(root.resolve("l.csv"), List.of("station", "month"), List.of(stations, months),
        Map.of("co2", v));
    BoundData b = DataBinder.bind(root, List.of(new TableSpec("l", "l.csv", 0)),
        List.of(TestData.dim("station"), new DimSpec("month", 12, 0)),
        List.of(TestData.input("co2", List.of("station", "month"), null, null, true, 0)));
    assertEquals(stations, b.dimLabels().get("station"));
    assertSameBits(v, b.inputs().get("co2"));
  }

  @Test
  void scalarsRoundTrip() throws Exception {
    CsvTableWriter.writeScalars(root.resolve("s.csv"), Map.of("k", 0.1 + 0.2));
    assertSameBits(new double[] {0.1 + 0.2}, DataBinder.bind(root, List.of(new TableSpec("s", "s.csv", 0)),
        List.of(), List.of(TestData.input("k"))).inputs().get("k"));
  }

  @Test
  void theFormatIsPlainCsvWithBlankForNaN() throws IOException {
    Map<String, double[]> s = new LinkedHashMap<>();
    s.put("x", new double[] {1.5, Double.NaN});
    CsvTableWriter.writeWide(root.resolve("w.csv"), "day", List.of("1", "2"), s);
    assertEquals("day,x\n1,1.5\n2,\n", Files.readString(root.resolve("w.csv")));
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryFiles() throws IOException {
    Path f = TestData.write(root, "w.csv", "old\n");
    Map<String, double[]> s = Map.of("x", new double[] {1, Double.POSITIVE_INFINITY});
    assertThrows(IllegalArgumentException.class, () -> CsvTableWriter.writeWide(f, "day", List.of("1", "2"), s));
    assertEquals("old\n", Files.readString(f));
    try (var files = Files.list(root)) {
      assertEquals(List.of("w.csv"), files.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
    }
  }
}
