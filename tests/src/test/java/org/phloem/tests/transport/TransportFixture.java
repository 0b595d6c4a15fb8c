package org.phloem.tests.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.tests.support.Repo;

/**
 * A small data folder for {@code models/transport/flux_inversion.phl}: a station table with a handful of
 * latitudes (written in the long format of {@code tidy/co2/stations_monthly.csv}, one row per station) and
 * a target table, so that one compilation can be re-bound cheaply with different targets.
 */
final class TransportFixture {
  /** Station latitudes spanning both poles, the tropics and points between band centres. */
  static final double[] LATITUDES = {-90, -41.4, -14.25, 1.7, 19.53, 36.53, 71.32, 82.5};
  static final int BANDS = 36;
  static final int MONTHS = 12;

  private final Path root;
  private final Compilation compilation;

  TransportFixture(Path root) throws Exception {
    this.root = root;
    Files.createDirectories(root.resolve("co2"));
    Files.createDirectories(root.resolve("transport"));
    StringBuilder s = new StringBuilder("station,lat,year,month,co2\n");
    for (int i = 0; i < LATITUDES.length; i++) {
      s.append(String.format(Locale.ROOT, "st%d,%s,2000,01,370%n", i, LATITUDES[i]));
    }
    Files.writeString(root.resolve("co2/stations_monthly.csv"), s.toString());
    compilation = Pipeline.compile(Repo.model("transport/flux_inversion.phl"), true);
  }

  /** Binds the model with the given targets ({@code [station][month]}, NaN = not observed). */
  CompiledModel bind(double[][] target) throws Exception {
    writeTargets(target);
    return compilation.bind(root);
  }

  private void writeTargets(double[][] target) throws IOException {
    StringBuilder s = new StringBuilder("station,month,co2\n");
    for (int i = 0; i < target.length; i++) {
      for (int m = 0; m < MONTHS; m++) {
        // Every month gets a row (blank when not observed): the month labels come from the table.
        String value = Double.isNaN(target[i][m]) ? "" : String.format(Locale.ROOT, "%.17g", target[i][m]);
        s.append(String.format(Locale.ROOT, "st%d,%02d,%s%n", i, m + 1, value));
      }
    }
    Files.writeString(root.resolve("transport/targets.csv"), s.toString());
  }

  /** A target table with nothing observed but one element. */
  static double[][] only(int station, int month, double value) {
    double[][] t = new double[LATITUDES.length][MONTHS];
    for (double[] row : t) {
      java.util.Arrays.fill(row, Double.NaN);
    }
    t[station][month] = value;
    return t;
  }
}
