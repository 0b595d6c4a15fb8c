package org.phloem.tests.bethy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.posterior.Posterior;
import org.phloem.runtime.posterior.PosteriorAnalysis;
import org.phloem.tests.support.Repo;

/**
 * The BETHY site experiments of models/bethy: loading a model file on the full or a reduced FI-Hyy
 * table, fitting it, and the numbers the README reports (posterior per slot, NEE misfits).
 */
public final class BethySite {
  /** The daily FI-Hyy table, relative to the data root. */
  public static final String TABLE = "fi_hyy/daily_2000_2010.csv";

  private BethySite() {}

  /** Compiles (with derivatives) {@code models/bethy/<file>} and binds it to {@code dataRoot}. */
  public static CompiledModel load(String file, Path dataRoot) throws Exception {
    return Pipeline.compile(Repo.model("bethy/" + file), true).bind(dataRoot);
  }

  /** Compiles and binds {@code models/bethy/<file>} to the repository's data. */
  public static CompiledModel load(String file) throws Exception {
    return Repo.load("bethy/" + file);
  }

  /**
   * Writes a data root under {@code dir} whose FI-Hyy table holds only the rows of {@code year}
   * (the language cannot restrict a table's rows, so a reduced run reads a reduced copy).
   */
  public static Path oneYearDataRoot(Path dir, int year) throws Exception {
    Path source = Repo.dataRoot(Repo.model("bethy/hyytiala.phl")).resolve(TABLE);
    List<String> lines = Files.readAllLines(source);
    List<String> kept = new ArrayList<>();
    kept.add(lines.get(0));
    String prefix = year + ",";
    for (String line : lines.subList(1, lines.size())) {
      if (line.startsWith(prefix)) {
        kept.add(line);
      }
    }
    Path target = dir.resolve(TABLE);
    Files.createDirectories(target.getParent());
    Files.write(target, kept);
    return dir;
  }

  /** What one fit gives: the optimum, its posterior and the misfits, and how long it took. */
  public record Outcome(String model, double[] priorMean, FitResult fit, Posterior posterior, double rmseFitPrior, double rmseFit,
      double rmseHeldoutPrior, double rmseHeldout, double neeHeldoutAnnual, long fitMillis, long posteriorMillis) {}

  /** Fits {@code model} from its prior means (default options) and analyses the posterior there. */
  public static Outcome fitAndAnalyse(CompiledModel model) {
    double[] prior = model.info().priorMeans();
    model.cost(prior);
    double rmseFitPrior = scalar(model, "rmse_nee_fit");
    double rmseHeldoutPrior = scalar(model, "rmse_nee_heldout");
    long t0 = System.nanoTime();
    FitResult fit = Fitter.fit(model, FitOptions.defaults());
    long t1 = System.nanoTime();
    Posterior posterior = PosteriorAnalysis.at(model, fit.parameters());
    long t2 = System.nanoTime();
    model.cost(fit.parameters());
    return new Outcome(model.info().name(), prior, fit, posterior, rmseFitPrior, scalar(model, "rmse_nee_fit"), rmseHeldoutPrior,
        scalar(model, "rmse_nee_heldout"), scalar(model, "nee_annual_heldout"), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
  }

  /** The value of scalar output {@code name} from the model's last evaluation. */
  public static double scalar(CompiledModel model, String name) {
    int k = model.info().outputIndex(name);
    if (k < 0) {
      throw new IllegalArgumentException("no output " + name + " in " + model.info().name());
    }
    return model.output(k)[0];
  }

  /**
   * 1 − posterior sd / prior sd of slot i, on the scale the prior is given on: for a {@code log} slot
   * the sd of ln p (sd/p̂ against σ/p0), since there the physical sd at the optimum p̂ and the prior's at
   * p0 are not comparable (a parameter that moved up gets a larger physical sd for the same ln p sd).
   */
  public static double uncertaintyReduction(ModelInfo info, Posterior p, int i) {
    if (!info.logScale()[i]) {
      return 1 - p.sd()[i] / p.priorSd()[i];
    }
    return 1 - (p.sd()[i] / p.optimum()[i]) / (p.priorSd()[i] / info.priorMeans()[i]);
  }

  /** The flat slot of {@code name} ("vm[4]", "q10f", ...). */
  public static int slot(ModelInfo info, String name) {
    int i = info.slotNames().indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no parameter slot " + name);
    }
    return i;
  }
}
