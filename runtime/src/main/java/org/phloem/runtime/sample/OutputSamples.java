package org.phloem.runtime.sample;

import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.OutputInfo;

/**
 * Every declared {@code output} computed at a set of posterior draws: the model is run once per draw.
 * At most {@code maxDraws} draws are used, evenly thinned over all chains, since each costs one forward
 * run and all of an output's values are held at once. The source of each draw (chain, draw) is kept
 * so that a row of output_draws.csv can be joined with draws.csv.
 *
 * @param info the model's description (output names, dims, element labels)
 * @param outputs the declared outputs, in declaration order
 * @param picks the draws used
 * @param values values[o][e][d]: output o, element e, at pick d
 */
public record OutputSamples(ModelInfo info, List<OutputInfo> outputs, List<Pick> picks, double[][][] values) {

  /**
   * One draw used.
   *
   * @param chain the chain, from 0
   * @param draw the draw within the chain, from 0
   * @param physical the parameters in physical units
   */
  public record Pick(int chain, int draw, double[] physical) {}

  /** The draws, flattened over chains, thinned evenly to at most {@code maxDraws}. */
  static List<Pick> thinned(SampleRun run, int maxDraws) {
    List<Pick> all = new ArrayList<>();
    double[][][] chains = run.physical();
    for (int c = 0; c < chains.length; c++) {
      for (int k = 0; k < chains[c].length; k++) {
        all.add(new Pick(c, k, chains[c][k]));
      }
    }
    if (all.size() <= maxDraws) {
      return all;
    }
    List<Pick> out = new ArrayList<>(maxDraws);
    for (int k = 0; k < maxDraws; k++) {
      out.add(all.get((int) ((long) k * all.size() / maxDraws)));
    }
    return out;
  }

  /** Runs {@code model} at up to {@code maxDraws} draws of {@code run} and keeps every declared output element. */
  public static OutputSamples of(CompiledModel model, SampleRun run, int maxDraws) {
    ModelInfo info = model.info();
    List<Pick> picks = thinned(run, maxDraws);
    List<Integer> declared = new ArrayList<>();
    List<OutputInfo> outputs = new ArrayList<>();
    for (int k = 0; k < info.outputs().size(); k++) {
      if (info.outputs().get(k).role() == OutputInfo.Role.OUTPUT) {
        declared.add(k);
        outputs.add(info.outputs().get(k));
      }
    }
    double[][][] values = new double[declared.size()][][];
    for (int o = 0; o < declared.size(); o++) {
      values[o] = new double[outputs.get(o).size()][picks.size()];
    }
    for (int d = 0; d < picks.size(); d++) {
      model.cost(picks.get(d).physical());
      for (int o = 0; o < declared.size(); o++) {
        double[] v = model.output(declared.get(o));
        for (int e = 0; e < v.length; e++) {
          values[o][e][d] = v[e];
        }
      }
    }
    return new OutputSamples(info, List.copyOf(outputs), List.copyOf(picks), values);
  }

  /** The column name of output {@code o}'s element {@code e}: the output's name, and its labels in brackets. */
  public String column(int o, int e) {
    OutputInfo out = outputs.get(o);
    return out.size() == 1 && out.dims().isEmpty() ? out.name() : out.name() + "[" + info.elementLabel(out.dims(), e) + "]";
  }
}
