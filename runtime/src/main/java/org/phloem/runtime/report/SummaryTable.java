package org.phloem.runtime.report;

import java.util.Locale;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.posterior.Posterior;

/** The plain-text summary of a fit for the terminal: status, cost, one line per parameter, warnings. */
public final class SummaryTable {
  private SummaryTable() {}

  /** The summary as fixed-width text ending in a newline. */
  public static String format(FitReport r) {
    FitResult fit = r.fit();
    Posterior post = r.posterior();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Fit of %s (%s): %s%n", r.info().name(), fit.method(), fit.status()));
    sb.append(fit.summary()).append('\n');
    sb.append(String.format(Locale.ROOT, "cost J = %.10g (observations %.10g, prior %.10g), |grad| = %.3e, %d evaluations, %d observations%n",
        fit.cost(), fit.observationCost(), fit.priorCost(), fit.gradientNorm(), fit.evaluations(), r.residuals().size()));
    int width = Math.max(9, post.names().stream().mapToInt(String::length).max().orElse(9));
    String row = "  %-" + width + "s %13s %11s %13s %11s %9s  %s%n";
    sb.append(String.format(Locale.ROOT, row, "parameter", "prior", "prior sd", "posterior", "post. sd", "reduct.", "unit"));
    for (int i = 0; i < post.names().size(); i++) {
      boolean prior = Double.isFinite(post.priorSd()[i]);
      String unit = r.info().paramAt(i).unit() + (post.undetermined()[i] ? "  (undetermined)" : "");
      sb.append(String.format(Locale.ROOT, row, post.names().get(i), prior ? g(r.info().priorMeans()[i]) : "flat",
          prior ? g(post.priorSd()[i]) : "-", g(fit.parameters()[i]), g(post.sd()[i]),
          prior ? String.format(Locale.ROOT, "%.1f%%", 100 * post.uncertaintyReduction()[i]) : "-", unit));
    }
    if (r.covariance() != null) {
      sb.append(r.covariance().sentence()).append('\n');
    }
    sb.append(EigenDirections.format(post));
    for (String w : post.warnings()) {
      sb.append("warning: ").append(w).append('\n');
    }
    return sb.toString();
  }

  private static String g(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
