package org.phloem.runtime.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.phloem.runtime.OutputInfo;

/**
 * The posterior of every declared {@code output}, from the model run at the draws ({@link OutputSamples}):
 * mean, sd and the 5, 50 and 95 % quantiles of each element.
 */
public final class OutputQuantiles {
  private OutputQuantiles() {}

  /**
   * One element's posterior.
   *
   * @param output the output's name
   * @param index the flat element index
   * @param element the element's labels ("3", "ryo,5")
   * @param mean posterior mean
   * @param sd posterior sd
   * @param q5 5 % quantile
   * @param q50 median
   * @param q95 95 % quantile
   * @param unit the output's unit
   */
  public record Row(String output, int index, String element, double mean, double sd, double q5, double q50, double q95,
                    String unit) {}

  /** Summarizes every output element of {@code samples}. */
  public static List<Row> of(OutputSamples samples) {
    List<Row> rows = new ArrayList<>();
    for (int o = 0; o < samples.outputs().size(); o++) {
      OutputInfo out = samples.outputs().get(o);
      for (int e = 0; e < out.size(); e++) {
        double[] v = samples.values()[o][e].clone();
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double ss = 0;
        for (double x : v) {
          ss += (x - mean) * (x - mean);
        }
        Arrays.sort(v);
        rows.add(new Row(out.name(), e, samples.info().elementLabel(out.dims(), e), mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0,
            Diagnostics.sortedQuantile(v, 0.05), Diagnostics.sortedQuantile(v, 0.5), Diagnostics.sortedQuantile(v, 0.95), out.unit()));
      }
    }
    return rows;
  }
}
