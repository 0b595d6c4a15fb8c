package org.phloem.compiler.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.check.CheckOptions;
import org.phloem.runtime.check.CheckReport;
import org.phloem.runtime.check.DirectionRow;
import org.phloem.runtime.check.GradientRow;
import org.phloem.runtime.check.ModelCheck;
import org.phloem.runtime.fit.FitCheckpoint;
import org.phloem.runtime.fit.FitException;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.FitState;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.fit.IterationListener;
import org.phloem.runtime.fit.IterationRecord;
import org.phloem.runtime.multistart.MultiStart;
import org.phloem.runtime.multistart.MultiStartOptions;
import org.phloem.runtime.multistart.MultiStartResult;
import org.phloem.runtime.multistart.StartOutcome;
import org.phloem.runtime.report.AtomicFiles;
import org.phloem.runtime.report.FitReport;
import org.phloem.runtime.report.MultiStartReport;
import org.phloem.runtime.report.ReportTables;
import org.phloem.runtime.report.ReportWriter;
import org.phloem.runtime.report.StartProgressLines;
import org.phloem.runtime.report.SummaryTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code phloem fit MODEL}: fits the parameters to the observations, printing one line per iteration,
 * then the status, the summary table and the report folder; saves its state after every iteration so
 * that {@code --resume} continues a fit that was stopped. Exit 0 when converged, 1 otherwise.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
    description = "Fit the parameters to the observations and write the posterior, outputs, residuals and plots.",
    footer = {"", "Writes parameters.csv, correlation.csv, outputs.csv, residuals.csv, iterations.csv, summary.txt, PNG plots",
        "and " + SavedFit.FILE + " (rewritten after every iteration; continue a stopped fit with --resume DIR);",
        "with --starts N also starts.csv (every start: status, where it began and ended) and optima.csv (the distinct optima).",
        "Exit 0 when the fit converged, 1 when it did not (the report is still written)."})
final class FitCommand implements Callable<Integer> {

  /** The minimizers as the command line names them. */
  enum Method {
    auto(FitOptions.Method.AUTO), lbfgs(FitOptions.Method.LBFGS), lm(FitOptions.Method.LEVENBERG_MARQUARDT);

    final FitOptions.Method value;

    Method(FitOptions.Method value) {
      this.value = value;
    }
  }

  /** The seed of --starts when none is given. */
  static final long DEFAULT_SEED = 1;

  /** Relative error of a derivative above which the check at the start stops the fit. */
  static final double WRONG_DERIVATIVE = 1e-3;

  @Parameters(index = "0", paramLabel = "MODEL", description = "the model file (.phl)")
  Path model;

  @Mixin DataOptions data = new DataOptions();

  @Option(names = "--start", paramLabel = "prior|FILE",
      description = "where the search starts: 'prior' (the prior means, default) or a CSV with columns name,value")
  String start;

  @Option(names = "--out", paramLabel = "DIR", description = "the report folder (default: phloem-out/MODEL-NAME/fit, or the --resume folder)")
  Path out;

  @Option(names = "--max-iter", paramLabel = "N", description = "iteration limit of the minimizer (default: 1000 for L-BFGS, 500 for LM)")
  Integer maxIter;

  @Option(names = "--method", paramLabel = "auto|lbfgs|lm",
      description = "minimizer: lm (Levenberg-Marquardt) for least squares, lbfgs otherwise; auto picks lm when no parameter has a prior "
          + "(default: auto)")
  Method method;

  @Option(names = "--no-check", description = "skip the gradient check at the start")
  boolean noCheck;

  @Option(names = "--no-plots", description = "do not draw the PNG plots (faster)")
  boolean noPlots;

  @Option(names = "--starts", paramLabel = "N",
      description = "fit from N starts: the default start (start 0) and N-1 drawn from the prior, fitted in parallel; reports the "
          + "distinct optima (starts.csv, optima.csv) and the best converged one in full (default: 1)")
  Integer starts;

  @Option(names = "--seed", paramLabel = "S", description = "seed of the starts drawn for --starts; the same seed gives the same starts "
      + "and results (default: " + DEFAULT_SEED + ")")
  Long seed;

