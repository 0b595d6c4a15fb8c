package org.phloem.compiler.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.engine.Engine;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.fit.SearchSpace;
import org.phloem.runtime.posterior.Posterior;
import org.phloem.runtime.posterior.PosteriorAnalysis;
import org.phloem.runtime.report.AtomicFiles;
import org.phloem.runtime.report.FitReport;
import org.phloem.runtime.report.Plots;
import org.phloem.runtime.sample.ChainCheckpoint;
import org.phloem.runtime.sample.ChainState;
import org.phloem.runtime.sample.ChainStateFile;
import org.phloem.runtime.sample.OutputQuantiles;
import org.phloem.runtime.sample.OutputSamples;
import org.phloem.runtime.sample.PosteriorDensity;
import org.phloem.runtime.sample.SampleException;
import org.phloem.runtime.sample.SampleOptions;
import org.phloem.runtime.sample.SamplePlots;
import org.phloem.runtime.sample.SampleRun;
import org.phloem.runtime.sample.SampleTables;
import org.phloem.runtime.sample.SampleWarnings;
import org.phloem.runtime.sample.Sampler;
import org.phloem.runtime.sample.SummaryRow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code phloem sample MODEL}: draws from the full posterior with the No-U-Turn Sampler on the adjoint
 * gradient (see the runtime's {@code sample} package), prints the summary with R̂ and ESS beside the
 * Laplace approximation at the optimum, and writes draws, summaries and plots. Each chain's state is
 * saved as it goes, so {@code --resume DIR} continues a stopped run. Exit 0 when the diagnostics are
 * clean, 1 when any says the draws are not yet reliable (the files are still written).
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = {"Sample the posterior with the No-U-Turn Sampler (Stan's algorithm) on the adjoint gradient, and compare it with "
        + "the Gaussian (Laplace) approximation at the optimum."},
    footer = {"", "Writes draws.csv, sampler.csv, summary.csv, laplace.csv, output_quantiles.csv, summary.txt, trace and pair plots, and "
        + "chain-K.state (resume a stopped run with --resume DIR).",
        "Exit 0 when R-hat <= 1.01, ESS >= 100 per chain and no transition diverged; 1 otherwise (the files are still written)."})
final class SampleCommand implements Callable<Integer> {

  /** Which output posteriors to compute and write. */
  enum Outputs { none, quantiles, draws }

  /** The metric the warm-up estimates. */
  enum MetricKind { diag, dense }

  @Parameters(index = "0", paramLabel = "MODEL", description = "the model file (.phl)")
  Path model;

  @Mixin DataOptions data = new DataOptions();

  @Option(names = "--chains", paramLabel = "N", defaultValue = "4", description = "number of chains (default: ${DEFAULT-VALUE})")
  int chains;

  @Option(names = "--draws", paramLabel = "M", defaultValue = "1000", description = "kept draws per chain (default: ${DEFAULT-VALUE})")
  int draws;

