package org.phloem.tests.sdbm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * Fits {@code models/sdbm/sdbm.phl} to the station seasonal cycles with the runtime's {@link Fitter} and
 * {@link PosteriorAnalysis}, and formats the tables of {@code models/sdbm/README.md}.
 *
 * <p>Run (prints the tables; about a minute including the build of the data folder):
 * {@code java -cp "tests/target/test-classes:compiler/target/compiler-0.1.0-SNAPSHOT.jar:compiler/target/lib/*"
 * org.phloem.tests.sdbm.SdbmFit [DATA_DIR]}.
 */
public final class SdbmFit {
  /** The latitude ranges of sdbm.phl's parameter classes (klass 0..5), for the tables. */
  public static final String[] CLASSES = {"90S-35S", "35S-15S", "15S-15N", "15N-35N", "35N-55N", "55N-90N"};

  private SdbmFit() {}

  /** One fitted station: its code and the RMSE of the modelled seasonal cycle at the prior and the optimum. */
  public record StationFit(String station, double priorRmse, double postRmse, double obsAmplitude, double postAmplitude) {}

  /**
   * What a fit gave.
   *
   * @param names parameter slot names
   * @param prior prior means
   * @param priorSd prior sds
   * @param optimum posterior means (the optimum)
   * @param sd posterior sds
   * @param reduction uncertainty reduction 1 − sd/priorSd
   * @param correlation posterior correlations
   * @param fit the fitter's result
   * @param stations per-station fit
   * @param observations number of observations used
   * @param nppPrior global NPP at the prior [PgC/yr]
   * @param nppPost global NPP at the optimum [PgC/yr]
   * @param seconds wall time of compile + bind + fit + posterior
   */
  public record Result(List<String> names, double[] prior, double[] priorSd, double[] optimum, double[] sd,
      double[] reduction, double[][] correlation, FitResult fit, List<StationFit> stations, int observations,
      double nppPrior, double nppPost, double seconds) {}

  /** Compiles, binds to {@code dataRoot} (made by {@link SdbmData}), fits and analyses. */
  public static Result run(Path dataRoot) throws Exception {
    long t0 = System.nanoTime();
    CompiledModel model = Pipeline.compile(Repo.model("sdbm/sdbm.phl"), true).bind(dataRoot);
    ModelInfo info = model.info();
    double[] prior = info.priorMeans();
    model.cost(prior);
    double[] priorSeas = model.output(info.outputIndex("model_seas")).clone();
    double nppPrior = scalar(model, "npp_global");

    FitResult fit = Fitter.fit(model, FitOptions.defaults());
    Posterior post = PosteriorAnalysis.at(model, fit.parameters());
    model.cost(fit.parameters());
    double nppPost = scalar(model, "npp_global");
    double[] postSeas = model.output(info.outputIndex("model_seas"));
    double[] obsSeas = model.output(info.outputIndex("obs_seas"));
    double[] weight = observedMask(model);

    List<StationFit> stations = new ArrayList<>();
    int observations = 0;
    List<String> labels = info.dim("station").labels();
    for (int s = 0; s < labels.size(); s++) {
      int n = 0;
      double e0 = 0;
      double e1 = 0;
      double oMin = Double.POSITIVE_INFINITY;
      double oMax = Double.NEGATIVE_INFINITY;
      double pMin = Double.POSITIVE_INFINITY;
      double pMax = Double.NEGATIVE_INFINITY;
      for (int m = 0; m < 12; m++) {
        int k = s * 12 + m;
        if (Double.isNaN(weight[k])) {
          continue;
        }
        n++;
        e0 += sq(priorSeas[k] - obsSeas[k]);
        e1 += sq(postSeas[k] - obsSeas[k]);
        oMin = Math.min(oMin, obsSeas[k]);
        oMax = Math.max(oMax, obsSeas[k]);
        pMin = Math.min(pMin, postSeas[k]);
        pMax = Math.max(pMax, postSeas[k]);
      }
      if (n > 0) {
        observations += n;
        stations.add(new StationFit(labels.get(s), Math.sqrt(e0 / n), Math.sqrt(e1 / n), oMax - oMin, pMax - pMin));
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Result(post.names(), prior, info.priorSds(), fit.parameters(), post.sd(), post.uncertaintyReduction(),
        post.correlation(), fit, stations, observations, nppPrior, nppPost, seconds);
  }

  /** The observation model array: NaN where an element is not observed. */
  private static double[] observedMask(CompiledModel model) {
    ModelInfo info = model.info();
    for (int k = 0; k < info.outputs().size(); k++) {
      if (info.outputs().get(k).role() == org.phloem.runtime.OutputInfo.Role.OBSERVATION_MODEL) {
        return model.output(k);
      }
    }
    throw new IllegalStateException("sdbm.phl has no observation");
  }

  private static double scalar(CompiledModel model, String name) {
    return model.output(model.info().outputIndex(name))[0];
  }

  private static double sq(double x) {
    return x * x;
  }

  /** The README's tables, Markdown. */
  public static String format(Result r) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%s after %d iterations, %d evaluations; J = %.2f (observations %.2f, prior %.2f); "
        + "%d observations; %.1f s%n%n", r.fit().status(), r.fit().iterations().size(), r.fit().evaluations(),
        r.fit().cost(), r.fit().observationCost(), r.fit().priorCost(), r.observations(), r.seconds()));
    int k = CLASSES.length;
    s.append("| class | eps prior | eps posterior | eps UR | Q10 prior | Q10 posterior | Q10 UR | corr(eps, Q10) |\n");
    s.append("|---|---|---|---|---|---|---|---|\n");
    for (int c = 0; c < k; c++) {
      int q = c + k;
      s.append(String.format(Locale.ROOT, "| %s | %.2f ± %.2f | %.3f ± %.3f | %.0f %% | %.2f ± %.2f | %.3f ± %.3f | %.0f %% | %+.2f |%n",
          CLASSES[c], r.prior()[c], r.priorSd()[c], r.optimum()[c], r.sd()[c], 100 * r.reduction()[c],
          r.prior()[q], r.priorSd()[q], r.optimum()[q], r.sd()[q], 100 * r.reduction()[q], r.correlation()[c][q]));
    }
    s.append(String.format(Locale.ROOT, "%nglobal NPP: prior %.1f PgC/yr, posterior %.1f PgC/yr%n%n", r.nppPrior(), r.nppPost()));
    s.append("| station | obs. amplitude (ppm) | model amplitude (ppm) | RMSE prior (ppm) | RMSE posterior (ppm) |\n");
    s.append("|---|---|---|---|---|\n");
    for (StationFit f : r.stations()) {
      s.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f |%n", f.station(), f.obsAmplitude(),
          f.postAmplitude(), f.priorRmse(), f.postRmse()));
    }
    return s.toString();
  }

  /** Prepares the data folder (argument, or a temporary one), fits, prints the tables. */
  public static void main(String[] args) throws Exception {
    Path data = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("sdbm-data");
    SdbmData.prepare(data);
    System.out.print(format(run(data)));
  }
}
