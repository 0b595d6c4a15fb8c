package org.phloem.tests.sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.phloem.compiler.driver.Main;
import org.phloem.tests.support.Repo;

/**
 * {@code phloem sample} runs on every shipped model that has parameters and observations, on a short
 * setting (2 chains of 40 warm-up and 40 draws): it ends with exit 0 or 1 (diagnostics may well
 * complain on so few draws) and writes its draws and summary, never an internal error. Long profile:
 * the BETHY and global models take minutes even on this setting. Every model reads the checkout's data
 * (the synthetic forcing of the SDBM and BETHY-lite and the flux inversion's twin targets are shipped in data/).
 */
@Tag("long")
class EveryModelSampleTest {

  static Stream<Path> models() throws Exception {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Repo.root().resolve("models"))) {
      files.filter(p -> p.toString().endsWith(".phl")).sorted().forEach(p -> {
        try {
          String text = Files.readString(p);
          if (text.contains("\nmodel ") || text.startsWith("model ") || text.contains("\nmodel")) {
            if (text.contains("observe ") && text.contains("param ")) {
              out.add(p);
            }
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("models")
  void samplesOnAShortSetting(Path model) throws Exception {
    String file = model.getFileName().toString();
    Assumptions.assumeFalse(file.equals("ccdas.phl") || file.equals("ccdas_fixed_co2.phl"),
        file + ": the 1980-2003 experiment is sampled through its short variant ccdas_short.phl");
    Path out = Files.createTempDirectory("phloem-sample-every");
    Path data = Repo.dataRoot(model);
    int exit = Main.execute("sample", model.toString(), "--chains", "2", "--warmup", "40", "--draws", "40", "--seed", "1", "--out",
        out.resolve("s").toString(), "--data", data.toString(), "--no-plots", "--no-laplace", "--outputs", "none");
    assertTrue(exit == 0 || exit == 1, model + ": exit " + exit);
    assertTrue(Files.exists(out.resolve("s/draws.csv")) && Files.exists(out.resolve("s/summary.csv")), model + ": files written");
  }
}
