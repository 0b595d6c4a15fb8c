package org.phloem.tests.sdbm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.phloem.runtime.synth.Grid;
import org.phloem.runtime.synth.Options;
import org.phloem.runtime.synth.SyntheticClimate;
import org.phloem.tests.support.Repo;

/**
 * Makes the data folder {@code models/sdbm/sdbm.phl} reads. Everything in it is either generated
 * (synthetic) or a copy of the real data; nothing generated is kept in the repository:
 * <ul>
 *   <li>{@code sdbm/forcing.csv} (band, month 01..12, temp [°C], par [MJ m⁻² d⁻¹], fpar): the monthly
 *       climatology of {@link SyntheticClimate} on 36 latitude bands, {@link #YEARS} years from 2000, seed
 *       {@link #SEED}, averaged per calendar month. SYNTHETIC.
 *   <li>{@code sdbm/bands.csv} (band, lat, land): the vegetated fraction of each band's area, taken from
 *       the land mask of {@link Grid.LatLonGrid} at 1° (the generator's continents). SYNTHETIC.
 *   <li>{@code sdbm/stations.csv}, {@code sdbm/years.csv}: copies of the checkout's {@code data/sdbm/} (which
 *       stations and years are fitted).
 *   <li>{@code co2/stations_monthly.csv}: a copy of the real table the repository carries
 *       ({@code data/co2/stations_monthly.csv}; a copy, not a link, so the folder holds no link out of it).
 * </ul>
 * Run: {@code java -cp "tests/target/test-classes:compiler/target/compiler-0.1.0-SNAPSHOT.jar:compiler/target/lib/*"
 * org.phloem.tests.sdbm.SdbmData OUT_DIR} (after {@code ./phloem --help} and
 * {@code mvn -q -B -pl tests -am test-compile}).
 */
public final class SdbmData {
  /** Latitude bands: the transport's 36 bands of 5°. */
  public static final int BANDS = 36;
  /** Synthetic years averaged into the climatology. */
  public static final int YEARS = 10;
  /** The synthetic climate's noise seed. */
  public static final long SEED = 1995;

  private SdbmData() {}

  /** Writes the whole folder (see the class comment) and returns it. */
  public static Path prepare(Path out) throws IOException {
    return prepare(out, shipped("stations.csv"));
  }

