package org.phloem.tests.scalebench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.phloem.compiler.driver.Compilation;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.synth.Options;
import org.phloem.runtime.synth.SyntheticClimate;

/**
 * The small sample of {@code models/bethy_lite/bethy_lite.phl}'s data the checkout ships in
 * {@code data/bethy_lite/}, so that the model runs and fits on a fresh clone: the synthetic climate on a
 * {@link #RESOLUTION}° grid for {@link #YEARS} years ({@link SyntheticClimate#generate}: {@code climate.csv},
 * {@code time.csv}, {@code cells.csv}) and the noise-free twin's observations at
 * {@link GlobalBethyLite#truth} ({@code observations.csv}), the same numbers the scale benchmarks bind
 * in memory. {@code ShippedBethyLiteSampleTest} checks the shipped files are what this writes.
 * <pre>
 * java -cp "tests/target/test-classes:compiler/target/compiler-0.1.0-SNAPSHOT.jar:compiler/target/lib/*" \
 *     org.phloem.tests.scalebench.BethyLiteSample data
 * </pre>
 */
public final class BethyLiteSample {
  /** Grid spacing, degrees: 30° keeps the sample small (its land cells only). */
  static final double RESOLUTION = 30;
  /** Years from {@link GlobalBethyLite#FIRST_YEAR}: the model needs at least 365 days (1980 has 366). */
  static final int YEARS = 1;

  private BethyLiteSample() {}

  /** Writes {@code root/bethy_lite/}: the climate tables and the twin's observations. */
  public static Path write(Path root) throws Exception {
    Options options = GlobalBethyLite.options(RESOLUTION, YEARS, 1);
    Path folder = root.resolve("bethy_lite");
    SyntheticClimate.generate(options, folder);
    int days = SyntheticClimate.daysOfYear(options).length;
    Compilation c = GlobalBethyLite.compile();
    List<Map<String, double[]>> forcing = GlobalBethyLite.forcing(options, Integer.MAX_VALUE);
    CompiledModel twin = GlobalBethyLite.bind(c, forcing, days).get(0);
    writeObservations(folder.resolve("observations.csv"), observed(twin, "gpp_obs"), observed(twin, "nee_obs"));
    return folder;
  }

  private static void writeObservations(Path file, double[] gpp, double[] nee) throws IOException {
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write("cell,gpp_mean,nee_mean\n");
      for (int k = 0; k < gpp.length; k++) {
        w.write(k + "," + gpp[k] + "," + nee[k] + "\n");
      }
    }
  }

  private static double[] observed(CompiledModel m, String input) {
    return ((GeneratedModel) m).data().inputs().get(input);
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: BethyLiteSample DATA_ROOT");
      System.exit(2);
    }
    System.out.println("wrote " + write(Path.of(args[0])).toAbsolutePath());
  }
}
