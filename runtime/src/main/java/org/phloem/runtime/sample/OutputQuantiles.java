package org.phloem.runtime.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.OutputInfo;

/**
 * The posterior of every declared {@code output}, from the model run at the draws: mean, sd and the 5,
 * 50 and 95 % quantiles of each element. At most {@code maxDraws} draws are used, evenly thinned over
 * all chains, since each costs one forward run and all of an output's values are held at once.
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

  /** The draws, flattened over chains, thinned evenly to at most {@code maxDraws}. */
  static List<double[]> thinned(SampleRun run, int maxDraws) {
    List<double[]> all = new ArrayList<>();
    for (double[][] chain : run.physical()) {
      all.addAll(Arrays.asList(chain));
    }
    if (all.size() <= maxDraws) {
      return all;
    }
    List<double[]> out = new ArrayList<>();
    for (int k = 0; k < maxDraws; k++) {
      out.add(all.get((int) ((long) k * all.size() / maxDraws)));
    }
    return out;
  }

  /** Runs {@code model} at up to {@code maxDraws} draws of {@code run} and summarizes every declared output element. */
  public static List<Row> of(CompiledModel model, SampleRun run, int maxDraws) {
    ModelInfo info = model.info();
    List<double[]> draws = thinned(run, maxDraws);
    List<Integer> declared = new ArrayList<>();
    for (int k = 0; k < info.outputs().size(); k++) {
      if (info.outputs().get(k).role() == OutputInfo.Role.OUTPUT) {
        declared.add(k);
      }
    }
    double[][][] values = new double[declared.size()][][];
    for (int o = 0; o < declared.size(); o++) {
      values[o] = new double[info.outputs().get(declared.get(o)).size()][draws.size()];
    }
    for (int d = 0; d < draws.size(); d++) {
      model.cost(draws.get(d));
      for (int o = 0; o < declared.size(); o++) {
        double[] v = model.output(declared.get(o));
        for (int e = 0; e < v.length; e++) {
          values[o][e][d] = v[e];
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    for (int o = 0; o < declared.size(); o++) {
      OutputInfo out = info.outputs().get(declared.get(o));
      for (int e = 0; e < out.size(); e++) {
        double[] v = values[o][e];
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        double ss = 0;
        for (double x : v) {
          ss += (x - mean) * (x - mean);
        }
        Arrays.sort(v);
        rows.add(new Row(out.name(), e, info.elementLabel(out.dims(), e), mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0,
            Diagnostics.sortedQuantile(v, 0.05), Diagnostics.sortedQuantile(v, 0.5), Diagnostics.sortedQuantile(v, 0.95), out.unit()));
      }
    }
    return rows;
  }
}