  @Option(names = "--warmup", paramLabel = "W", defaultValue = "1000",
      description = "warm-up iterations per chain, adapting step size and metric (default: ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "random seed; the same seed and chain count give the same draws (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--max-depth", paramLabel = "D", defaultValue = "10",
      description = "at most 2^D leapfrog steps per transition (default: ${DEFAULT-VALUE})")
  int maxDepth;

  @Option(names = "--target-accept", paramLabel = "A", defaultValue = "0.8",
      description = "mean acceptance the step size is adapted to; raise it (0.9-0.99) against divergences (default: ${DEFAULT-VALUE})")
  double targetAccept;

  @Option(names = "--metric", paramLabel = "diag|dense", defaultValue = "diag",
      description = "the metric the warm-up estimates: diag (one variance per parameter, Stan's default) or dense (the whole "
          + "covariance: faster on strongly correlated posteriors, O(n^2) per step) (default: ${DEFAULT-VALUE})")
  MetricKind metric;

  @Option(names = "--threads", paramLabel = "T", description = "chains run at once (default: the number of cores, at most --chains)")
  Integer threads;

  @Option(names = "--outputs", paramLabel = "none|quantiles|draws", defaultValue = "quantiles",
      description = "posterior of every declared output from the model run at up to --output-draws draws: quantiles "
          + "(output_quantiles.csv), or draws (output_draws.csv as well, one row per draw used) (default: ${DEFAULT-VALUE})")
  Outputs outputs;

  @Option(names = "--output-draws", paramLabel = "N", defaultValue = "1000",
      description = "draws (evenly thinned over all chains) the output posteriors use (default: ${DEFAULT-VALUE})")
  int outputDraws;

  @Option(names = "--no-laplace", description = "skip the fit to the optimum and the Laplace comparison")
  boolean noLaplace;

  @Option(names = "--no-plots", description = "do not draw the trace and pair plots")
  boolean noPlots;

  @Option(names = "--out", paramLabel = "DIR", description = "the output folder (default: phloem-out/MODEL-NAME/sample)")
  Path out;

  @Option(names = "--overwrite", description = "replace the saved run in the output folder instead of refusing")
  boolean overwrite;

  @Option(names = "--resume", paramLabel = "DIR", description = "continue the stopped run saved in DIR, with the same options")
  Path resume;

  @Mixin EngineOptions engine = new EngineOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    SampleOptions options;
    try {
      int cores = Runtime.getRuntime().availableProcessors();
      options = new SampleOptions(chains, draws, warmup, seed, maxDepth, targetAccept, threads != null ? threads : Math.min(cores, chains),
          metric == MetricKind.dense);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (outputDraws < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--output-draws must be at least 1, got " + outputDraws);
    }
    if (resume != null && !engine.local()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--resume goes on with the local engine only (a chain on a Spark"
          + " executor saves its state on the driver only when it ends); leave out --engine and --master");
    }
    CompiledModel m = data.load(model, true);
    Fittable.require(m.info(), "sample");
    String name = m.info().name();
    Path folder = resume != null ? resume : out != null ? out : Path.of("phloem-out", name, "sample");
    if (resume == null && Files.exists(ChainStateFile.of(folder, 0)) && !overwrite) {
      throw new UserErrors.UserException(folder + " holds a saved sampling run; continue it with --resume " + folder
          + ", choose another --out, or replace it with --overwrite");
    }
    Files.createDirectories(folder);
    SearchSpace space = SearchSpace.of(m.info(), null);
    PosteriorDensity target = new PosteriorDensity(m, space);
    ChainStateFile.RunIdentity identity = new ChainStateFile.RunIdentity(name, m.info().slotNames(), options);

    Progress progress = new Progress(options.chains());
    long start = System.nanoTime();
    SampleRun run;
    try (Engine e = engine.open(spec.commandLine(), threads)) {
      String where = engine.local() ? options.threads() + " at once" : "one Spark task each on " + e.description()
          + "; a line per chain as it ends";
      System.out.printf(Locale.ROOT, "Sampling %s: %d parameters, %d chain(s) of %d warm-up and %d kept draws (seed %d, %s metric), %s.%n",
          name, m.info().parameterCount(), chains, warmup, draws, seed, metric == MetricKind.dense ? "dense" : "diagonal", where);
      if (resume != null) {
        List<ChainState> states = new ArrayList<>();
        for (int c = 0; c < chains; c++) {
          states.add(ChainStateFile.read(ChainStateFile.of(folder, c), identity, c));
        }
        System.out.println("Resuming from the states saved in " + folder + ".");
        run = SampleRun.of(space, Sampler.resume(target, options, states, progress, c -> saver(folder, identity, c)), options);
      } else {
        run = e.sample(m, EngineOptions.portable(m), options, progress, c -> saver(folder, identity, c));
      }
    } catch (SampleException e) {
      throw new UserErrors.UserException("sampling stopped: " + e.getMessage());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<SummaryRow> summary = run.summary();

    Posterior laplace = noLaplace ? null : laplace(m.copy());
    String table = SampleSummaryText.format(run, summary, laplace, seconds);
    System.out.print(table);
    List<String> warnings = SampleWarnings.of(run, summary);
    StringBuilder verdict = new StringBuilder();
    if (warnings.isEmpty()) {
      verdict.append("Diagnostics: R-hat <= 1.01 and ESS >= 100 per chain for every parameter, no divergent transition.\n");
    } else {
      verdict.append("The draws are NOT yet reliable:\n");
      for (String w : warnings) {
        verdict.append("  - ").append(w).append('\n');
      }
    }
    System.out.print(verdict);

    List<Path> written = new ArrayList<>();
    written.add(write(folder.resolve("draws.csv"), SampleTables.draws(run)));
    written.add(write(folder.resolve("sampler.csv"), SampleTables.sampler(run)));
    written.add(write(folder.resolve("summary.csv"), SampleTables.summary(summary)));
    if (laplace != null) {
      written.add(write(folder.resolve("laplace.csv"), SampleTables.laplace(laplace, summary)));
    }
    if (outputs != Outputs.none) {
      OutputSamples samples = OutputSamples.of(m, run, outputDraws);
      written.add(write(folder.resolve("output_quantiles.csv"), SampleTables.outputs(OutputQuantiles.of(samples))));
      if (outputs == Outputs.draws) {
        written.add(write(folder.resolve("output_draws.csv"), SampleTables.outputDraws(samples)));
      }
    }
    written.add(write(folder.resolve("summary.txt"), table + verdict));
    if (!noPlots) {
      List<Plots.Png> pngs = new ArrayList<>(SamplePlots.traces(run, summary));
      pngs.addAll(SamplePlots.pairs(run));
      for (Plots.Png png : pngs) {
        Path f = folder.resolve(png.fileName());
        AtomicFiles.write(f, png.bytes());
        written.add(f);
      }
    }
    System.out.println("Wrote " + written.size() + " files (and the chain states) to " + folder.toAbsolutePath().normalize());
    return warnings.isEmpty() ? 0 : 1;
  }

  private static Path write(Path file, String text) throws IOException {
    AtomicFiles.write(file, text);
    return file;
  }

  private static ChainCheckpoint saver(Path folder, ChainStateFile.RunIdentity identity, int chain) {
    Path file = ChainStateFile.of(folder, chain);
    return s -> {
      try {
        ChainStateFile.write(file, identity, s);
      } catch (IOException e) {
        System.err.println("warning: could not save the state of chain " + (chain + 1) + " in " + file + ": " + UserErrors.reason(e)
            + " (the run goes on, but cannot be resumed from here)");
      }
    };
  }

  /** The Laplace approximation at the optimum, or null (with a note) when the fit does not converge. */
  private static Posterior laplace(CompiledModel m) {
    System.out.println("Fitting to the optimum for the Laplace comparison (--no-laplace skips this)...");
    FitResult fit = Fitter.fit(m, FitOptions.defaults());
    if (!fit.status().isConverged()) {
      System.out.println("No Laplace comparison: the fit did not converge (" + fit.status() + ").");
      return null;
    }
    try {
      // the same posterior fit reports: conditional on the slots held on a bound (no Laplace sd for those)
      return PosteriorAnalysis.at(m, fit.parameters(), FitReport.held(fit));
    } catch (RuntimeException e) {
      System.out.println("No Laplace comparison: " + e.getMessage());
      return null;
    }
  }

  /** Prints each chain's progress at every tenth of its iterations (and its end), one line at a time. */
  private static final class Progress implements org.phloem.runtime.sample.SampleListener {
    private final long start = System.nanoTime();
    private final int[] lastTenth;

    Progress(int chains) {
      lastTenth = new int[chains];
    }

    @Override
    public synchronized void progress(int chain, int done, int warmup, int total, int divergences) {
      int tenth = (int) ((long) done * 10 / total);
      if (tenth == lastTenth[chain] && done != total) {
        return;
      }
      lastTenth[chain] = tenth;
      double elapsed = (System.nanoTime() - start) / 1e9;
      // the chains run side by side, so this chain's own pace estimates the time left
      double left = elapsed / done * (total - done);
      System.out.printf(Locale.ROOT, "chain %d: %5d / %d %-10s %3d%%  %7.1f s%s%s%n", chain + 1, done, total,
          done <= warmup ? "(warm-up)" : "(sampling)", 100L * done / total, elapsed,
          done < total ? String.format(Locale.ROOT, ", about %.0f s left", left) : "",
          divergences > 0 ? "  divergent so far: " + divergences : "");
    }
  }
}
