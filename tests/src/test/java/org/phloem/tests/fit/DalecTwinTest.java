package org.phloem.tests.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Main;
import org.phloem.runtime.CompiledModel;
import org.phloem.tests.support.CsvColumns;
import org.phloem.tests.support.Repo;

/**
 * The DALEC twin experiment (REFLEX protocol) as a user runs it: {@code phloem twin
 * models/dalec/twin.phl --truth-seed 2009 --noise-seed 1}. Synthetic NEE (on the 389 days of 2000-2001
 * with a measured NEE) and daily LAI (730 days) from a truth drawn from the priors, noise sds 0.5 and
 * 0.1, fitted from the prior means.
 *
 * <p>Checked: at least 9 of the 10 parameters have their truth within 2 posterior sds (for a Gaussian
 * posterior each does with probability 0.95, so 9 or 10 of 10 with probability 0.91), and J_min lies in
 * m/2 ± 3·√(m/2): 2·J_min is χ² with m degrees of freedom when the truth comes from the prior (m + n
 * squared residuals, n parameters fitted), so J_min has mean m/2 and sd √(m/2), and three sds is a
 * 0.3% false-alarm rate. The seeds were fixed before the first run. Independently of the twin code: the
 * number of observations from the data files, the "true" synthetic values against the model's own
 * outputs at the truth, and the noise against N(0, 1).
 */
class DalecTwinTest {
  private static final int TRUTH_SEED = 2009;
  private static final int NOISE_SEED = 1;
  private static final int ASSIMILATED_DAYS = 730;

  @TempDir static Path out;
  static Map<String, List<String>> parameters;
  static Map<String, List<String>> cost;

  @BeforeAll
  static void runTwin() throws Exception {
    int exit = Main.execute("twin", Repo.model("dalec/twin.phl").toString(), "--truth-seed", Integer.toString(TRUTH_SEED),
        "--noise-seed", Integer.toString(NOISE_SEED), "--out", out.toString(), "--data",
        Repo.dataRoot(Repo.model("dalec/twin.phl")).toString());
    assertEquals(0, exit, "phloem twin exit code");
    parameters = CsvColumns.read(out.resolve("twin_parameters.csv"));
    cost = CsvColumns.read(out.resolve("twin_cost.csv"));
  }

  @Test
  void truth_withinTwoPosteriorSds_forAtLeastNineOfTen() {
    List<String> names = parameters.get("name");
    assertEquals(List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10"), names);
    int within = 0;
    StringBuilder table = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      double error = Double.parseDouble(parameters.get("error_in_sd").get(i));
      within += error <= 2 ? 1 : 0;
      table.append(names.get(i)).append(": ").append(error).append('\n');
    }
    assertTrue(within >= 9, "truth within 2 posterior sd for " + within + " of 10:\n" + table);
  }

  @Test
  void costAtOptimum_withinThreeSdsOfHalfTheObservations() throws Exception {
    int m = Integer.parseInt(cost.get("observations").get(0));
    assertEquals(measuredNeeDays() + ASSIMILATED_DAYS, m, "NEE on its measured days plus LAI on every day, both before day 730");
    double jMin = Double.parseDouble(cost.get("j_min").get(0));
    double expected = m / 2.0;
    double sd = Math.sqrt(m / 2.0);
    assertTrue(Math.abs(jMin - expected) <= 3 * sd, String.format("J_min = %.2f, expected %.1f +- 3 * %.2f", jMin, expected, sd));
    assertTrue(cost.get("fit_status").get(0).startsWith("CONVERGED"), cost.get("fit_status").get(0));
  }

