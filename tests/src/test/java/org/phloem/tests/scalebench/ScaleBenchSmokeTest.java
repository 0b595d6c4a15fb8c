package org.phloem.tests.scalebench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Compilation;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.TapeBudget;
import org.phloem.runtime.parallel.SiteSum;
import org.phloem.runtime.synth.Options;
import org.phloem.runtime.synth.SyntheticClimate;
import org.phloem.tests.support.Repo;

/**
 * The scale benchmarks at tiny sizes, in the default suite: the hourly forcing keeps the daily table's
 * means; the hourly BETHY gradient is the same with and without checkpointing, matches finite
 * differences, and checkpointing shrinks its tape; BETHY-lite bound in memory equals BETHY-lite bound
 * from the generator's CSV tables, and its block sum is the same on 1 and 2 threads; and both benchmark
 * programs run in a child JVM and report what {@link ScaleBenchmarks} reads.
 */
class ScaleBenchSmokeTest {
  @TempDir Path dir;

  @Test
  void hourlyForcing_averagesToTheDailyTable() throws Exception {
    HourlyForcing.write(dir, 1);
    List<String> rows = Files.readAllLines(dir.resolve("bethy_hourly/hourly.csv"));
    assertEquals(1 + 365 * 24, rows.size());
    var source = HourlyForcing.readSource(Repo.dataRoot(Repo.model("bethy/hyytiala.phl")).resolve("fi_hyy/daily_2000_2010.csv"));
    for (int day : new int[] {0, 100, 172, 300, 364}) {
      double par = 0;
      double tair = 0;
      for (int h = 0; h < 24; h++) {
        String[] f = rows.get(1 + day * 24 + h).split(",", -1);
        assertEquals(h, Integer.parseInt(f[2]), "hour of day");
        assertEquals(h == 23, !f[7].isEmpty(), "the day's NEE only in its last hour");
        par += Double.parseDouble(f[3]) / 24;
        tair += Double.parseDouble(f[4]) / 24;
      }
      HourlyForcing.Day d = source.get(2000 * 1000L + day + 1);
      assertEquals(d.par(), par, 1e-9 * Math.max(1, d.par()), "daily mean PAR, day " + day);
      assertEquals(d.tair(), tair, 1e-9, "daily mean temperature, day " + day);
      assertEquals(d.nee(), Double.parseDouble(rows.get(1 + day * 24 + 23).split(",", -1)[7]), 0.0);
    }
  }

  @Test
  void hourlyBethy_checkpointedGradientEqualsPlain_matchesDifferences_andKeepsTheTapeSmall() throws Exception {
    GeneratedModel model = HourlyBethy.load(HourlyBethy.compile(), dir, 2);
    double perHour = model.plainTapeBytes() / 17_520;
    assertTrue(perHour * 219_000 > TapeBudget.DEFAULT_BYTES, "25 years of hours exceed the default tape budget: "
        + perHour + " bytes per hour");
    assertFalse(model.checkpointing(), "2 years of hours (" + model.plainTapeBytes() + " bytes of tape) fit the default budget");
    model.setTapeBudget(1 << 20);
    assertTrue(model.checkpointing(), "above a budget of 1 MiB: checkpointed automatically");
    double[] p = model.info().priorMeans();
    double[] gc = new double[p.length];
    double jc = model.gradient(p, gc);
    long checkpointedTape = model.tape().peakBytes();
    GeneratedModel plain = (GeneratedModel) model.copy();
    plain.setCheckpointing(false);
    double[] g = new double[p.length];
    assertEquals(plain.gradient(p, g), jc, 0.0);
    // the binomial schedule reverses every hour right after recording it, last first, as the plain
    // adjoint does: the same operations in the same order, so the same bits
    assertArrayEquals(g, gc, "checkpointed gradient");
    // snapshots and one leaf's tape within the budget; a little more is recorded outside the hour loop
    assertTrue(checkpointedTape <= (1 << 20) + 4096 && checkpointedTape * 4 < plain.tape().peakBytes(),
        "tape " + checkpointedTape + " vs budget " + (1 << 20) + " and plain " + plain.tape().peakBytes());
    // central differences on the slots the site uses (vm[4], fautleaf, q10f, kappa, beta[4])
    for (String name : List.of("vm", "fautleaf", "q10f", "kappa", "beta")) {
      var param = model.info().params().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
      int slot = param.offset() + (param.size() > 1 ? 4 : 0);
      double h = 1e-5 * Math.abs(p[slot]);
      double[] q = p.clone();
      q[slot] = p[slot] + h;
      double up = model.cost(q);
      q[slot] = p[slot] - h;
      double down = model.cost(q);
      double fd = (up - down) / (2 * h);
      assertEquals(fd, gc[slot], 1e-5 * Math.max(Math.abs(fd), 1e-3), name);
    }
  }

