package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code phloem fit MODEL --starts N}: the optima printed and written, the best one reported, the same for any thread count. */
class MultiStartCommandTest {
  @TempDir Path dir;

  /** J(a) = ½((a² − 4)/0.1)² + ½(a − 2)² + ½((a + 0.3)/2)²: minima near +2 (J 0.661) and −2 (J 8.355); the prior mean −0.3 lies in the worse basin. */
  private Path twoWells() throws Exception {
    return Cli.write(dir, "twowells.phl", """
        model twowells "two minima: a^2 observed as 4 pins |a| = 2, a observed as 2 prefers +2"
        param a = -0.3 sd 2
        output sq
        output lin
        sq = a * a
        lin = a
        observe sq ~ normal(4, 0.1)
        observe lin ~ normal(2, 1)
        """);
  }

  private static Cli.Run fit(Path model, Path out, String... more) {
    String[] args = new String[6 + more.length];
    System.arraycopy(new String[] {"fit", model.toString(), "--data=" + Cli.data(), "--out", out.toString(), "--no-plots"}, 0, args, 0, 6);
    System.arraycopy(more, 0, args, 6, more.length);
    return Cli.run(args);
  }

  @Test
  void twoOptima_areBothReported_theBestIsTheResult_andTheDefaultStartIsWarnedAbout() throws Exception {
    Path out = dir.resolve("tw");
    Cli.Run r = fit(twoWells(), out, "--starts", "6", "--seed", "2");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("to 2 distinct optima"), r.out());
    assertTrue(r.out().contains("warning: the default start (start 0) converged to optimum 2"), r.out());
    List<String[]> optima = Cli.csv(out.resolve("optima.csv"));
    assertEquals(3, optima.size(), "header and two optima");
    double best = Double.parseDouble(optima.get(1)[5]);
    double other = Double.parseDouble(optima.get(2)[5]);
    assertEquals(2, best, 0.01);
    assertEquals(-2, other, 0.01);
    // the result reported in full is optimum 1
    assertEquals(best, Cli.cell(Cli.csv(out.resolve("parameters.csv")), "a", "posterior"), 0);
    List<String[]> starts = Cli.csv(out.resolve("starts.csv"));
    assertEquals(7, starts.size(), "header and six starts");
    assertEquals("-0.3", starts.get(1)[7], "start 0 is the prior mean");
    assertTrue(Files.readString(out.resolve("summary.txt")).startsWith("Multi-start: 6 starts"), "summary.txt opens with the optima");
    assertTrue(r.out().lines().filter(l -> l.matches("start +\\d+ .*of 6 done\\)")).count() == 6, "one progress line per start");
  }

  @Test
  void results_areTheSameWithOneThreadOrTwo() throws Exception {
    Path model = Cli.misra1a(dir);
    Path one = dir.resolve("one");
    Path two = dir.resolve("two");
    Cli.Run a = fit(model, one, "--starts", "5", "--seed", "11", "--threads", "1");
    Cli.Run b = fit(model, two, "--starts", "5", "--seed", "11", "--threads", "2");
    assertEquals(a.exit(), b.exit(), a.all() + b.all());
    for (String f : List.of("starts.csv", "optima.csv", "parameters.csv", "iterations.csv")) {
      assertEquals(Files.readString(one.resolve(f)), Files.readString(two.resolve(f)), f);
    }
  }

  @Test
  void misra1a_reachesTheCertifiedOptimumFromTheDefaultStart() throws Exception {
    Path out = dir.resolve("m");
    Cli.Run r = fit(Cli.misra1a(dir), out, "--starts", "4", "--seed", "5");
    assertEquals(0, r.exit(), r.all());
    assertTrue(!r.out().contains("warning: the default start"), r.out());
    List<String[]> optima = Cli.csv(out.resolve("optima.csv"));
    // NIST's certified residual sum of squares of Misra1a, 1.2455138894E-01, is 2J
    assertEquals(0.12455138894 / 2, Double.parseDouble(optima.get(1)[1]), 1e-9);
    assertTrue(optima.get(1)[3].startsWith("0"), "start 0 reached optimum 1: " + String.join(",", optima.get(1)));
    assertTrue(Files.exists(out.resolve(SavedFit.FILE)), "the reported start's state, for --resume");
  }

  @Test
  void eachStartsEnd_isWrittenAsAStartFile_thatContinuesAtItsEnd() throws Exception {
    Path model = twoWells();
    Path out = dir.resolve("ends");
    Cli.Run r = fit(model, out, "--starts", "6", "--seed", "2");
    assertEquals(0, r.exit(), r.all());
    List<String[]> starts = Cli.csv(out.resolve("starts.csv"));
    int endColumn = java.util.Arrays.asList(starts.get(0)).indexOf("end_a");
    for (int k = 0; k < 6; k++) {
      Path file = StartEnds.file(out, k);
      assertTrue(Files.exists(file), file + "\n" + r.out());
      List<String[]> rows = Cli.csv(file);
      assertEquals(List.of("name", "value", "status", "cost"), List.of(rows.get(0)));
      assertEquals(Double.parseDouble(starts.get(k + 1)[endColumn]), Cli.cell(rows, "a", "value"), 0, "start " + k + "'s end");
    }
    // a start file is a --start file: the fit from start 1's end converges there at once
    Cli.Run again = fit(model, dir.resolve("again"), "--start", StartEnds.file(out, 1).toString());
    assertEquals(0, again.exit(), again.all());
    assertEquals(Cli.cell(Cli.csv(StartEnds.file(out, 1)), "a", "value"),
        Cli.cell(Cli.csv(dir.resolve("again").resolve("parameters.csv")), "a", "posterior"), 1e-9);
  }

  @Test
  void usageMistakes_areRefused() throws Exception {
    Path model = Cli.misra1a(dir);
    assertEquals(2, fit(model, dir.resolve("a"), "--starts", "0").exit());
    assertEquals(2, fit(model, dir.resolve("b"), "--seed", "3").exit(), "--seed without --starts");
    assertEquals(2, fit(model, dir.resolve("c"), "--starts", "3", "--threads", "0").exit());
  }
}
