package org.phloem.tests.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Main;
import org.phloem.tests.support.CsvColumns;

/**
 * {@code phloem sample} end to end on a model whose posterior is known exactly: a straight line
 * y = a + b·x with Gaussian priors and known noise (the posterior of (a, b) is Gaussian with
 * precision Λ₀ + XᵀX/σ², computed here by hand), plus two parameters no observation sees, whose
 * posterior is therefore their prior: {@code s} bounded to [0, 1] with prior N(0.5, 0.2) (a normal
 * truncated at ±2.5 sd: mean 0.5, sd 0.19092) and {@code k} on a log scale with prior mean 2 and sd 0.5
 * (ln k ~ N(ln 2, 0.25²): mean of k = 2·exp(0.25²/2) = 2.06349). The last two test the bound and log
 * transforms and their Jacobians. Sampled means and sds must match within 4.5 Monte-Carlo standard
 * errors (from the reported ESS). Also checked: the files and their columns, exit 0, and the same
 * draws for the same seed.
 */
class SampleCommandTest {
  private static final double[] X = {0, 1, 2, 3, 4, 5, 6, 7};
  private static final double[] Y = {1.2, 1.9, 3.1, 3.4, 5.2, 5.8, 7.1, 7.6};
  private static final double NOISE = 0.5;

  @TempDir static Path folder;
  static Path out;
  static int exit;