  @Option(names = "--threads", paramLabel = "T",
      description = "how many of the --starts run at once (default: the number of cores); the results do not depend on it")
  Integer threads;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "continue the fit saved in DIR (an earlier fit's report folder) from its last iteration; --max-iter may raise its limit")
  Path resume;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (maxIter != null && maxIter < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-iter must be at least 1, got " + maxIter);
    }
    if (resume != null && (start != null || method != null || starts != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--resume continues the saved fit with its own start and method; leave out --start, --method and --starts");
    }
    if (starts != null && starts < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--starts must be at least 1, got " + starts);
    }
    if (threads != null && threads < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
    }
    if ((seed != null || threads != null) && starts == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--seed and --threads apply to a multi-start fit; add --starts N");
    }
    CompiledModel m = data.load(model, true);
    Fittable.require(m.info(), "fit");
    Path folder = out != null ? out : resume != null ? folderOf(resume) : Path.of("phloem-out", m.info().name(), "fit");
    Files.createDirectories(folder);
    FitCheckpoint checkpoint = SavedFit.writingTo(folder);
    IterationListener printer = r -> System.out.println(r.toLine());

    FitResult result;
    if (resume != null) {
      FitState state = SavedFit.read(resume);
      if (maxIter != null) {
        state = state.withMaxIterations(maxIter);
      }
      System.out.printf("Resuming the fit of %s saved in %s after %d iteration(s).%n", m.info().name(), resume, state.minimizer().iteration());
      System.out.println(IterationRecord.header());
      for (IterationRecord r : state.minimizer().log()) {
        System.out.println(r.toLine());
      }
      result = Fitter.resume(m, state, printer, checkpoint);
    } else {
      double[] p0 = ParameterFile.start(start, m.info());
      if (!noCheck && !gradientCheckPasses(m, p0)) {
        return 1;
      }
      FitOptions options = FitOptions.defaults().withStart(p0).withListener(printer).withCheckpoint(checkpoint);
      if (method != null) {
        options = options.withMethod(method.value);
      }
      if (maxIter != null) {
        options = options.withMaxIterations(maxIter);
      }
      if (starts != null) {
        return fitFromManyStarts(m, options.withListener(IterationListener.NONE).withCheckpoint(FitCheckpoint.NONE), folder, checkpoint);
      }
      System.out.printf("Fitting %s: %d parameters, %d observe statement(s); state saved after every iteration in %s%n",
          m.info().name(), m.info().parameterCount(), m.info().observations().size(), folder.resolve(SavedFit.FILE));
      System.out.println(IterationRecord.header());
      result = Fitter.fit(m, options);
    }
    System.out.println();
    writeReport(m, result, folder, "", List.of());
    return verdict(result, folder);
  }

  /**
   * --starts N: the starts run in parallel (progress lines only, no iteration lines); the optima are
   * printed and written, and the best converged start's fit is reported in full, its last state saved
   * for --resume.
   */
  private int fitFromManyStarts(CompiledModel m, FitOptions options, Path folder, FitCheckpoint checkpoint) throws Exception {
    MultiStartOptions ms = MultiStartOptions.of(starts, seed != null ? seed : DEFAULT_SEED);
    if (threads != null) {
      ms = ms.withThreads(threads);
    }
    System.out.printf("Fitting %s from %d starts (start 0 the default, the others drawn from the prior with seed %d), %d at a time: "
        + "%d parameters, %d observe statement(s). One line per finished start:%n", m.info().name(), ms.starts(), ms.seed(),
        Math.min(ms.threads(), ms.starts()), m.info().parameterCount(), m.info().observations().size());
    MultiStartResult all = MultiStart.run(m, options, ms, new StartProgressLines(System.out));
    String block = MultiStartReport.text(all, m.info());
    System.out.println();
    System.out.print(block);
    List<Path> tables = List.of(folder.resolve("starts.csv"), folder.resolve("optima.csv"));
    AtomicFiles.write(tables.get(0), MultiStartReport.startsCsv(all, m.info()));
    AtomicFiles.write(tables.get(1), MultiStartReport.optimaCsv(all, m.info()));
    StartOutcome reported = all.reported().orElse(null);
    if (reported == null) {
      System.out.println("No start could be fitted; starts.csv says why for each.");
      return 1;
    }
    if (reported.lastState() != null) {
      checkpoint.save(reported.lastState());
    }
    System.out.printf("%nThe fit from start %d:%n", reported.index());
    writeReport(m, reported.result(), folder, block, tables);
    return verdict(reported.result(), folder);
  }

  /** Exit 0 for a converged fit; otherwise says what to try and returns 1. */
  private int verdict(FitResult result, Path folder) {
    if (!result.status().isConverged()) {
      System.out.println("The fit did not converge. What to try: " + (result.status().advice().isEmpty() ? "see above." : result.status().advice()));
      System.out.printf("To continue from where it stopped: phloem fit %s --resume %s --max-iter N%n", model, folder);
      return 1;
    }
    return 0;
  }

  /** The folder of a --resume argument (it may name the state file itself). */
  private static Path folderOf(Path resume) {
    return resume.getFileName() != null && resume.getFileName().toString().equals(SavedFit.FILE) && resume.getParent() != null
        ? resume.getParent() : resume;
  }

  /**
   * A quick check (one random direction) at the start. A derivative off by more than
   * {@value #WRONG_DERIVATIVE} (relative) stops the fit: the minimizer would follow it nowhere. Smaller
   * disagreements, still above the check's tolerance, are usually finite-difference rounding or a kink
   * (min, max, if) next to the point: they are printed as a warning and the fit goes on.
   */
  private static boolean gradientCheckPasses(CompiledModel m, double[] p0) {
    CheckOptions defaults = CheckOptions.defaults();
    CheckOptions quick = new CheckOptions(defaults.gradientTolerance(), defaults.tangentTolerance(), defaults.hessianTolerance(), 1,
        defaults.seed());
    CheckReport report = ModelCheck.run(m, p0, quick);
    if (report.passed()) {
      System.out.printf("Gradient check at the start: passed (%d parameters, tangent and Hessian-vector on one direction).%n",
          p0.length);
      return true;
    }
    double worst = 0;
    for (GradientRow r : report.gradient()) {
      worst = Math.max(worst, r.flagged() ? r.relativeError() : 0);
    }
    for (DirectionRow r : report.directions()) {
      worst = Math.max(worst, r.flagged() ? r.relativeError() : 0);
    }
    if (worst <= WRONG_DERIVATIVE) {
      System.out.printf("Gradient check at the start: %d row(s) above tolerance, the worst by %.1e (relative), which finite-difference "
          + "rounding or a kink explains; fitting anyway. Details: phloem check MODEL%n", report.failures().size(), worst);
      return true;
    }
    System.out.print(report.format());
    System.out.println("The gradient check at the start failed, so the fit would follow wrong derivatives. Likely causes, most likely first:");
    for (String c : CheckAdvice.causes(report, m.info(), p0)) {
      System.out.println("  - " + c);
    }
    System.out.println("Run 'phloem check MODEL --random 5' to see where; --no-check fits anyway.");
    return false;
  }

  /**
   * Analyzes the optimum, prints the summary and writes the report folder (as much as can be computed).
   *
   * @param preamble text that opens summary.txt (the multi-start block; "" for none)
   * @param written files already written into the folder, to list with the report's
   */
  private void writeReport(CompiledModel m, FitResult result, Path folder, String preamble, List<Path> written) throws Exception {
    FitReport report;
    try {
      report = FitReport.analyze(m, result);
    } catch (FitException e) {
      System.out.println(result.summary());
      System.out.println("No posterior at this point: " + e.getMessage());
      // the iteration log needs no posterior: write it alone
      Path iterations = folder.resolve("iterations.csv");
      AtomicFiles.write(iterations, ReportTables.iterations(FitReport.withoutPosterior(m.info(), result)));
      List<Path> files = new java.util.ArrayList<>(written);
      files.add(iterations);
      printWritten(files, folder);
      return;
    }
    System.out.print(SummaryTable.format(report));
    List<Path> files = new java.util.ArrayList<>(written);
    files.addAll(ReportWriter.write(report, folder, !noPlots, preamble));
    printWritten(files, folder);
  }

  private static void printWritten(List<Path> files, Path folder) {
    System.out.println("Wrote " + (files.size() + 1) + " files to " + folder.toAbsolutePath().normalize() + ":");
    StringBuilder names = new StringBuilder("  " + SavedFit.FILE);
    for (Path f : files) {
      names.append(' ').append(f.getFileName());
    }
    System.out.println(names);
  }
}
