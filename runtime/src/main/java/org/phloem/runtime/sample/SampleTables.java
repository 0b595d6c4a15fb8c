package org.phloem.runtime.sample;

import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.posterior.Posterior;
import org.phloem.runtime.report.Csv;

/** The CSV files of a sampling run, as text. */
public final class SampleTables {
  private SampleTables() {}

  /** draws.csv: chain, draw (both from 1), then one column per parameter slot, physical units. */
  public static String draws(SampleRun run) {
    List<Object> header = new ArrayList<>(List.of("chain", "draw"));
    header.addAll(run.names());
    Csv csv = new Csv().row(header);
    for (int c = 0; c < run.physical().length; c++) {
      for (int k = 0; k < run.physical()[c].length; k++) {
        List<Object> row = new ArrayList<>(run.names().size() + 2);
        row.add(c + 1);
        row.add(k + 1);
        for (double v : run.physical()[c][k]) {
          row.add(v);
        }
        csv.row(row);
      }
    }
    return csv.toString();
  }

  /** sampler.csv: chain, draw, lp, accept_stat, treedepth, n_leapfrog, divergent, energy (Stan's sampler diagnostics). */
  public static String sampler(SampleRun run) {
    Csv csv = new Csv().row("chain", "draw", "lp", "accept_stat", "treedepth", "n_leapfrog", "divergent", "energy");
    for (ChainDraws c : run.chains()) {
      for (int k = 0; k < c.size(); k++) {
        csv.row(c.chain() + 1, k + 1, c.logDensity()[k], c.acceptStat()[k], c.treeDepth()[k], c.leapfrogs()[k],
            c.divergent()[k] ? 1 : 0, c.energy()[k]);
      }
    }
    return csv.toString();
  }

  /** summary.csv: name, mean, sd, q5, q50, q95, rhat, ess_bulk, ess_tail. */
  public static String summary(List<SummaryRow> rows) {
    Csv csv = new Csv().row("name", "mean", "sd", "q5", "q50", "q95", "rhat", "ess_bulk", "ess_tail");
    for (SummaryRow r : rows) {
      csv.row(r.name(), r.mean(), r.sd(), r.q5(), r.q50(), r.q95(), r.rhat(), r.essBulk(), r.essTail());
    }
    return csv.toString();
  }

  /** output_quantiles.csv: output, index, element, mean, sd, q5, q50, q95, unit. */
  public static String outputs(List<OutputQuantiles.Row> rows) {
    Csv csv = new Csv().row("output", "index", "element", "mean", "sd", "q5", "q50", "q95", "unit");
    for (OutputQuantiles.Row r : rows) {
      csv.row(r.output(), r.index(), r.element(), r.mean(), r.sd(), r.q5(), r.q50(), r.q95(), r.unit());
    }
    return csv.toString();
  }

  /**
   * output_draws.csv: chain, draw (both from 1, as in draws.csv, so rows join), then one column per
   * declared output element, named {@code output[labels]}; one row per draw used.
   */
  public static String outputDraws(OutputSamples samples) {
    List<Object> header = new ArrayList<>(List.of("chain", "draw"));
    for (int o = 0; o < samples.outputs().size(); o++) {
      for (int e = 0; e < samples.outputs().get(o).size(); e++) {
        header.add(samples.column(o, e));
      }
    }
    Csv csv = new Csv().row(header);
    for (int d = 0; d < samples.picks().size(); d++) {
      List<Object> row = new ArrayList<>(header.size());
      row.add(samples.picks().get(d).chain() + 1);
      row.add(samples.picks().get(d).draw() + 1);
      for (double[][] output : samples.values()) {
        for (double[] element : output) {
          row.add(element[d]);
        }
      }
      csv.row(row);
    }
    return csv.toString();
  }

  /**
   * laplace.csv: name, laplace_mode, laplace_sd, sampled_mean, sampled_sd, sd_ratio (sampled/Laplace):
   * where the Gaussian approximation at the optimum holds, the ratio is near 1 and the mean near the mode.
   */
  public static String laplace(Posterior laplace, List<SummaryRow> rows) {
    Csv csv = new Csv().row("name", "laplace_mode", "laplace_sd", "sampled_mean", "sampled_sd", "sd_ratio");
    for (int i = 0; i < rows.size(); i++) {
      SummaryRow r = rows.get(i);
      csv.row(r.name(), laplace.optimum()[i], laplace.sd()[i], r.mean(), r.sd(), r.sd() / laplace.sd()[i]);
    }
    return csv.toString();
  }
}