  /**
   * The global daily run over 25 years (9,132 days) in blocks of 50 cells: each block's plain tape
   * would be about 48 MB (6 GB over the 90 blocks, every instance keeping its own), over the default
   * tape budget, so each block is checkpointed by default. Measured on a one-year block (the tape is
   * linear in the days and in the cells).
   */
  @Test
  void bethyLite_aFiftyCellBlockOver25Years_isCheckpointedByDefault() throws Exception {
    Options o = GlobalBethyLite.options(30, 1, 2);
    int days = SyntheticClimate.daysOfYear(o).length;
    List<Map<String, double[]>> forcing = GlobalBethyLite.forcing(o, 1000);
    GeneratedModel year = (GeneratedModel) GlobalBethyLite.bind(GlobalBethyLite.compile(), forcing, days).get(0);
    int cells = forcing.get(0).get("temp").length / days;
    double perCellDay = year.plainTapeBytes() / ((double) cells * days);
    assertTrue(perCellDay * 50 * 9_132 > TapeBudget.DEFAULT_BYTES, perCellDay + " bytes per cell-day");
    assertFalse(year.checkpointing(), "one year of " + cells + " cells fits the budget");
    double[] p = GlobalBethyLiteTestPoints.nearPrior(year);
    year.gradient(p, new double[p.length]);
    assertTrue(year.tape().peakBytes() >= year.plainTapeBytes() * 0.9 && year.tape().peakBytes() <= year.plainTapeBytes() * 1.1,
        "estimate " + year.plainTapeBytes() + " vs recorded " + year.tape().peakBytes() + " bytes");
  }

  @Test
  void bethyLite_boundInMemory_equalsBoundFromTheGeneratorsTables() throws Exception {
    Compilation c = GlobalBethyLite.compile();
    Options o = GlobalBethyLite.options(BethyLiteSample.RESOLUTION, BethyLiteSample.YEARS, 2);
    int days = SyntheticClimate.daysOfYear(o).length;
    CompiledModel memory = GlobalBethyLite.bind(c, GlobalBethyLite.forcing(o, 1000), days).get(0);
    // the same run from files: the generator's climate.csv and the twin's observations written out (as the
    // shipped sample is, on one thread)
    Path root = dir.resolve("root");
    BethyLiteSample.write(root);
    CompiledModel files = c.bind(root);
    double[] p = GlobalBethyLiteTestPoints.nearPrior(memory);
    double[] gm = new double[p.length];
    double[] gf = new double[p.length];
    assertEquals(Double.doubleToRawLongBits(memory.gradient(p, gm)), Double.doubleToRawLongBits(files.gradient(p, gf)), "cost bits");
    for (int k = 0; k < p.length; k++) {
      assertEquals(Double.doubleToRawLongBits(gm[k]), Double.doubleToRawLongBits(gf[k]), "gradient slot " + k);
    }
    assertTrue(memory.cost(p) > 0, "the point is off the twin's truth");
  }

  @Test
  void bethyLite_blockSum_isThreadIndependent_andEqualsOneBlock() throws Exception {
    Compilation c = GlobalBethyLite.compile();
    Options o = GlobalBethyLite.options(30, 1, 2);
    int days = SyntheticClimate.daysOfYear(o).length;
    List<CompiledModel> blocks = GlobalBethyLite.bind(c, GlobalBethyLite.forcing(o, 6), days);
    CompiledModel whole = GlobalBethyLite.bind(c, GlobalBethyLite.forcing(o, 1000), days).get(0);
    assertEquals(4, blocks.size(), "20 cells in blocks of 6");
    double[] p = GlobalBethyLiteTestPoints.nearPrior(whole);
    double[][] g = new double[3][p.length];
    double[] j = new double[3];
    j[0] = whole.gradient(p, g[0]);
    for (int t = 1; t <= 2; t++) {
      j[t] = SiteSum.of(blocks, GlobalBethyLite.blockLabels(blocks.size()), t).gradient(p, g[t]);
    }
    assertEquals(Double.doubleToRawLongBits(j[1]), Double.doubleToRawLongBits(j[2]), "cost bits, 1 vs 2 threads");
    assertEquals(j[0], j[1], 1e-12 * j[0], "blocks vs one block");
    for (int k = 0; k < p.length; k++) {
      assertEquals(Double.doubleToRawLongBits(g[1][k]), Double.doubleToRawLongBits(g[2][k]), "slot " + k + " bits");
      assertEquals(g[0][k], g[1][k], 1e-10 * Math.abs(g[0][k]), "slot " + k);
    }
  }

  @Test
  void benchmarkPrograms_runInAChildJvm_andReport() throws Exception {
    ChildJvm.Run hourly = ChildJvm.run(HourlyBethyBench.class, 256,
        List.of("--years", "1", "--reps", "1", "--data", dir.resolve("h").toString()), false);
    assertEquals(0, hourly.exitCode(), () -> String.join("\n", hourly.output()));
    assertEquals("8760", hourly.first("setup").get("steps"));
    assertEquals(2, hourly.all("gradient").size());
    assertNotNull(hourly.first("heap"));

    ChildJvm.Run global = ChildJvm.run(GlobalBethyLiteBench.class, 256,
        List.of("--resolution", "30", "--years", "1", "--block", "5", "--rounds", "1", "--warmup", "0"), false);
    assertEquals(0, global.exitCode(), () -> String.join("\n", global.output()));
    assertEquals("20", global.first("setup").get("cells"));
    List<Map<String, String>> runs = global.all("run");
    assertEquals(List.of("1", "2"), new ArrayList<>(runs.stream().map(r -> r.get("threads")).toList()));
    runs.forEach(r -> assertEquals("true", r.get("same_gradient_bits"), "2 threads give the 1-thread gradient bit for bit"));
    assertFalse(global.outOfMemory());
  }
}
