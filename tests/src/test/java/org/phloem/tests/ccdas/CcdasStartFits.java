package org.phloem.tests.ccdas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Every start of one arm taken to its verdict, as the README's commands leave them in a runs folder:
 * {@code RUNS/ARM} is the multi-start ({@code phloem fit ARM.phl --starts N ... --out RUNS/ARM}; its
 * starts.csv holds each start's L-BFGS end), and {@code RUNS/ARM-K} is start K continued by trust-region
 * Newton ({@code phloem fit ARM.phl --start RUNS/ARM/starts/start-K.csv --method newton --out RUNS/ARM-K}),
 * an ordinary fit folder, continued in place ({@code --resume}) or, when it stalled, from its end into
 * {@code RUNS/ARM-K.NAME}. A start without a fit folder is listed with its L-BFGS end only.
 */
record CcdasStartFits(String arm, List<Start> starts) {

  /** Start K: its L-BFGS end (status, J, evaluations; empty when the multi-start has no row) and its fit folder (null when absent). */
  record Start(int index, String lbfgsStatus, double lbfgsCost, String lbfgsEvaluations, Path folder, CcdasStudy.Arm fit) {}

  static CcdasStartFits read(Path runs, String arm) throws IOException {
    List<Start> starts = new ArrayList<>();
    List<String[]> ends = lbfgsEnds(runs.resolve(arm).resolve("starts.csv"));
    List<Integer> indices = new ArrayList<>();
    ends.forEach(r -> indices.add(Integer.parseInt(r[0])));
    for (int k : fitIndices(runs, arm)) {
      if (!indices.contains(k)) {
        indices.add(k);
      }
    }
    indices.sort(null);
    for (int k : indices) {
      String[] end = ends.stream().filter(r -> Integer.parseInt(r[0]) == k).findFirst().orElse(null);
      CcdasStudy.Arm fit = null;
      for (Path folder : fitFolders(runs, arm, k)) {
        CcdasStudy.Arm f = CcdasStudy.Arm.read(folder);
        if (fit == null || f.cost() < fit.cost()) {
          fit = f;
        }
      }
      starts.add(new Start(k, end == null ? "" : end[1], end == null || end[4].isEmpty() ? Double.NaN : Double.parseDouble(end[4]),
          end == null ? "" : end[6], fit == null ? null : fit.folder(), fit));
    }
    return new CcdasStartFits(arm, starts);
  }

  /** Rows of a multi-start's starts.csv (start, status, converged, optimum, cost, gradient_norm, evaluations, ...); none if absent. */
  private static List<String[]> lbfgsEnds(Path startsCsv) {
    return Files.exists(startsCsv) ? CcdasStudy.CsvRows.read(startsCsv) : List.of();
  }

  /**
   * Start K's fit folders: RUNS/ARM-K and its continuations RUNS/ARM-K.NAME (a fit started from
   * RUNS/ARM-K/parameters.csv when it stalled), those with a summary.txt; the start's result is the one
   * that reached the lowest J.
   */
  private static List<Path> fitFolders(Path runs, String arm, int k) throws IOException {
    List<Path> out = new ArrayList<>();
    String name = arm + "-" + k;
    try (Stream<Path> files = Files.list(runs)) {
      files.filter(p -> p.getFileName().toString().equals(name) || p.getFileName().toString().startsWith(name + "."))
          .filter(p -> Files.exists(p.resolve("summary.txt"))).sorted().forEach(out::add);
    }
    return out;
  }

  /** K of every folder RUNS/ARM-K. */
  private static List<Integer> fitIndices(Path runs, String arm) throws IOException {
    List<Integer> out = new ArrayList<>();
    if (!Files.isDirectory(runs)) {
      return out;
    }
    try (Stream<Path> files = Files.list(runs)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.matches(java.util.regex.Pattern.quote(arm) + "-\\d+"))
          .forEach(n -> out.add(Integer.parseInt(n.substring(arm.length() + 1))));
    }
    return out;
  }

  /** The start whose fit ended CONVERGED at the lowest J: the arm's reported fit; null if none converged. */
  Start best() {
    return starts.stream().filter(s -> s.fit != null && s.fit.status().equals("CONVERGED"))
        .min((a, b) -> Double.compare(a.fit.cost(), b.fit.cost())).orElse(null);
  }

  /**
   * Largest distance between two parameter vectors in units of each parameter's prior sd: how far a
   * start's end lies from the reported optimum.
   */
  static double maxScaledDistance(List<String[]> a, List<String[]> b) {
    double max = 0;
    for (int i = 0; i < a.size(); i++) {
      double sd = Double.parseDouble(a.get(i)[2]);
      double d = Math.abs(Double.parseDouble(a.get(i)[3]) - Double.parseDouble(b.get(i)[3]));
      max = Math.max(max, d / (sd > 0 ? sd : Math.max(1, Math.abs(Double.parseDouble(a.get(i)[3])))));
    }
    return max;
  }

  /** "lower: a b; upper: c" for the parameters the fit holds on a bound (parameters.csv's bound column). */
  static String onBounds(List<String[]> parameters) {
    StringBuilder lower = new StringBuilder();
    StringBuilder upper = new StringBuilder();
    for (String[] p : parameters) {
      StringBuilder to = p[6].equals("lower") ? lower : p[6].equals("upper") ? upper : null;
      if (to != null) {
        to.append(to.length() == 0 ? "" : " ").append(p[0]);
      }
    }
    return (lower.length() == 0 ? "" : "lower: " + lower) + (lower.length() > 0 && upper.length() > 0 ? "; " : "")
        + (upper.length() == 0 ? "" : "upper: " + upper);
  }

  /**
   * The table rows of this arm: L-BFGS end, verdict, J and its parts, evaluations, parameters on bounds,
   * distance from the reported fit, and the RMSE over all fitted station-months and at the East-Asian stations.
   */
  void appendRows(StringBuilder r, String armName, CcdasStudy.Study study, CcdasStudy.Arm reported) {
    for (Start s : starts) {
      r.append("| ").append(armName).append(" | ").append(s.index).append(" | ").append(s.lbfgsStatus).append(' ')
          .append(CcdasStudy.f(s.lbfgsCost, 3)).append(" | ");
      CcdasStudy.Arm fit = s.fit;
      if (fit == null) {
        r.append("(no fit) |").append(" |".repeat(7 + CcdasStudy.EAST_ASIA.size())).append('\n');
        continue;
      }
      r.append(fit.status()).append(" (").append(fit.folder().getFileName()).append(") | ").append(String.format(Locale.ROOT, "%.6f", fit.cost())).append(" | ")
          .append(CcdasStudy.f(fit.observationCost(), 3)).append(" | ").append(CcdasStudy.f(fit.priorCost(), 3)).append(" | ")
          .append(fit.evaluations()).append(" | ").append(onBounds(fit.parameters())).append(" | ")
          .append(String.format(Locale.ROOT, "%.1e", maxScaledDistance(fit.parameters(), reported.parameters()))).append(" | ")
          .append(CcdasStudy.f(study.rmseFitted(fit.co2()), 3)).append(" |");
      for (String station : CcdasStudy.EAST_ASIA) {
        r.append(' ').append(CcdasStudy.f(study.rmse(station, fit.co2().get(station), CcdasStudy.SPIN_UP, 288, null), 3)).append(" |");
      }
      r.append('\n');
    }
  }

  /** Rows of the flux table: each start's mean land flux 1990-1999 per zone and global [PgC/yr]. */
  void appendFluxRows(StringBuilder r, String armName) {
    for (Start s : starts) {
      if (s.fit == null) {
        continue;
      }
      r.append("| ").append(armName).append(" | ").append(s.index).append(" | ").append(s.fit.status()).append(" | ")
          .append(String.format(Locale.ROOT, "%.3f", s.fit.cost())).append(" |");
      for (int z = 0; z < 3; z++) {
        r.append(' ').append(CcdasStudy.f(CcdasStudy.mean(s.fit.zoneAnnual()[z], 10, 20), 2)).append(" |");
      }
      r.append(' ').append(CcdasStudy.f(CcdasStudy.mean(s.fit.globalAnnual(), 10, 20), 2)).append(" | ")
          .append(CcdasStudy.f(s.fit.globalGpp(), 1)).append(" |\n");
    }
  }

  static String header() {
    StringBuilder r = new StringBuilder("| arm | start | L-BFGS end: status, J | verdict | J | J obs | J prior | evaluations | on bounds"
        + " | max dist. from reported [prior sd] | RMSE all fitted |");
    CcdasStudy.EAST_ASIA.forEach(st -> r.append(' ').append(st).append(" |"));
    r.append("\n|---|---:|---|---|---:|---:|---:|---:|---|---:|---:|").append("---:|".repeat(CcdasStudy.EAST_ASIA.size())).append('\n');
    return r.toString();
  }
}
