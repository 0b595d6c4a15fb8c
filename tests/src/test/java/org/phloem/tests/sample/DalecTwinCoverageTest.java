package org.phloem.tests.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Main;
import org.phloem.tests.support.CsvColumns;
import org.phloem.tests.support.Repo;

/**
 * Coverage of the sampled posterior in DALEC twin experiments: {@code phloem twin models/dalec/twin.phl}
 * makes synthetic NEE and LAI from a truth drawn from the priors; the same model, reading those
 * synthetic tables, is sampled with {@code phloem sample}; each parameter's truth should fall in its
 * sampled 90 % interval (q5, q95) with probability 0.9. Over three twins (30 parameter truths) the
 * count covered is Binomial(30, 0.9) for a calibrated posterior: at least 23 with probability 0.99
 * (P(X ≤ 22) = 0.0078), so fewer says the intervals are too narrow. Slow (three DALEC samplings):
 * long profile.
 */
@Tag("long")
class DalecTwinCoverageTest {
  private static final int[] TRUTH_SEEDS = {2009, 11, 12};

  @TempDir Path folder;


  @Test
  void sampledNinetyPercentIntervalsCoverTheTruthAtTheExpectedRate() throws Exception {
    Path data = folder.resolve("data");
    Files.createDirectories(data.resolve("dalec_oregon"));
    Path dataRoot = Repo.dataRoot(Repo.model("dalec/twin.phl"));
    Files.copy(dataRoot.resolve("dalec_oregon/drivers.csv"), data.resolve("dalec_oregon/drivers.csv"));
    Path models = folder.resolve("models");
    Files.createDirectories(models);
    Files.copy(Repo.model("dalec/dalec_core.phl"), models.resolve("dalec_core.phl"));
    int covered = 0;
    StringBuilder table = new StringBuilder();
    for (int seed : TRUTH_SEEDS) {
      Path twin = folder.resolve("twin-" + seed);
      assertEquals(0, Main.execute("twin", Repo.model("dalec/twin.phl").toString(), "--truth-seed", Integer.toString(seed),
          "--noise-seed", "1", "--out", twin.toString(), "--data", dataRoot.toString()));
      Path tables = data.resolve("twin" + seed);
      Files.createDirectories(tables);
      Files.copy(twin.resolve("synthetic_nee_syn.csv"), tables.resolve("nee.csv"));
      Files.copy(twin.resolve("synthetic_lai_syn.csv"), tables.resolve("lai.csv"));
      Path model = models.resolve("twin" + seed + ".phl");
      Files.writeString(model, String.join("\n",
          "model dalec_twin_sample \"DALEC sampled against the synthetic twin observations\"",
          "data \"dalec_oregon/drivers.csv\"",
          // table names other than the model's outputs nee and lai
          "data syn_nee = \"twin" + seed + "/nee.csv\"",
          "data syn_lai = \"twin" + seed + "/lai.csv\"",
          "include \"dalec_core.phl\"",
          "input nee_syn[day] = syn_nee.nee_syn missing unit gC/m2/day",
          "input lai_syn[day] = syn_lai.lai_syn missing",
          "observe nee[d] ~ normal(nee_syn[d], 0.5) for d in day if d < 730",
          "observe lai[d] ~ normal(lai_syn[d], 0.1) for d in day if d < 730",
          ""));
      Path out = folder.resolve("sample-" + seed);
      int exit = Main.execute("sample", model.toString(), "--data", data.toString(), "--out", out.toString(), "--chains", "4",
          "--warmup", "500", "--draws", "500", "--seed", Integer.toString(seed), "--no-plots", "--no-laplace", "--outputs", "none");
      assertTrue(exit == 0 || exit == 1, "sample exit " + exit);
      Map<String, List<String>> truth = CsvColumns.read(twin.resolve("twin_parameters.csv"));
      Map<String, List<String>> summary = CsvColumns.read(out.resolve("summary.csv"));
      for (int i = 0; i < summary.get("name").size(); i++) {
        String name = summary.get("name").get(i);
        double t = Double.parseDouble(truth.get("truth").get(truth.get("name").indexOf(name)));
        double q5 = Double.parseDouble(summary.get("q5").get(i));
        double q95 = Double.parseDouble(summary.get("q95").get(i));
        boolean in = t >= q5 && t <= q95;
        covered += in ? 1 : 0;
        table.append(String.format("twin %d %s: truth %.4g in [%.4g, %.4g]: %s, R-hat %s%n", seed, name, t, q5, q95, in,
            summary.get("rhat").get(i)));
      }
    }
    System.out.print(table);
    assertTrue(covered >= 23, covered + " of 30 truths inside their 90 % intervals:\n" + table);
  }
}