  @BeforeAll
  static void sample() throws Exception {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int i = 0; i < X.length; i++) {
      csv.append(X[i]).append(',').append(Y[i]).append('\n');
    }
    Files.writeString(folder.resolve("line.csv"), csv);
    Files.writeString(folder.resolve("line.phl"), String.join("\n",
        "model line \"a straight line with two parameters the data do not see\"",
        "data \"line.csv\"",
        "dim obs",
        "input x[obs]",
        "input y[obs]",
        "param a = 1 sd 2",
        "param b = 0 sd 1",
        "param s = 0.5 sd 0.2 in [0, 1]",
        "param k = 2 sd 0.5 log",
        "output fit[obs]",
        "output unseen",
        "for i in obs {",
        "  fit[i] = a + b * x[i]",
        "}",
        "unseen = s * k",
        "observe fit[i] ~ normal(y[i], " + NOISE + ") for i in obs",
        ""));
    out = folder.resolve("out");
    exit = Main.execute("sample", folder.resolve("line.phl").toString(), "--data", folder.toString(), "--out", out.toString(),
        "--chains", "4", "--draws", "1000", "--warmup", "500", "--seed", "5", "--no-plots");
  }


  private static double[] row(Map<String, List<String>> summary, String name) {
    int i = summary.get("name").indexOf(name);
    return new double[] {Double.parseDouble(summary.get("mean").get(i)), Double.parseDouble(summary.get("sd").get(i)),
        Double.parseDouble(summary.get("ess_bulk").get(i))};
  }

  private static void assertMoments(Map<String, List<String>> summary, String name, double mean, double sd) {
    double[] r = row(summary, name);
    double ess = r[2];
    assertTrue(ess > 400, name + ": bulk ESS " + ess);
    assertEquals(mean, r[0], 4.5 * sd / Math.sqrt(ess), name + " mean");
    assertEquals(sd, r[1], 4.5 * sd / Math.sqrt(2 * ess), name + " sd");
  }

  @Test
  void theSampledPosteriorIsTheExactOne() throws Exception {
    assertEquals(0, exit, "exit code");
    Map<String, List<String>> summary = CsvColumns.read(out.resolve("summary.csv"));
    // posterior precision of (a, b): prior precision diag(1/4, 1) + XᵀX/σ²
    double w = 1 / (NOISE * NOISE);
    double sx = 0;
    double sxx = 0;
    double sy = 0;
    double sxy = 0;
    for (int i = 0; i < X.length; i++) {
      sx += X[i];
      sxx += X[i] * X[i];
      sy += Y[i];
      sxy += X[i] * Y[i];
    }
    double p11 = 0.25 + w * X.length;
    double p12 = w * sx;
    double p22 = 1 + w * sxx;
    double r1 = 0.25 * 1 + w * sy;
    double r2 = w * sxy;
    double det = p11 * p22 - p12 * p12;
    double meanA = (p22 * r1 - p12 * r2) / det;
    double meanB = (p11 * r2 - p12 * r1) / det;
    assertMoments(summary, "a", meanA, Math.sqrt(p22 / det));
    assertMoments(summary, "b", meanB, Math.sqrt(p11 / det));
    assertMoments(summary, "s", 0.5, 0.19092);
    double sdLog = 0.25;
    assertMoments(summary, "k", 2 * Math.exp(sdLog * sdLog / 2), 2 * Math.sqrt((Math.exp(sdLog * sdLog) - 1) * Math.exp(sdLog * sdLog)));
    for (String r : summary.get("rhat")) {
      assertTrue(Double.parseDouble(r) < 1.01, "R-hat " + r);
    }
  }

  @Test
  void theFilesHaveTheDocumentedColumns() throws Exception {
    assertEquals("chain,draw,a,b,s,k", Files.readAllLines(out.resolve("draws.csv")).get(0));
    assertEquals(4001, Files.readAllLines(out.resolve("draws.csv")).size());
    assertEquals("name,mean,sd,q5,q50,q95,rhat,ess_bulk,ess_tail", Files.readAllLines(out.resolve("summary.csv")).get(0));
    assertEquals("name,laplace_mode,laplace_sd,sampled_mean,sampled_sd,sd_ratio", Files.readAllLines(out.resolve("laplace.csv")).get(0));
    Map<String, List<String>> outputs = CsvColumns.read(out.resolve("output_quantiles.csv"));
    assertEquals(X.length + 1, outputs.get("output").size());
    // every kept draw of s lies inside its bounds
    Map<String, List<String>> draws = CsvColumns.read(out.resolve("draws.csv"));
    for (String v : draws.get("s")) {
      double s = Double.parseDouble(v);
      assertTrue(s > 0 && s < 1, "s = " + s);
    }
    assertTrue(Files.exists(out.resolve("chain-4.state")));
  }

  @Test
  void aSecondRunIntoTheSameFolderIsRefusedAndTheSameSeedGivesTheSameDraws() throws Exception {
    int again = Main.execute("sample", folder.resolve("line.phl").toString(), "--data", folder.toString(), "--out", out.toString(),
        "--chains", "4", "--draws", "1000", "--warmup", "500", "--seed", "5", "--no-plots");
    assertEquals(1, again, "a saved run is not silently replaced");
    Path second = folder.resolve("second");
    assertEquals(0, Main.execute("sample", folder.resolve("line.phl").toString(), "--data", folder.toString(), "--out", second.toString(),
        "--chains", "4", "--draws", "1000", "--warmup", "500", "--seed", "5", "--no-plots", "--no-laplace", "--threads", "1",
        "--outputs", "draws", "--output-draws", "300"));
    assertEquals(Files.readString(out.resolve("draws.csv")), Files.readString(second.resolve("draws.csv")),
        "same seed and chains, other thread count: same draws");
    outputDrawsAreTheModelAtTheirDraws(second);
  }

  /** output_draws.csv: 300 rows, each joined by (chain, draw) to draws.csv, holding fit = a + b·x and unseen = s·k there. */
  private static void outputDrawsAreTheModelAtTheirDraws(Path run) throws Exception {
    List<String> lines = Files.readAllLines(run.resolve("output_draws.csv"));
    String[] header = lines.get(0).split(",");
    assertEquals("chain", header[0]);
    assertEquals("draw", header[1]);
    assertEquals(2 + X.length + 1, header.length, lines.get(0));
    assertTrue(header[2].startsWith("fit[") && header[header.length - 1].equals("unseen"), lines.get(0));
    assertEquals(301, lines.size(), "one row per draw used (--output-draws 300)");
    Map<String, List<String>> draws = CsvColumns.read(run.resolve("draws.csv"));
    java.util.Set<String> distinct = new java.util.HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] v = line.split(",");
      assertTrue(distinct.add(v[0] + "/" + v[1]), "a draw used twice: " + line);
      int row = -1;
      for (int i = 0; i < draws.get("chain").size(); i++) {
        if (draws.get("chain").get(i).equals(v[0]) && draws.get("draw").get(i).equals(v[1])) {
          row = i;
        }
      }
      assertTrue(row >= 0, "no such draw in draws.csv: " + line);
      double a = Double.parseDouble(draws.get("a").get(row));
      double b = Double.parseDouble(draws.get("b").get(row));
      for (int i = 0; i < X.length; i++) {
        assertEquals(a + b * X[i], Double.parseDouble(v[2 + i]), 1e-9 * (1 + Math.abs(a + b * X[i])), line);
      }
      double sk = Double.parseDouble(draws.get("s").get(row)) * Double.parseDouble(draws.get("k").get(row));
      assertEquals(sk, Double.parseDouble(v[2 + X.length]), 1e-9 * (1 + sk), line);
    }
    assertTrue(distinct.stream().map(k -> k.split("/")[0]).distinct().count() == 4, "draws from every chain");
  }
}