  @Test
  void syntheticValues_areTheModelAtTheTruthPlusStandardNormalNoise() throws Exception {
    CompiledModel model = Repo.load("dalec/twin.phl");
    double[] truth = parameters.get("truth").stream().mapToDouble(Double::parseDouble).toArray();
    model.cost(truth);
    double[] nee = model.output(model.info().outputIndex("nee"));
    double[] lai = model.output(model.info().outputIndex("lai"));
    List<Double> z = new ArrayList<>();
    z.addAll(standardizedNoise(CsvColumns.read(out.resolve("synthetic_nee_syn.csv")), "nee_syn", nee, 0.5));
    z.addAll(standardizedNoise(CsvColumns.read(out.resolve("synthetic_lai_syn.csv")), "lai_syn", lai, 0.1));
    int m = z.size();
    assertEquals(Integer.parseInt(cost.get("observations").get(0)), m);
    double mean = z.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double variance = z.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (m - 1);
    // Standard errors: 1/sqrt(m) for the mean, sqrt(2/m) for the variance; 4 of them.
    assertEquals(0, mean, 4 / Math.sqrt(m), "noise mean");
    assertEquals(1, variance, 4 * Math.sqrt(2.0 / m), "noise variance");
  }

  /** (synthetic − modelled)/sd on every synthetic element, checking the modelled column against the model's output. */
  private static List<Double> standardizedNoise(Map<String, List<String>> table, String input, double[] modelled, double sd) {
    List<Double> z = new ArrayList<>();
    List<String> days = table.get("day");
    for (int d = 0; d < days.size(); d++) {
      String value = table.get(input).get(d);
      if (value.isEmpty() || value.equals("NA")) {
        continue;
      }
      assertTrue(d < ASSIMILATED_DAYS, input + " has a synthetic value on held-out day " + days.get(d));
      double truthValue = Double.parseDouble(table.get(input + "_true").get(d));
      assertEquals(modelled[d], truthValue, 1e-12 * Math.max(1, Math.abs(modelled[d])), input + " true value, day " + days.get(d));
      assertEquals(sd, Double.parseDouble(table.get(input + "_sd").get(d)), 0.0);
      z.add((Double.parseDouble(value) - truthValue) / sd);
    }
    return z;
  }

  /** Days among the first 730 with a measured NEE in the observation table. */
  private static int measuredNeeDays() throws Exception {
    Map<String, List<String>> obs = CsvColumns.read(Repo.dataRoot(Repo.model("dalec/twin.phl")).resolve("dalec_oregon/observations.csv"));
    int n = 0;
    for (int r = 0; r < ASSIMILATED_DAYS; r++) {
      n += obs.get("nee").get(r).isEmpty() ? 0 : 1;
    }
    return n;
  }


  /**
   * README: over the truth/noise seed pairs 1/1 to 8/8 the count within 2 sds is 10, 9, 10, 10, 9, 10, 9, 9
   * (76 of 80), J_min inside the band each time and every fit CONVERGED. Eight twins: the long profile.
   */
  @Test
  @org.junit.jupiter.api.Tag("long")
  void seedsOneToEight_asTheReadmeCounts(@TempDir Path dir) throws Exception {
    int[] expected = {10, 9, 10, 10, 9, 10, 9, 9};
    for (int seed = 1; seed <= 8; seed++) {
      Path folder = dir.resolve("seed" + seed);
      assertEquals(0, Main.execute("twin", Repo.model("dalec/twin.phl").toString(), "--truth-seed", Integer.toString(seed), "--noise-seed",
          Integer.toString(seed), "--out", folder.toString(), "--data", Repo.dataRoot(Repo.model("dalec/twin.phl")).toString()), "seed " + seed);
      Map<String, List<String>> p = CsvColumns.read(folder.resolve("twin_parameters.csv"));
      Map<String, List<String>> c = CsvColumns.read(folder.resolve("twin_cost.csv"));
      long within = p.get("error_in_sd").stream().filter(e -> Double.parseDouble(e) <= 2).count();
      assertEquals(expected[seed - 1], within, "seed " + seed);
      int m = Integer.parseInt(c.get("observations").get(0));
      double jMin = Double.parseDouble(c.get("j_min").get(0));
      assertTrue(Math.abs(jMin - m / 2.0) <= 3 * Math.sqrt(m / 2.0), "seed " + seed + ": J_min " + jMin);
      assertTrue(c.get("fit_status").get(0).startsWith("CONVERGED"), "seed " + seed + ": " + c.get("fit_status").get(0));
    }
  }
}
