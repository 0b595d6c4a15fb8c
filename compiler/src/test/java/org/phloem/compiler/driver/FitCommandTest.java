package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.runtime.fit.IterationRecord;

/**
 * {@code phloem fit}: against NIST's certified Misra1a values and sds, against the closed-form
 * posterior of a linear-Gaussian model, and stopping and resuming through the saved state.
 */
class FitCommandTest {
  @TempDir Path dir;

  private Cli.Run fit(Path model, Path out, String... more) {
    String[] args = new String[5 + more.length];
    args[0] = "fit";
    args[1] = model.toString();
    args[2] = "--data=" + Cli.data();
    args[3] = "--out";
    args[4] = out.toString();
    System.arraycopy(more, 0, args, 5, more.length);
    return Cli.run(args);
  }

  /** certified.csv's value (column 4) or sd (column 5) of parameter {@code name} of Misra1a. */
  private static double certified(String name, int column) throws Exception {
    for (String[] row : Cli.csv(Cli.data().resolve("nist/certified.csv"))) {
      if (row[0].equals("Misra1a") && row[1].equals(name)) {
        return Double.parseDouble(row[column]);
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void misra1a_reachesNistsCertifiedValuesAndSds_andWritesTheReport() throws Exception {
    Path out = dir.resolve("out");
    Cli.Run r = fit(Cli.misra1a(dir), out);
    assertEquals(0, r.exit(), r.all());
    List<String[]> params = Cli.csv(out.resolve("parameters.csv"));
    for (String b : List.of("b1", "b2")) {
      double value = certified(b, 4);
      double sd = certified(b, 5);
      assertEquals(value, Cli.cell(params, b, "posterior"), 1e-8 * Math.abs(value), b);
      assertEquals(sd, Cli.cell(params, b, "posterior_sd"), 1e-6 * sd, b + " sd (NIST-style)");
    }
    assertTrue(r.out().contains("Covariance: s^2 (J'J)^-1, the classical least-squares covariance"), r.out());
    assertTrue(Files.readString(out.resolve("summary.txt")).contains("Covariance: s^2 (J'J)^-1"), "summary.txt says so too");
    assertTrue(r.out().contains(IterationRecord.header()) && r.out().contains("Converged"), r.out());
    for (String file : List.of("parameters.csv", "correlation.csv", "outputs.csv", "residuals.csv", "iterations.csv", "summary.txt",
        SavedFit.FILE, "correlation.png")) {
      assertTrue(Files.size(out.resolve(file)) > 0, file);
    }
    assertTrue(r.out().contains("Wrote ") && r.out().contains(out.toAbsolutePath().normalize().toString()), r.out());
    // one printed line per row of iterations.csv
    long printed = r.out().lines().filter(l -> l.matches("^(lm|lbfgs|newton) +\\d+ .*")).count();
    assertEquals(Cli.csv(out.resolve("iterations.csv")).size() - 1, printed);
    assertEquals(14, Cli.csv(out.resolve("residuals.csv")).size() - 1, "Misra1a has 14 observations");
  }

  @Test
  void linearGaussianModel_matchesTheClosedFormPosterior() throws Exception {
    // y = a + b·x with normal priors and sd 2 on Misra1a's 14 points: the posterior is Gaussian with
    // precision A = XᵀX/σ² + diag(1/sa², 1/sb²) and mean A⁻¹(Xᵀy/σ² + (a0/sa², b0/sb²))
    Path model = Cli.write(dir, "line.phl", """
        model line "a straight line with priors"
        data "nist/Misra1a.csv"
        dim obs
        input x[obs]
        input y[obs]
        param a = 0 sd 10
        param b = 0.1 sd 0.05
        output yhat[obs]
        for i in obs {
          yhat[i] = a + b * x[i]
        }
        observe yhat[i] ~ normal(y[i], 2) for i in obs
        """);
    double s11 = 1 / 100.0;
    double s12 = 0;
    double s22 = 1 / 0.0025;
    double r1 = 0;
    double r2 = 0.1 / 0.0025;
    for (String[] row : Cli.csv(Cli.data().resolve("nist/Misra1a.csv")).subList(1, 15)) {
      double y = Double.parseDouble(row[0]);
      double x = Double.parseDouble(row[1]);
      s11 += 1 / 4.0;
      s12 += x / 4.0;
      s22 += x * x / 4.0;
      r1 += y / 4.0;
      r2 += x * y / 4.0;
    }
    double det = s11 * s22 - s12 * s12;
    double meanA = (s22 * r1 - s12 * r2) / det;
    double meanB = (s11 * r2 - s12 * r1) / det;
    double sdA = Math.sqrt(s22 / det);
    double sdB = Math.sqrt(s11 / det);

    Path out = dir.resolve("line-out");
    Cli.Run r = fit(model, out, "--no-plots");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("Covariance: the inverse Hessian of the cost J"), "priors: the Bayesian posterior sd\n" + r.out());
    List<String[]> params = Cli.csv(out.resolve("parameters.csv"));
    assertEquals(meanA, Cli.cell(params, "a", "posterior"), 1e-8 * Math.abs(meanA));
    assertEquals(meanB, Cli.cell(params, "b", "posterior"), 1e-8 * Math.abs(meanB));
    assertEquals(sdA, Cli.cell(params, "a", "posterior_sd"), 1e-8 * sdA);
    assertEquals(sdB, Cli.cell(params, "b", "posterior_sd"), 1e-8 * sdB);
    assertEquals(1 - sdB / 0.05, Cli.cell(params, "b", "uncertainty_reduction"), 1e-8);
    assertTrue(r.out().matches("(?s).*\\n  b +0\\.100000 +0\\.0500000 .*%.*"), "summary row of b:\n" + r.out());
    assertTrue(Files.notExists(out.resolve("correlation.png")), "--no-plots");
  }

  @Test
  void restartFromTheWrittenParameters_convergesAtOnce_exitZero() throws Exception {
    // issue 10: a restart from a converged parameters.csv said NO_PROGRESS with exit 1
    Path model = Cli.misra1a(dir);
    Path first = dir.resolve("first");
    Cli.Run a = fit(model, first, "--no-plots");
    assertEquals(0, a.exit(), a.all());
    Path again = dir.resolve("again");
    Cli.Run b = fit(model, again, "--no-plots", "--start", first.resolve("parameters.csv").toString());
    assertEquals(0, b.exit(), b.all());
    assertTrue(b.out().contains("): CONVERGED") && b.out().contains("(a) projected gradient") && b.out().contains("(c) Hessian"), b.out());
    List<String[]> p = Cli.csv(first.resolve("parameters.csv"));
    List<String[]> q = Cli.csv(again.resolve("parameters.csv"));
    for (String name : List.of("b1", "b2")) {
      assertEquals(Cli.cell(p, name, "posterior"), Cli.cell(q, name, "posterior"), 1e-9 * Math.abs(Cli.cell(p, name, "posterior")), name);
    }
    assertTrue(Cli.csv(again.resolve("iterations.csv")).size() <= 8, "a few iterations, not a new fit");
  }

  @Test
  void restartFromAnOptimumWithAParameterHeldOnItsBound_convergesAtOnce_exitZero() throws Exception {
    // Misra1a with b1 bounded above at 200 (the certified 238.94 lies beyond): the fit holds b1 on the bound
    // and parameters.csv holds b1 = 200 - 1e-11 or so. Restarting from it, the start-of-fit check differenced
    // along directions squeezed to that distance from the bound and failed (exit 1); issue 10 item 8.
    Path model = Cli.write(dir, "misra1a_bounded.phl", """
        model misra1a_bounded "Misra1a with b1 below 200"
        data "nist/Misra1a.csv"
        dim obs
        input x[obs]
        input y[obs]
        param b1 = 150 in [1, 200]
        param b2 = 1e-3 in [1e-6, 1]
        output yhat[obs]
        for i in obs {
          yhat[i] = b1 * (1 - exp(-b2 * x[i]))
        }
        observe yhat[i] ~ normal(y[i], 1) for i in obs
        """);
    Path first = dir.resolve("bounded-first");
    Cli.Run a = fit(model, first, "--no-plots");
    assertEquals(0, a.exit(), a.all());
    List<String[]> p = Cli.csv(first.resolve("parameters.csv"));
    assertTrue(p.stream().anyMatch(r -> r[0].equals("b1") && r[6].equals("upper")), "b1 held on its upper bound:\n" + a.out());
    Cli.Run b = fit(model, dir.resolve("bounded-again"), "--no-plots", "--start", first.resolve("parameters.csv").toString());
    assertEquals(0, b.exit(), b.all());
    // the start check passes, or notes b1's row on the bound and fits anyway; it must not refuse
    assertTrue(b.out().startsWith("Gradient check at the start: ") && !b.out().contains("gradient check at the start failed"), b.out());
    assertTrue(b.out().contains("): CONVERGED"), b.out());
  }

  @Test
  void stoppedAtTheIterationLimit_exitEleven_thenResumed_reachesTheUninterruptedOptimum() throws Exception {
    Path model = Cli.misra1a(dir);
    Path whole = dir.resolve("whole");
    assertEquals(0, fit(model, whole, "--no-plots", "--method", "lbfgs").exit());

    Path part = dir.resolve("part");
    Cli.Run stopped = fit(model, part, "--no-plots", "--method", "lbfgs", "--max-iter", "4");
    assertEquals(11, stopped.exit(), stopped.all());
    assertTrue(stopped.out().contains("did not reach a verified minimum (MAX_ITERATIONS): exit 11") && stopped.out().contains("--resume " + part), stopped.out());
    assertTrue(Files.exists(part.resolve("parameters.csv")), "the report is written all the same");

    Cli.Run resumed = Cli.run("fit", model.toString(), "--data=" + Cli.data(), "--resume", part.toString(), "--max-iter", "1000",
        "--no-plots");
    assertEquals(0, resumed.exit(), resumed.all());
    assertTrue(resumed.out().contains("Resuming the fit of misra1a") && resumed.out().contains("after 4 iteration(s)"), resumed.out());
    List<String[]> a = Cli.csv(whole.resolve("parameters.csv"));
    List<String[]> b = Cli.csv(part.resolve("parameters.csv"));
    for (String p : List.of("b1", "b2")) {
      assertEquals(Cli.cell(a, p, "posterior"), Cli.cell(b, p, "posterior"), 1e-12 * Math.abs(Cli.cell(a, p, "posterior")), p);
    }
    assertEquals(Files.readString(whole.resolve("iterations.csv")), Files.readString(part.resolve("iterations.csv")),
        "the same iterations, in the same order");
  }

  @Test
  void evaluationLimit_exitTwelve_thenResumedWithMore_reachesTheUninterruptedOptimum() throws Exception {
    Path model = Cli.misra1a(dir);
    Path whole = dir.resolve("whole");
    assertEquals(0, fit(model, whole, "--no-plots", "--method", "lbfgs").exit());
    Path part = dir.resolve("part");
    Cli.Run stopped = fit(model, part, "--no-plots", "--method", "lbfgs", "--max-evals", "6");
    assertEquals(12, stopped.exit(), stopped.all());
    assertTrue(stopped.out().contains("did not reach a verified minimum (MAX_EVALUATIONS): exit 12"), stopped.out());
    Cli.Run resumed = Cli.run("fit", model.toString(), "--data=" + Cli.data(), "--resume", part.toString(), "--max-evals", "5000",
        "--no-plots");
    assertEquals(0, resumed.exit(), resumed.all());
    for (String p : List.of("b1", "b2")) {
      double a = Cli.cell(Cli.csv(whole.resolve("parameters.csv")), p, "posterior");
      assertEquals(a, Cli.cell(Cli.csv(part.resolve("parameters.csv")), p, "posterior"), 1e-12 * Math.abs(a), p);
    }
  }

  @Test
  void lbfgsMemoryAndLimits_areSavedWithTheFit_andTheDefaultsFollowTheParameters() throws Exception {
    Path model = Cli.misra1a(dir);
    Path three = dir.resolve("three");
    Cli.Run r = fit(model, three, "--no-plots", "--method", "lbfgs", "--lbfgs-memory", "3", "--max-iter", "2000");
    assertEquals(0, r.exit(), r.all());
    // memory, iteration limit, evaluation limit (raised to 5 per iteration by --max-iter)
    assertTrue(Files.readString(three.resolve(SavedFit.FILE)).contains("\nlbfgs-options 3 2000 10000 "),
        Files.readString(three.resolve(SavedFit.FILE)));
    Path plain = dir.resolve("plain");
    assertEquals(0, fit(model, plain, "--no-plots", "--method", "lbfgs").exit());
    // two parameters: the memory stays 10 and the limits 1000 and 5000, as before the defaults followed the parameters
    assertTrue(Files.readString(plain.resolve(SavedFit.FILE)).contains("\nlbfgs-options 10 1000 5000 "),
        Files.readString(plain.resolve(SavedFit.FILE)));
    double a = Cli.cell(Cli.csv(plain.resolve("parameters.csv")), "b1", "posterior");
    assertEquals(a, Cli.cell(Cli.csv(three.resolve("parameters.csv")), "b1", "posterior"), 1e-8 * Math.abs(a));
  }

  @Test
  void limitAndMemoryMistakes_areUsageErrorsNamingTheOption() throws Exception {
    Path model = Cli.misra1a(dir);
    Cli.Run evals = fit(model, dir.resolve("e"), "--max-evals", "0");
    assertEquals(2, evals.exit(), evals.all());
    assertTrue(evals.err().contains("--max-evals must be at least 1, got 0"), evals.all());
    Cli.Run memory = fit(model, dir.resolve("m"), "--lbfgs-memory", "0");
    assertEquals(2, memory.exit(), memory.all());
    assertTrue(memory.err().contains("--lbfgs-memory must be between 1 and 1000, got 0"), memory.all());
    Cli.Run lm = fit(model, dir.resolve("l"), "--lbfgs-memory", "20", "--method", "lm");
    assertEquals(2, lm.exit(), lm.all());
    assertTrue(lm.err().contains("--lbfgs-memory sets L-BFGS, which --method lm does not use"), lm.all());
    Cli.Run notNumber = fit(model, dir.resolve("n"), "--max-evals", "many");
    assertEquals(2, notNumber.exit(), notNumber.all());
    assertTrue(notNumber.err().contains("--max-evals"), notNumber.all());
    Path out = dir.resolve("r");
    assertEquals(0, fit(model, out, "--no-plots").exit());
    Cli.Run resume = Cli.run("fit", model.toString(), "--data=" + Cli.data(), "--resume", out.toString(), "--lbfgs-memory", "5");
    assertEquals(2, resume.exit(), resume.all());
    assertTrue(resume.err().contains("--lbfgs-memory"), resume.all());
  }

  @Test
  void startFromAFile_reachesTheSameOptimum() throws Exception {
    Path start = Cli.write(dir, "start2.csv", "name,value\nb1,250\nb2,5e-4\n");
    Path out = dir.resolve("s2");
    Cli.Run r = fit(Cli.misra1a(dir), out, "--no-plots", "--start", start.toString());
    assertEquals(0, r.exit(), r.all());
    assertEquals(certified("b1", 4), Cli.cell(Cli.csv(out.resolve("parameters.csv")), "b1", "posterior"), 1e-8 * 239);
  }

  @Test
  void resumeMistakes_areSentences() throws Exception {
    Path model = Cli.misra1a(dir);
    Cli.Run none = Cli.run("fit", model.toString(), "--data=" + Cli.data(), "--resume", dir.resolve("nofit").toString());
    assertEquals(1, none.exit());
    assertTrue(none.err().contains("cannot resume") && none.err().contains(SavedFit.FILE), none.all());

    Path out = dir.resolve("o");
    assertEquals(0, fit(model, out, "--no-plots").exit());
    Path state = out.resolve(SavedFit.FILE);
    Files.writeString(state, Files.readString(state).replaceFirst("\nx ([^ \n]+)", "\nx oops"));
    Cli.Run damaged = Cli.run("fit", model.toString(), "--data=" + Cli.data(), "--resume", out.toString());
    assertEquals(1, damaged.exit());
    assertTrue(damaged.err().matches("(?s).*fit-state\\.txt, line \\d+: .*"), damaged.all());

    Path other = Cli.write(dir, "other.phl", Files.readString(model).replace("model misra1a", "model other"));
    assertEquals(0, fit(other, dir.resolve("other-out"), "--no-plots").exit());
    Cli.Run foreign = Cli.run("fit", model.toString(), "--data=" + Cli.data(), "--resume", dir.resolve("other-out").toString());
    assertEquals(1, foreign.exit());
    assertTrue(foreign.err().contains("the saved fit is of model 'other'"), foreign.all());
  }

  @Test
  void modelWithoutObservations_isRefusedWithAMessage() throws Exception {
    Path model = Cli.write(dir, "noobs.phl", """
        model noobs "no observations"
        param a = 1 sd 0.5
        output z
        z = 2 * a
        """);
    Cli.Run r = fit(model, dir.resolve("x"));
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("has no observe statement, so its cost is zero and there is nothing to fit"), r.all());
  }
}
