package org.phloem.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.tests.nist.NistHardModels;
import org.phloem.tests.support.Repo;

/**
 * Issue 10, item 1: every verdict other than CONVERGED has its own non-zero exit code, distinct from 1 (a
 * mistake in the model, data or settings), 2 (bad usage) and 3 (a bug). Each code is asserted on a real
 * {@code phloem fit} that ends that way, through the command line as a script sees it; the table in
 * docs/commands.md and the README's list must say the same ({@link #CODES} is written out here, not taken
 * from the code under test).
 */
class FitExitCodesTest {
  @TempDir Path dir;

  /** The documented contract. */
  static final Map<String, Integer> CODES = Map.of("STALLED", 10, "MAX_ITERATIONS", 11, "MAX_EVALUATIONS", 12, "SADDLE_POINT", 13,
      "UNDETERMINED", 14, "NON_FINITE_COST", 15, "NON_FINITE_GRADIENT", 16);

  /** {@code phloem fit MODEL --data DATA --no-plots --out DIR/out MORE...}. */
  private Captured fit(String out, Path model, Path data, String... more) {
    List<String> args = new ArrayList<>(List.of("fit", model.toString(), "--data", data.toString(), "--no-plots", "--out",
        dir.resolve(out).toString()));
    args.addAll(List.of(more));
    Captured r = Captured.run(args.toArray(String[]::new));
    assertTrue(!r.all().contains("\tat ") && !r.all().contains("Exception"), "no stack trace:\n" + r.all());
    return r;
  }

  private static void endsWith(String status, Captured r) {
    int code = CODES.get(status);
    assertEquals(code, r.exit(), r.all());
    assertTrue(r.out().contains("did not reach a verified minimum (" + status + "): exit " + code + "."), r.all());
  }

  @Test
  void stalled_isTen_mgh10FromNistStart1() {
    // J = 5.5e8 at NIST's start 1 (the optimum has J = 44): no step lowers the cost (NistHardProblemsTest)
    Path model = NistHardModels.folder().resolve("mgh10.phl");
    endsWith("STALLED", fit("mgh10", model, NistHardModels.dataRoot(), "--no-check"));
  }

  @Test
  void iterationLimit_isEleven_andAResumeThatStopsAgainToo() {
    Path model = Repo.model("nist/misra1a.phl");
    endsWith("MAX_ITERATIONS", fit("misra1a", model, Repo.dataRoot(model), "--method", "lbfgs", "--max-iter", "3"));
    Captured resumed = Captured.run("fit", model.toString(), "--data", Repo.dataRoot(model).toString(), "--no-plots", "--resume",
        dir.resolve("misra1a").toString(), "--max-iter", "5");
    endsWith("MAX_ITERATIONS", resumed);
    assertTrue(resumed.out().contains("Resuming the fit"), resumed.all());
  }

  @Test
  void evaluationLimit_isTwelve() {
    Path model = Repo.model("nist/misra1a.phl");
    endsWith("MAX_EVALUATIONS", fit("misra1a-evals", model, Repo.dataRoot(model), "--method", "lbfgs", "--max-evals", "4"));
  }

  @Test
  void saddlePoint_isThirteen_whenTheTrustRegionPhaseIsSkipped() throws Exception {
    // ½Σa² + ½(b² − 1)², started at its saddle (0, 0) with a zero gradient; with 201 slots (above the
    // trust-region phase's limit of 200) nothing follows the negative curvature, and the verdict says so
    Path model = Files.writeString(dir.resolve("saddle.phl"), """
        model saddle "a saddle at the start"
        dim k = 200
        param a[k] = 0
        param b = 0
        output r[k]
        output s
        for i in k {
          r[i] = a[i]
        }
        s = b * b - 1
        observe r[i] ~ normal(0, 1) for i in k
        observe s ~ normal(0, 1)
        """);
    endsWith("SADDLE_POINT", fit("saddle", model, dir));
  }

  @Test
  void undetermined_isFourteen_mgh17FromNistStart1_alsoAsTheBestOfSeveralStarts() {
    Path model = Repo.model("nist/mgh17.phl");
    endsWith("UNDETERMINED", fit("mgh17", model, Repo.dataRoot(model)));
    // no start of four reaches the optimum (models/nist/README.md); the best one reported is undetermined too
    endsWith("UNDETERMINED", fit("mgh17-starts", model, Repo.dataRoot(model), "--starts", "4", "--seed", "1", "--threads", "2"));
  }

  @Test
  void nonFiniteCost_isFifteen_andNonFiniteGradient_isSixteen() throws Exception {
    Path nan = Files.writeString(dir.resolve("nan_start.phl"), """
        model nan_start "the square root of a negative start"
        param b = -1
        output y
        y = sqrt(b)
        observe y ~ normal(1, 1)
        """);
    endsWith("NON_FINITE_COST", fit("nan", nan, dir, "--no-check"));
    Path steep = Files.writeString(dir.resolve("steep_start.phl"), """
        model steep_start "the square root at zero: a finite cost with an infinite slope"
        param b = 0
        output y
        y = sqrt(b)
        observe y ~ normal(1, 1)
        """);
    endsWith("NON_FINITE_GRADIENT", fit("steep", steep, dir, "--no-check"));
  }

  @Test
  void theDocsListTheSameCodes() throws Exception {
    String commands = Files.readString(Repo.root().resolve("docs/commands.md"));
    String readme = Files.readString(Repo.root().resolve("README.md"));
    CODES.forEach((status, code) -> {
      assertTrue(commands.contains("| " + code + " | `" + status + "` |"), "docs/commands.md's table row for " + status);
      assertTrue(readme.contains(code + " `" + status + "`"), "README's list for " + status);
    });
    assertTrue(Files.readString(Repo.root().resolve("docs/when-things-go-wrong.md")).contains("`10`–`16`"));
  }
}