  /** As {@link #prepare(Path)}, with another station list (same columns: station, sd_ppm). */
  public static Path prepare(Path out, Path stations) throws IOException {
    Path sdbm = Files.createDirectories(out.resolve("sdbm"));
    writeForcing(sdbm, Files.createDirectories(out.resolve("synth")));
    writeBands(sdbm.resolve("bands.csv"));
    if (!Files.exists(sdbm.resolve("stations.csv")) || !Files.isSameFile(stations, sdbm.resolve("stations.csv"))) {
      Files.copy(stations, sdbm.resolve("stations.csv"), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.copy(shipped("years.csv"), sdbm.resolve("years.csv"), StandardCopyOption.REPLACE_EXISTING);
    copyRealCo2(out);
    return out;
  }

  /**
   * A reduced folder for fast tests: as {@link #prepare(Path)}, but only {@code stations} (each with the sd of
   * data/sdbm/stations.csv) and, instead of the link, a copy of the real table's rows for those
   * stations in the years {@code firstYear..lastYear} (the window of years.csv and its neighbours).
   */
  public static Path prepareReduced(Path out, List<String> stations, int firstYear, int lastYear) throws IOException {
    List<String> selection = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(shipped("stations.csv"))) {
      if (selection.isEmpty() || stations.contains(line.split(",")[0])) {
        selection.add(line);
      }
    }
    Path list = Files.createDirectories(out.resolve("sdbm")).resolve("stations.csv");
    Files.write(list, selection);
    prepare(out, list);
    Path table = out.resolve("co2/stations_monthly.csv");
    List<String> rows = Files.readAllLines(table.toRealPath());
    List<String> header = List.of(rows.get(0).split(","));
    int cStation = header.indexOf("station");
    int cYear = header.indexOf("year");
    List<String> kept = new java.util.ArrayList<>(List.of(rows.get(0)));
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",", -1);
      int year = Integer.parseInt(f[cYear]);
      if (stations.contains(f[cStation]) && year >= firstYear && year <= lastYear) {
        kept.add(row);
      }
    }
    Files.delete(table);
    Files.write(table, kept);
    return out;
  }

  /** Generates the monthly synthetic climate and averages it per band and calendar month. */
  private static void writeForcing(Path sdbm, Path synth) throws IOException {
    Options options = new Options(new Grid.LatitudeBands(BANDS), 2000, YEARS, Options.TimeStep.MONTHLY, SEED);
    SyntheticClimate.Generated g = SyntheticClimate.generate(options, synth);
    List<String> lines = Files.readAllLines(g.climateFile());
    List<String> header = List.of(lines.get(0).split(","));
    int cTemp = header.indexOf("temp");
    int cPar = header.indexOf("par");
    int cFpar = header.indexOf("fpar");
    double[][][] sum = new double[BANDS][12][3];
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      int cell = Integer.parseInt(f[0]);
      int month = Integer.parseInt(f[1]) % 12; // the run starts in January
      sum[cell][month][0] += Double.parseDouble(f[cTemp]);
      sum[cell][month][1] += Double.parseDouble(f[cPar]);
      sum[cell][month][2] += Double.parseDouble(f[cFpar]);
    }
    StringBuilder s = new StringBuilder("band,month,temp,par,fpar\n");
    for (int b = 0; b < BANDS; b++) {
      for (int m = 0; m < 12; m++) {
        double[] v = sum[b][m];
        s.append(String.format(Locale.ROOT, "%d,%02d,%.6f,%.6f,%.6f%n", b, m + 1, v[0] / YEARS, v[1] / YEARS,
            v[2] / YEARS));
      }
    }
    Files.writeString(sdbm.resolve("forcing.csv"), s.toString());
  }

  /** Land fraction per band from the generator's 1° land mask. */
  private static void writeBands(Path file) throws IOException {
    double width = 180.0 / BANDS;
    double[] land = new double[BANDS];
    for (Grid.Cell c : new Grid.LatLonGrid(1.0).cells()) {
      land[(int) Math.floor((c.lat() + 90) / width)] += c.areaM2();
    }
    StringBuilder s = new StringBuilder("band,lat,land\n");
    List<Grid.Cell> bands = new Grid.LatitudeBands(BANDS).cells();
    for (int b = 0; b < BANDS; b++) {
      s.append(String.format(Locale.ROOT, "%d,%.2f,%.6f%n", b, bands.get(b).lat(), land[b] / bands.get(b).areaM2()));
    }
    Files.writeString(file, s.toString());
  }

  /**
   * A file of the checkout's {@code data/sdbm/}: the station and year lists, and the synthetic forcing and
   * bands this class writes, kept there so that {@code ./phloem fit models/sdbm/sdbm.phl} runs on a fresh
   * clone ({@code ShippedSdbmDataTest} checks they are what {@link #prepare} writes).
   */
  static Path shipped(String name) {
    return Repo.dataRoot(Repo.model("sdbm/sdbm.phl")).resolve("sdbm").resolve(name);
  }

  private static void copyRealCo2(Path out) throws IOException {
    Path real = Repo.dataRoot(Repo.model("sdbm/sdbm.phl")).resolve("co2/stations_monthly.csv");
    Path copy = Files.createDirectories(out.resolve("co2")).resolve("stations_monthly.csv");
    Files.copy(real, copy, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Writes the data folder named by the first argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: SdbmData OUT_DIR");
      System.exit(2);
    }
    Path out = prepare(Path.of(args[0]));
    System.out.println("wrote the SDBM data folder " + out.toAbsolutePath());
  }
}
