package org.phloem.tests.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns a JMH run's scores into the ratios the project's performance claims are made of (numerator and
 * denominator measured in the same run on the same machine), as a Markdown table: the ratio of mean CPU
 * times per operation ({@link CpuTimeProfiler}; the steadier figure on a shared machine) and of mean wall
 * times, each with the error JMH's 99.9% intervals imply.
 */
final class Ratios {
  private Ratios() {}

  /**
   * One line of the table: {@code numerator / denominator} (benchmark method names of one class), or an
   * absolute time when the denominator is null.
   */
  record Line(String what, Class<?> benchmark, String numerator, String denominator, String n, String target) {}

  /** The lines BENCHMARKS.md reports, in its order. */
  static List<Line> lines() {
    List<Line> lines = new ArrayList<>();
    lines.add(new Line("1. compile dalec.phl (forward + derivatives), warm", CompileBenchmark.class, "compile", null, null, "≤ 300 ms"));
    lines.add(new Line("   compile dalec.phl, forward only", CompileBenchmark.class, "compileForwardOnly", null, null, ""));
    for (String stage : List.of("stageFrontend", "stageLower", "stageDifferentiate", "stageLoad")) {
      lines.add(new Line("   stage " + stage.substring(5), CompileBenchmark.class, stage, null, null, ""));
    }
    lines.add(new Line("2. DALEC forward, Phloem / hand-written Java", DalecBenchmark.class, "phloemForward", "handWrittenForward", null, "≤ 1.2"));
    lines.add(new Line("   control: Phloem / hand-written squaring by Math.pow", DalecBenchmark.class, "phloemForward",
        "handWrittenForwardSquaringByPow", null, ""));
    lines.add(new Line("3. DALEC+obs gradient / forward", DalecBenchmark.class, "observedGradient", "observedForward", null, "≤ 3"));
    lines.add(new Line("   DALEC+obs Hessian-vector / gradient", DalecBenchmark.class, "observedHessianVector", "observedGradient", null, ""));
    for (String n : List.of("10", "50", "200")) {
      lines.add(new Line("3. sites gradient / forward", SitesBenchmark.class, "adjoint", "forward", n, "10".equals(n) ? "" : "≤ 3"));
    }
    lines.add(new Line("3. BETHY site (57 parameters) gradient / forward", ScienceBenchmark.class, "bethyGradient", "bethyForward", null, "≤ 3"));
    lines.add(new Line("3. SDBM + transport gradient / forward", ScienceBenchmark.class, "sdbmGradient", "sdbmForward", null, "≤ 3"));
    for (String n : List.of("10", "50", "200")) {
      lines.add(new Line("4. DerivativeStructure / adjoint", SitesBenchmark.class, "derivativeStructure", "adjoint", n, "grows with n"));
      lines.add(new Line("4. SparseGradient / adjoint", SitesBenchmark.class, "sparseGradient", "adjoint", n, ""));
      lines.add(new Line("4. central differences / adjoint", SitesBenchmark.class, "centralDifferences", "adjoint", n, "grows with n"));
    }
    for (String n : List.of("4", "8")) {
      lines.add(new Line("multi-start: N starts on 2 threads / one fit (DALEC oregon)", MultiStartBenchmark.class, "multiStart",
          "singleFit", n, ""));
    }
    return lines;
  }

  /** The Markdown table of every line whose benchmarks are in {@code results}. */
  static String table(Collection<RunResult> results) {
    StringBuilder out = new StringBuilder();
    out.append("| measurement | n | numerator: CPU (wall) | denominator: CPU (wall) | CPU ratio | wall ratio | target |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (Line line : lines()) {
      RunResult top = find(results, line.benchmark(), line.numerator(), line.n());
      RunResult bottom = line.denominator() == null ? null : find(results, line.benchmark(), line.denominator(), line.n());
      if (top == null || (line.denominator() != null && bottom == null)) {
        continue;
      }
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |\n", line.what(), line.n() == null ? "" : line.n(),
          both(top), bottom == null ? "" : both(bottom), bottom == null ? "" : ratio(cpu(top), cpu(bottom)),
          bottom == null ? "" : ratio(top.getPrimaryResult(), bottom.getPrimaryResult()), line.target()));
    }
    return out.toString();
  }

  /** The CPU time result, or the wall time when the run had no {@link CpuTimeProfiler}. */
  private static Result<?> cpu(RunResult r) {
    Result<?> cpu = r.getSecondaryResults().get(CpuTimeProfiler.LABEL);
    return cpu != null ? cpu : r.getPrimaryResult();
  }

  private static String ratio(Result<?> top, Result<?> bottom) {
    if (top == null || bottom == null) {
      return "";
    }
    double r = top.getScore() / bottom.getScore();
    double rel = Math.hypot(relativeError(top), relativeError(bottom));
    return String.format(Locale.ROOT, "**%.2f** ± %.2f", r, r * rel);
  }

  private static double relativeError(Result<?> r) {
    double e = r.getScoreError();
    return Double.isFinite(e) ? e / r.getScore() : 0;
  }

  private static String both(RunResult r) {
    return score(cpu(r)) + " (" + score(r.getPrimaryResult()) + ")";
  }

  private static String score(Result<?> r) {
    String error = Double.isFinite(r.getScoreError()) ? String.format(Locale.ROOT, " ± %.2g", r.getScoreError()) : "";
    return String.format(Locale.ROOT, "%.4g%s %s", r.getScore(), error, r.getScoreUnit());
  }

  private static RunResult find(Collection<RunResult> results, Class<?> benchmark, String method, String n) {
    for (RunResult r : results) {
      if (r.getParams().getBenchmark().equals(benchmark.getName() + "." + method)
          && (n == null || n.equals(r.getParams().getParam("n")))) {
        return r;
      }
    }
    return null;
  }
}
