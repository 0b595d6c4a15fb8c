package org.phloem.compiler.driver;

import java.util.List;
import java.util.Locale;
import org.phloem.runtime.posterior.Posterior;
import org.phloem.runtime.sample.SampleRun;
import org.phloem.runtime.sample.SummaryRow;

/** The printed summary of a sampling run: one row per parameter, with the Laplace mode and sd beside the sampled mean and sd. */
final class SampleSummaryText {
  private SampleSummaryText() {}

  static String format(SampleRun run, List<SummaryRow> summary, Posterior laplace, double seconds) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%n%-14s %12s %11s %12s %12s %12s %7s %8s %8s", "parameter", "mean", "sd", "q5", "q50", "q95",
        "R-hat", "ESS bulk", "ESS tail"));
    if (laplace != null) {
      b.append(String.format(Locale.ROOT, " %12s %11s", "Laplace mode", "Laplace sd"));
    }
    b.append('\n');
    double minEss = Double.POSITIVE_INFINITY;
    for (int i = 0; i < summary.size(); i++) {
      SummaryRow r = summary.get(i);
      minEss = Math.min(minEss, Math.min(r.essBulk(), r.essTail()));
      b.append(String.format(Locale.ROOT, "%-14s %12.6g %11.4g %12.6g %12.6g %12.6g %7.3f %8.0f %8.0f", r.name(), r.mean(), r.sd(), r.q5(),
          r.q50(), r.q95(), r.rhat(), r.essBulk(), r.essTail()));
      if (laplace != null) {
        b.append(String.format(Locale.ROOT, " %12.6g %11.4g", laplace.optimum()[i], laplace.sd()[i]));
      }
      b.append('\n');
    }
    long gradients = run.gradientEvaluations();
    double cpu = run.cpuSeconds();
    b.append(String.format(Locale.ROOT, "%d draws in %.1f s wall (%.1f s CPU in the chains); %d gradient evaluations; smallest ESS %.0f: "
        + "%.1f effective draws per CPU second, %.1f gradient evaluations per effective draw.%n", run.physical().length * run.options().draws(),
        seconds, cpu, gradients, minEss, minEss / cpu, gradients / minEss));
    if (laplace != null) {
      b.append("Laplace: the Gaussian approximation at the optimum (mode, sd from the inverse Hessian). Where the sampled mean and sd "
          + "differ from it, the posterior is skewed, curved or bounded, and the draws are the better answer.\n");
    }
    return b.toString();
  }
}
