package org.phloem.runtime.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.multistart.MultiStartResult;
import org.phloem.runtime.multistart.Optimum;
import org.phloem.runtime.multistart.StartOutcome;

/**
 * What a multi-start fit found, as text for the terminal and the summary and as two CSV tables:
 * {@code starts.csv} (one row per start: where it started and ended, its status and optimum) and
 * {@code optima.csv} (one row per distinct optimum: cost, how many starts reached it, parameters).
 */
public final class MultiStartReport {
  /** At most this many optima are printed side by side; optima.csv has all. */
  static final int PRINTED_OPTIMA = 6;

  private MultiStartReport() {}

  /** The text block: counts, the optima side by side, the starts that did not converge, and the warnings. */
  public static String text(MultiStartResult r, ModelInfo info) {
    StringBuilder sb = new StringBuilder();
    int n = r.outcomes().size();
    sb.append(String.format(Locale.ROOT, "Multi-start: %d starts (start 0 the default, %d drawn from the prior with seed %d): %d converged, "
        + "to %d distinct optim%s.%n", n, n - 1, r.options().seed(), r.convergedCount(), r.optima().size(),
        r.optima().size() == 1 ? "um" : "a"));
    List<Optimum> shown = r.optima().subList(0, Math.min(PRINTED_OPTIMA, r.optima().size()));
    if (!shown.isEmpty()) {
      List<String> names = info.slotNames();
      int width = Math.max(14, names.stream().mapToInt(String::length).max().orElse(0) + 2);
      sb.append(String.format(Locale.ROOT, "  %-" + width + "s", ""));
      for (Optimum o : shown) {
        sb.append(String.format(Locale.ROOT, " %16s", "optimum " + o.rank()));
      }
      sb.append('\n').append(String.format(Locale.ROOT, "  %-" + width + "s", "cost J"));
      for (Optimum o : shown) {
        sb.append(String.format(Locale.ROOT, " %16.10g", o.cost()));
      }
      sb.append('\n').append(String.format(Locale.ROOT, "  %-" + width + "s", "starts reaching"));
      for (Optimum o : shown) {
        sb.append(String.format(Locale.ROOT, " %16d", o.starts().size()));
      }
      sb.append('\n');
      for (int i = 0; i < names.size(); i++) {
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s", names.get(i)));
        for (Optimum o : shown) {
          sb.append(String.format(Locale.ROOT, " %16.8g", o.parameters()[i]));
        }
        sb.append('\n');
      }
      if (r.optima().size() > shown.size()) {
        sb.append(String.format(Locale.ROOT, "  (%d more optima in optima.csv)%n", r.optima().size() - shown.size()));
      }
      for (int k = 0; k < shown.size(); k++) {
        sb.append(String.format(Locale.ROOT, "  optimum %d reached from start%s %s%n", shown.get(k).rank(),
            shown.get(k).starts().size() == 1 ? "" : "s", indices(shown.get(k).starts())));
      }
    }
    Map<String, List<Integer>> failed = r.notConverged();
    if (!failed.isEmpty()) {
      int count = failed.values().stream().mapToInt(List::size).sum();
      sb.append(String.format(Locale.ROOT, "Not converged: %d start%s: %s.%n", count, count == 1 ? "" : "s",
          failed.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size() + " (start" + (e.getValue().size() == 1 ? " " : "s ")
              + indices(e.getValue()) + ")").collect(Collectors.joining(", "))));
    }
    for (String w : warnings(r)) {
      sb.append("warning: ").append(w).append('\n');
    }
    return sb.toString();
  }

  /** What the user must know: no start converged, the default start missed the best optimum, equal costs at different points. */
  static List<String> warnings(MultiStartResult r) {
    List<String> out = new ArrayList<>();
    if (r.optima().isEmpty()) {
      out.add("no start converged; the report below is of the start that ended at the lowest cost, which is not a verified minimum.");
      return out;
    }
    Optimum best = r.optima().get(0);
    if (!r.defaultReachedBest()) {
      StartOutcome zero = r.outcomes().get(0);
      String where = r.optimumOf(0).map(o -> String.format(Locale.ROOT, "converged to optimum %d (J = %.10g)", o.rank(), o.cost()))
          .orElse("did not converge (" + zero.statusName() + ")");
      out.add(String.format(Locale.ROOT, "the default start (start 0) %s, not to the best optimum 1 (J = %.10g); the result below is "
          + "optimum 1, from start %d. A fit from the default start alone would have reported another point.", where, best.cost(),
          best.representative()));
    }
    for (int k = 1; k < r.optima().size(); k++) {
      Optimum o = r.optima().get(k);
      if (Math.abs(o.cost() - best.cost()) <= r.options().costTolerance() * Math.max(1, Math.abs(best.cost()))) {
        out.add(String.format(Locale.ROOT, "optimum %d has the cost of optimum 1 at other parameter values: the data do not tell them "
            + "apart (a valley, or a symmetry of the model such as two interchangeable terms).", o.rank()));
      }
    }
    return out;
  }

  /** starts.csv: start, status, converged, optimum, cost, gradient_norm, evaluations, then start_NAME and end_NAME per slot. */
  public static String startsCsv(MultiStartResult r, ModelInfo info) {
    List<Object> header = new ArrayList<>(List.of("start", "status", "converged", "optimum", "cost", "gradient_norm", "evaluations"));
    for (String s : info.slotNames()) {
      header.add("start_" + s);
    }
    for (String s : info.slotNames()) {
      header.add("end_" + s);
    }
    header.add("error");
    Csv csv = new Csv().row(header);
    for (StartOutcome o : r.outcomes()) {
      FitResult f = o.result();
      List<Object> row = new ArrayList<>();
      row.add(o.index());
      row.add(o.statusName());
      row.add(o.converged());
      row.add(r.optimumOf(o.index()).map(Optimum::rank).orElse(null));
      row.add(f == null ? Double.NaN : f.cost());
      row.add(f == null ? Double.NaN : f.gradientNorm());
      row.add(f == null ? null : f.evaluations());
      for (double v : o.start()) {
        row.add(v);
      }
      for (int i = 0; i < o.start().length; i++) {
        row.add(f == null ? Double.NaN : f.parameters()[i]);
      }
      row.add(o.error());
      csv.row(row);
    }
    return csv.toString();
  }

  /** optima.csv: optimum, cost, starts_reaching, starts, representative_start, then one column per slot. */
  public static String optimaCsv(MultiStartResult r, ModelInfo info) {
    List<Object> header = new ArrayList<>(List.of("optimum", "cost", "starts_reaching", "starts", "representative_start"));
    header.addAll(info.slotNames());
    Csv csv = new Csv().row(header);
    for (Optimum o : r.optima()) {
      List<Object> row = new ArrayList<>(List.of(o.rank(), o.cost(), o.starts().size(), indices(o.starts()), o.representative()));
      for (double v : o.parameters()) {
        row.add(v);
      }
      csv.row(row);
    }
    return csv.toString();
  }

  /** "0 3 5", or "0 3 5 ... (40 in all)" for long lists. */
  private static String indices(List<Integer> list) {
    String shown = list.stream().limit(20).map(String::valueOf).collect(Collectors.joining(" "));
    return list.size() > 20 ? shown + " ... (" + list.size() + " in all)" : shown;
  }
}
