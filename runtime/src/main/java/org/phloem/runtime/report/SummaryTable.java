package org.phloem.runtime.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.phloem.runtime.fit.Bound;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Verdict;
import org.phloem.runtime.posterior.Posterior;

/**
 * The plain-text summary of a fit for the terminal: status, the conditions the verdict checked, cost,
 * goodness of fit, one line per parameter (with the bound it is held on), warnings.
 */
public final class SummaryTable {
  private SummaryTable() {}

  /** The summary as fixed-width text ending in a newline. */
  public static String format(FitReport r) {
    FitResult fit = r.fit();
    Posterior post = r.posterior();
    StringBuilder sb = new StringBuilder(verdict(r.info().name(), fit));
    sb.append(String.format(Locale.ROOT, "cost J = %.10g (observations %.10g, prior %.10g), |grad| = %.3e, %d evaluations, %d observations%n",
        fit.cost(), fit.observationCost(), fit.priorCost(), fit.gradientNorm(), fit.evaluations(), r.residuals().size()));
    if (!r.residuals().isEmpty()) {
      for (String line : GoodnessOfFit.of(r).lines()) {
        sb.append(line).append('\n');
      }
    }
    int width = Math.max(9, post.names().stream().mapToInt(String::length).max().orElse(9));
    String row = "  %-" + width + "s %13s %11s %13s %11s %9s %6s  %s%n";
    sb.append(String.format(Locale.ROOT, row, "parameter", "prior", "prior sd", "posterior", "post. sd", "reduct.", "bound", "unit"));
    List<String> held = new ArrayList<>();
    for (int i = 0; i < post.names().size(); i++) {
      boolean prior = Double.isFinite(post.priorSd()[i]);
      Bound bound = fit.verdict() == null ? Bound.NONE : fit.bounds().get(i);
      if (bound.isActive()) {
        held.add(post.names().get(i) + " (" + bound.label() + ")");
      }
      String unit = r.info().paramAt(i).unit() + (post.undetermined()[i] ? "  (undetermined)" : "");
      sb.append(String.format(Locale.ROOT, row, post.names().get(i), prior ? g(r.info().priorMeans()[i]) : "flat",
          prior ? g(post.priorSd()[i]) : "-", g(fit.parameters()[i]), bound.isActive() ? "-" : g(post.sd()[i]),
          prior && !bound.isActive() ? String.format(Locale.ROOT, "%.1f%%", 100 * post.uncertaintyReduction()[i]) : "-", bound.label(),
          unit));
    }
    if (!held.isEmpty()) {
      sb.append("The posterior is conditional on ").append(String.join(", ", held)).append(" held on the bound: the cost keeps ")
          .append("decreasing beyond it, so the data say the value lies at or past it; it has no posterior sd and no uncertainty ")
          .append("reduction, and the sds of the others hold it fixed. Widen the bound or reconsider the model if the bound is not physical.\n");
    }
    if (r.covariance() != null) {
      sb.append(r.covariance().sentence()).append('\n');
    }
    sb.append(EigenDirections.format(post));
    if (r.laplace() != null) {
      sb.append(r.laplace().format());
    }
    for (String w : post.warnings()) {
      sb.append("warning: ").append(w).append('\n');
    }
    return sb.toString();
  }

  private static String g(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }

  /**
   * The verdict's part of the summary: status, its sentence, the conditions checked, what to try and the
   * minimizers' notes (also printed alone when no posterior can be computed at the end point).
   */
  public static String verdict(String modelName, FitResult fit) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Fit of %s (%s): %s%n", modelName, fit.method(), fit.status()));
    sb.append(fit.status().sentence()).append('\n');
    Verdict v = fit.verdict();
    if (v != null && !Double.isNaN(v.gradient())) {
      sb.append("conditions checked (each parameter in units of its prior sd, or of its typical size when it has no prior):\n");
      for (String c : v.conditions()) {
        sb.append("  ").append(c).append('\n');
      }
    }
    if (!fit.status().advice().isEmpty()) {
      sb.append("What to try: ").append(fit.status().advice()).append('\n');
    }
    for (String note : fit.notes()) {
      sb.append("note: ").append(note).append('\n');
    }
    return sb.toString();
  }
}
