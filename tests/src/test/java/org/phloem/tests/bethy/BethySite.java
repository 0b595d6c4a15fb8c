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
      double rmseHeldoutPrior, double rmseHeldout, double neeHeldoutAnnual, double rslowAnnual, long fitMillis, long posteriorMillis) {}

  /** Fits {@code model} from its prior means (default options) and analyses the posterior there. */
  public static Outcome fitAndAnalyse(CompiledModel model) {
    return fitAndAnalyse(model, null);
  }

  /** Fits {@code model} from {@code start} (physical units; null: the prior means) and analyses the posterior there. */
  public static Outcome fitAndAnalyse(CompiledModel model, double[] start) {
    long t0 = System.nanoTime();
    FitResult fit = Fitter.fit(model, FitOptions.defaults().withStart(start));
    return analyse(model, fit, (System.nanoTime() - t0) / 1_000_000);
  }

  /** The posterior and the misfits at the optimum of {@code fit}. */
  static Outcome analyse(CompiledModel model, FitResult fit, long fitMillis) {
    double[] prior = model.info().priorMeans();
    model.cost(prior);
    double rmseFitPrior = scalar(model, "rmse_nee_fit");
    double rmseHeldoutPrior = scalar(model, "rmse_nee_heldout");
    long t1 = System.nanoTime();
    // the posterior conditional on the slots the fit holds on a bound (fs at 0 in the NEE fits)
    boolean[] held = new boolean[fit.parameters().length];
    for (int i = 0; i < held.length; i++) {
      held[i] = fit.bounds().get(i).isActive();
    }
    Posterior posterior = PosteriorAnalysis.at(model, fit.parameters(), held);
    long t2 = System.nanoTime();
    model.cost(fit.parameters());
    return new Outcome(model.info().name(), prior, fit, posterior, rmseFitPrior, scalar(model, "rmse_nee_fit"), rmseHeldoutPrior,
        scalar(model, "rmse_nee_heldout"), scalar(model, "nee_annual_heldout"), scalar(model, "rslow_annual"), fitMillis,
        (t2 - t1) / 1_000_000);
  }

  /** The best optimum of each arm of a CO2 experiment, and every fit that was made to find them. */
  public record CrossStarted(Outcome varying, Outcome fixed, List<String> log) {
    /** J(fixed) − J(varying) at the two best optima. */
    public double deltaCost() {
      return fixed.fit().cost() - varying.fit().cost();
    }
  }

  /**
   * The README's protocol for the CO2 experiment: each arm fitted from the prior means, then each from
   * the other arm's best optimum (the two models have the same parameters), again until a round improves
   * neither arm by more than 0.01 in J (at most three rounds). A minimizer that stops early in one arm is
   * then restarted from where the other got, so the comparison is between optima, not stopping points.
   */
  public static CrossStarted crossStarted(CompiledModel varying, CompiledModel fixed) {
    List<String> log = new ArrayList<>();
    FitResult v = fit(log, varying, "from the prior means", null);
    FitResult f = fit(log, fixed, "from the prior means", null);
    for (int round = 1; round <= 3; round++) {
      FitResult f2 = fit(log, fixed, "from the varying arm's best optimum", v.parameters());
      FitResult fBest = f2.cost() < f.cost() ? f2 : f;
      FitResult v2 = fit(log, varying, "from the fixed arm's best optimum", fBest.parameters());
      boolean improved = f2.cost() < f.cost() - 0.01 || v2.cost() < v.cost() - 0.01;
      f = fBest;
      v = v2.cost() < v.cost() ? v2 : v;
      if (!improved) {
        break;
      }
    }
    return new CrossStarted(analyse(varying, v, 0), analyse(fixed, f, 0), log);
  }

  private static FitResult fit(List<String> log, CompiledModel model, String what, double[] start) {
    FitResult r = Fitter.fit(model, FitOptions.defaults().withStart(start));
    log.add(String.format(java.util.Locale.ROOT, "%s %s: J = %.4f, %s", model.info().name(), what, r.cost(), r.status()));
    return r;
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

  /** The flat slot of {@code name} in a list of slot names. */
  public static int slot(List<String> names, String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("no parameter slot " + name);
    }
    return i;
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
