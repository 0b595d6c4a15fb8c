package org.phloem.tests.scalebench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.synth.Grid;
import org.phloem.runtime.synth.Options;
import org.phloem.runtime.synth.SyntheticClimate;
import org.phloem.tests.support.Repo;

/**
 * models/bethy_lite/bethy_lite.phl on the synthetic climate, bound in memory block by block: the grid's
 * land cells are cut into blocks of consecutive cells, each block one model instance whose dim
 * {@code cell} is the block, bound to the forcing {@link SyntheticClimate#cellDaily} makes for its
 * cells (the numbers the generator's climate.csv would hold; writing and parsing that file would take
 * 4.5 GB at 2° and 25 years). The observations are a noise-free twin: each block's per-cell mean GPP
 * and NEE at {@link #truth} parameters, which the benchmarks then evaluate at the prior means.
 */
final class GlobalBethyLite {
  /** The model's forcing inputs and the climate variables they take. */
  static final List<String> FORCING = List.of("temp", "par", "fpar", "swc");
  /** The synthetic climate's noise seed. */
  static final long SEED = 2006;
  /** The first calendar year of the synthetic run. */
  static final int FIRST_YEAR = 1980;

  private GlobalBethyLite() {}

  /** The compiled model (with derivatives). */
  static Compilation compile() throws Exception {
    return Pipeline.compile(Repo.model("bethy_lite/bethy_lite.phl"), true);
  }

  /** The climate options for a grid of {@code resolution} degrees and {@code years} years from {@link #FIRST_YEAR}. */
  static Options options(double resolution, int years, int threads) {
    return new Options(new Grid.LatLonGrid(resolution), FIRST_YEAR, years, Options.TimeStep.DAILY, SEED, threads);
  }

  /** The twin's true parameters: the prior means, each moved by a fixed fraction of its prior sd. */
  static double[] truth(CompiledModel model) {
    double[] p = model.info().priorMeans();
    double[] shift = {0.5, -0.4, 0.3, -0.5, 0.4, -0.3, 0.5, -0.4, 0.3};
    int k = 0;
    for (var param : model.info().params()) {
      for (int i = 0; i < param.size(); i++) {
        double sd = param.priorSd()[i];
        double s = shift[k++ % shift.length];
        int slot = param.offset() + i;
        p[slot] = param.logScale() ? p[slot] * Math.exp(s * sd / p[slot]) : p[slot] + s * sd;
      }
    }
    return p;
  }

  /**
   * The forcing of every block, day-major ({@code [day][cell]} flattened, as the model declares it), made
   * on {@code options.threads()} threads. Blocks hold {@code blockSize} cells (the last one fewer).
   */
  static List<Map<String, double[]>> forcing(Options options, int blockSize) throws Exception {
    List<Grid.Cell> cells = options.grid().cells();
    int[] doy = SyntheticClimate.daysOfYear(options);
    int days = doy.length;
    int[] index = FORCING.stream().mapToInt(SyntheticClimate.VARIABLES::indexOf).toArray();
    List<Map<String, double[]>> blocks = new ArrayList<>();
    for (int start = 0; start < cells.size(); start += blockSize) {
      int n = Math.min(blockSize, cells.size() - start);
      Map<String, double[]> inputs = new HashMap<>();
      for (String v : FORCING) {
        inputs.put(v, new double[days * n]);
      }
      blocks.add(inputs);
    }
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < cells.size(); c++) {
        int cell = c;
        done.add(pool.submit(() -> {
          double[][] series = SyntheticClimate.cellDaily(options, cell, cells.get(cell), doy);
          Map<String, double[]> block = blocks.get(cell / blockSize);
          int n = block.get(FORCING.get(0)).length / days;
          int local = cell % blockSize;
          for (int v = 0; v < index.length; v++) {
            double[] target = block.get(FORCING.get(v));
            double[] source = series[index[v]];
            for (int d = 0; d < days; d++) {
              target[d * n + local] = source[d];
            }
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return blocks;
  }

  /**
   * One model instance per block, with twin observations: each block is bound once without
   * observations, run at the {@link #truth} parameters, and bound again with its per-cell mean GPP and
   * NEE as the observations (the forcing arrays are shared, not copied).
   */
  static List<CompiledModel> bind(Compilation compilation, List<Map<String, double[]>> forcing, int days) {
    List<String> dayLabels = numbered(days);
    List<CompiledModel> out = new ArrayList<>();
    double[] truth = null;
    for (Map<String, double[]> f : forcing) {
      int n = f.get(FORCING.get(0)).length / days;
      double[] missing = new double[n];
      Arrays.fill(missing, Double.NaN);
      CompiledModel twin = compilation.loaded().bind(data(f, n, dayLabels, missing, missing));
      if (truth == null) {
        truth = truth(twin);
      }
      twin.cost(truth);
      double[] gpp = twin.output(outputIndex(twin, "gpp_mean")).clone();
      double[] nee = twin.output(outputIndex(twin, "nee_mean")).clone();
      out.add(compilation.loaded().bind(data(f, n, dayLabels, gpp, nee)));
    }
    return out;
  }

  /** The bound data of one block: dims sized, the day labels shared between blocks. */
  static BoundData data(Map<String, double[]> forcing, int cells, List<String> dayLabels, double[] gppObs, double[] neeObs) {
    Map<String, double[]> inputs = new HashMap<>(forcing);
    inputs.put("gpp_obs", gppObs);
    inputs.put("nee_obs", neeObs);
    return new BoundData(Map.of("cell", cells, "day", dayLabels.size()), Map.of("cell", numbered(cells), "day", dayLabels), inputs);
  }

  static int outputIndex(CompiledModel m, String name) {
    var outputs = m.info().outputs();
    for (int k = 0; k < outputs.size(); k++) {
      if (outputs.get(k).name().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("no output " + name);
  }

  static List<String> numbered(int n) {
    List<String> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add(Integer.toString(k));
    }
    return out;
  }

  /** Labels for the blocks of a site sum. */
  static List<String> blockLabels(int blocks) {
    List<String> out = new ArrayList<>(blocks);
    for (int k = 0; k < blocks; k++) {
      out.add("block" + k);
    }
    return out;
  }
}
