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
import org.phloem.runtime.fit.ConvergenceTolerances;
import org.phloem.runtime.fit.FitCheckpoint;
import org.phloem.runtime.fit.FitException;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.FitState;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.fit.IterationListener;
import org.phloem.runtime.fit.IterationRecord;
import org.phloem.runtime.fit.LbfgsOptions;
import org.phloem.runtime.engine.Engine;
import org.phloem.runtime.multistart.MultiStartOptions;
import org.phloem.runtime.multistart.MultiStartResult;
import org.phloem.runtime.multistart.StartOutcome;
import org.phloem.runtime.report.AtomicFiles;
import org.phloem.runtime.report.FitReport;
import org.phloem.runtime.report.OutputNetCdf;
import org.phloem.runtime.report.OutputSelection;
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
 * that {@code --resume} continues a fit that was stopped. Exit 0 when the verdict is CONVERGED, and each other
 * verdict its own code ({@link FitExitCode}); 1 is a problem with the model, its data or the settings.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
    description = "Fit the parameters to the observations and write the posterior, outputs, residuals and plots.",
    footer = {"", "Writes parameters.csv, correlation.csv, outputs.csv, residuals.csv (see --outputs), iterations.csv, summary.txt, PNG plots",
        "and " + SavedFit.FILE + " (rewritten after every iteration; continue a stopped fit with --resume DIR);",
        "with --starts N also starts.csv (every start: status, where it began and ended), optima.csv (the distinct optima) and",
        "starts/start-K.csv (each start's end, written as it finishes; give it to --start to continue that start alone).",
        "Exit 0 when the fit converged: the scaled projected gradient, the Newton decrement and the Hessian on the free",
        "parameters all pass (printed in the summary). Otherwise the report is still written and the exit code names the verdict:",
        "10 STALLED, 11 MAX_ITERATIONS, 12 MAX_EVALUATIONS, 13 SADDLE_POINT, 14 UNDETERMINED, 15 NON_FINITE_COST,",
        "16 NON_FINITE_GRADIENT. Exit 1: a problem with the model, its data, a start file or the gradient check at the start."})
final class FitCommand implements Callable<Integer> {

  /** The minimizers as the command line names them. */
  enum Method {
    auto(FitOptions.Method.AUTO), lbfgs(FitOptions.Method.LBFGS), lm(FitOptions.Method.LEVENBERG_MARQUARDT), newton(FitOptions.Method.NEWTON);

    final FitOptions.Method value;

    Method(FitOptions.Method value) {
      this.value = value;
    }
  }

  /** The largest --lbfgs-memory accepted: each pair is two vectors of the parameters, and past this no cost benefits. */
  static final int MAX_MEMORY = 1000;

  /** The seed of --starts when none is given. */
  static final long DEFAULT_SEED = 1;

  /** Cost change, relative to max(1, |J|), below which a derivative disagreement is rounding (see the check at the start). */
  static final double AT_ROUNDING = 1e-12;

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

  @Option(names = "--max-iter", paramLabel = "N", description = "iteration limit of each minimizer, which stops the fit there (exit 11; continue with "
          + "--resume); raises the evaluation limit to 5 per iteration. Without it L-BFGS hands over to trust-region Newton at its limit (50 per "
          + "parameter, at least 1000) or sooner when its progress says it will not converge by then, and Newton may take 100 iterations and more within the evaluations "
          + "L-BFGS left; LM stops at 500")
  Integer maxIter;

  @Option(names = "--max-evals", paramLabel = "N",
      description = "evaluation limit of L-BFGS (cost and gradient, line searches included) and LM (residuals), which stops the fit "
          + "there (exit 12) (default: 5 per iteration of the iteration limit, at least 5000, at which L-BFGS hands over to Newton)")
  Integer maxEvals;

  @Option(names = "--lbfgs-memory", paramLabel = "M",
      description = "correction pairs L-BFGS keeps (default: 10); more pairs take fewer iterations on an ill-conditioned "
          + "cost (the CCDAS experiment uses 50)")
  Integer lbfgsMemory;

  @Option(names = "--method", paramLabel = "auto|lbfgs|lm|newton",
      description = "minimizer: lm (Levenberg-Marquardt) for least squares, lbfgs otherwise, each followed by trust-region Newton on the "
          + "exact Hessian; auto picks lm when no parameter has a prior; newton runs the trust-region Newton method alone (default: auto)")
  Method method;

  @Option(names = "--gradient-tol", paramLabel = "G",
      description = "converged only if every component of the projected gradient, with each parameter scaled by its prior sd "
          + "(or typical size), is below G (default: 1e-4, ADMB's rule)")
  Double gradientTol;

  @Option(names = "--decrement-tol", paramLabel = "D",
      description = "converged only if the Newton decrement g'H^-1 g/2 (the decrease of J still expected) is below D (default: 1e-8)")
  Double decrementTol;

  @Option(names = "--eigen-tol", paramLabel = "E",
      description = "converged only if the smallest eigenvalue of the scaled Hessian on the free parameters is above E times the "
          + "largest (default: 1e-13)")
  Double eigenTol;

  @Option(names = "--no-check", description = "skip the gradient check at the start")
  boolean noCheck;

  @Option(names = "--no-plots", description = "do not draw the PNG plots (faster)")
  boolean noPlots;

  /** The long tables of the report, as the command line names them. */
  enum Outputs {
    none(OutputSelection.NONE), observed(OutputSelection.OBSERVED), all(OutputSelection.ALL);

    final OutputSelection value;

    Outputs(OutputSelection value) {
      this.value = value;
    }
  }

  @Option(names = "--outputs", paramLabel = "none|observed|all",
      description = "which long tables to write: all (outputs.csv, residuals.csv and outputs.nc, default), observed (residuals.csv only: "
          + "every observation with the modelled value and its sd), none")
  Outputs outputs = Outputs.all;

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

  @Mixin EngineOptions engine = new EngineOptions();

  @Option(names = "--resume", paramLabel = "DIR",
      description = "continue the fit saved in DIR (an earlier fit's report folder) from its last iteration; --max-iter may raise its limit")
  Path resume;

  @Option(names = "--overwrite",
      description = "start a fresh fit in an --out folder that holds a saved fit, replacing its state and report")
  boolean overwrite;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (maxIter != null && maxIter < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-iter must be at least 1, got " + maxIter);
    }
    if (maxEvals != null && maxEvals < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-evals must be at least 1, got " + maxEvals);
    }
    if (lbfgsMemory != null && (lbfgsMemory < 1 || lbfgsMemory > MAX_MEMORY)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--lbfgs-memory must be between 1 and " + MAX_MEMORY + ", got "
          + lbfgsMemory);
    }
    if (resume != null && (start != null || method != null || starts != null || gradientTol != null || decrementTol != null
        || eigenTol != null || lbfgsMemory != null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--resume continues the saved fit with its own start, method, L-BFGS memory and tolerances; leave out --start, --method, "
              + "--starts, --lbfgs-memory and the tolerances");
    }
    if (lbfgsMemory != null && method != null && method != Method.auto && method != Method.lbfgs) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--lbfgs-memory sets L-BFGS, which --method " + method
          + " does not use");
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
    if ((!engine.local() || engine.master != null) && starts == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--engine and --master say where the starts of a multi-start fit run;"
          + " add --starts N");
    }
    ConvergenceTolerances tolerances;
    try {
      tolerances = ConvergenceTolerances.defaults();
      tolerances = gradientTol == null ? tolerances : tolerances.withGradient(gradientTol);
      tolerances = decrementTol == null ? tolerances : tolerances.withDecrement(decrementTol);
      tolerances = eigenTol == null ? tolerances : tolerances.withEigenvalue(eigenTol);
    } catch (FitException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (resume != null && overwrite) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--resume continues a saved fit and --overwrite starts afresh; give one of them");
    }
    // An --out folder is claimed before any work, so that a folder in use or not writable is named at once.
    try (OutputFolder early = out != null ? claim(out) : null) {
      CompiledModel m = data.load(model, true);
      Fittable.require(m.info(), "fit");
      try (OutputFolder late = early != null ? null : resume != null ? claim(folderOf(resume)) : claimDefault(m.info().name())) {
        return fit(m, (early != null ? early : late).path(), tolerances);
      }
    }
  }

  /**
   * Claims {@code folder} for this fit (see {@link OutputFolder}); a folder holding a saved fit is refused
   * unless this fit continues it (--resume) or was told to replace it (--overwrite): no result is ever
   * silently overwritten.
   */
  private OutputFolder claim(Path folder) throws UserErrors.UserException {
    OutputFolder claimed = OutputFolder.claim(folder);
    boolean continuing = resume != null && sameFolder(folder, folderOf(resume));
    if (!continuing && !overwrite && Files.exists(folder.resolve(SavedFit.FILE))) {
      claimed.close();
      throw new UserErrors.UserException(folder + " holds a saved fit (" + SavedFit.FILE + "); continue it with --resume " + folder
          + ", start afresh there with --overwrite (its results are replaced), or choose another --out");
    }
    return claimed;
  }

  /** phloem-out/MODEL/fit, or fit-2, fit-3, ... when it holds a saved fit or another run uses it: one folder per run. */
  private static OutputFolder claimDefault(String modelName) throws UserErrors.UserException {
    Path base = Path.of("phloem-out", modelName);
    for (int k = 1; k <= 1000; k++) {
      Path folder = base.resolve(k == 1 ? "fit" : "fit-" + k);
      if (Files.exists(folder.resolve(SavedFit.FILE)) || Files.exists(folder.resolve(OutputFolder.LOCK))) {
        continue;
      }
      try {
        return OutputFolder.claim(folder);
      } catch (UserErrors.UserException inUse) {
        if (!Files.exists(folder.resolve(OutputFolder.LOCK))) {
          throw inUse; // not writable, not a folder: the next one would fail the same way
        }
      }
    }
    throw new UserErrors.UserException(base + " holds 1000 fits; give the folder with --out");
  }

  private static boolean sameFolder(Path a, Path b) {
    return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
  }

  private Integer fit(CompiledModel m, Path folder, ConvergenceTolerances tolerances) throws Exception {
    FitCheckpoint checkpoint = SavedFit.writingTo(folder);
    IterationListener printer = new IterationListener() {
      @Override
      public void onIteration(IterationRecord r) {
        System.out.println(r.toLine());
      }

      @Override
      public void onHandOver(String why) {
        System.out.println(why + ".");
        System.out.println(IterationRecord.header());
      }
    };

    FitResult result;
    if (resume != null) {
      FitState state = SavedFit.read(resume);
      if (maxIter != null) {
        state = state.withMaxIterations(maxIter);
      }
      if (maxEvals != null) {
        state = state.withMaxEvaluations(maxEvals);
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
      LbfgsOptions lbfgs = LbfgsOptions.defaultsFor(m.info().slotNames().size());
      FitOptions options = FitOptions.defaults().withLbfgs(lbfgsMemory != null ? lbfgs.withMemory(lbfgsMemory) : lbfgs).withStart(p0).withTolerances(tolerances).withListener(printer).withCheckpoint(checkpoint);
      if (method != null) {
        options = options.withMethod(method.value);
      }
      if (maxIter != null) {
        options = options.withMaxIterations(maxIter);
      }
      if (maxEvals != null) {
        options = options.withMaxEvaluations(maxEvals);
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
   * for --resume. Each start's end is written as it finishes ({@link StartEnds}), so a stopped run loses no
   * finished start.
   */
  private int fitFromManyStarts(CompiledModel m, FitOptions options, Path folder, FitCheckpoint checkpoint) throws Exception {
    MultiStartOptions ms = MultiStartOptions.of(starts, seed != null ? seed : DEFAULT_SEED);
    if (threads != null) {
      ms = ms.withThreads(threads);
    }
    MultiStartResult all;
    try (Engine e = engine.open(spec.commandLine(), threads)) {
      String where = engine.local() ? Math.min(ms.threads(), ms.starts()) + " at a time" : "on " + e.description();
      System.out.printf("Fitting %s from %d starts (start 0 the default, the others drawn from the prior with seed %d), %s: "
          + "%d parameters, %d observe statement(s). One line per finished start:%n", m.info().name(), ms.starts(), ms.seed(),
          where, m.info().parameterCount(), m.info().observations().size());
      all = e.multiStart(m, EngineOptions.portable(m), options, ms, new StartEnds(new StartProgressLines(System.out), folder, m.info()));
    }
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

  /** Exit 0 for a converged fit; otherwise says what to try and returns the verdict's own code ({@link FitExitCode}). */
  private int verdict(FitResult result, Path folder) {
    int exit = FitExitCode.of(result.status());
    if (!result.status().isConverged()) {
      System.out.println("The fit did not reach a verified minimum (" + result.status() + "): exit " + exit + ".");
      if (result.status().isLimit()) {
        System.out.printf("To continue from where it stopped: phloem fit %s --resume %s --max-iter N%n", model, folder);
      }
    }
    return exit;
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
    // A disagreement that changes J by less than its rounding over one finite-difference step cannot
    // mislead a minimizer: at an optimum (a restart from an earlier fit's parameters.csv) the gradient is
    // itself at rounding level and its relative error means nothing.
    double noise = AT_ROUNDING * Math.max(1, Math.abs(m.cost(p0)));
    double worst = 0;
    int negligible = 0;
    for (GradientRow r : report.gradient()) {
      boolean tiny = Math.abs(r.adjoint() - r.finiteDifference()) * r.step() <= noise;
      negligible += r.flagged() && tiny ? 1 : 0;
      worst = Math.max(worst, r.flagged() && !tiny ? r.relativeError() : 0);
    }
    for (DirectionRow r : report.directions()) {
      boolean tiny = r.check().equals("tangent·adjoint") && Math.abs(r.expected() - r.actual()) <= noise;
      negligible += r.flagged() && tiny ? 1 : 0;
      worst = Math.max(worst, r.flagged() && !tiny ? r.relativeError() : 0);
    }
    if (negligible == report.failures().size()) {
      System.out.printf("Gradient check at the start: passed; the gradient here is at the level of rounding (a stationary point?), "
          + "where relative errors mean nothing (%d row(s) differ by less than the cost's rounding).%n", negligible);
      return true;
    }
    // With parameters on a bound (a restart from a fit that held them there), finite differences step
    // outside the bound or see one side: a direction moves every parameter, so its rows say nothing about
    // the derivative code, nor do the gradient rows of the parameters on the bound. Only the gradient rows
    // of the others can stop the fit.
    boolean[] on = CheckAdvice.onBound(m.info(), p0);
    List<String> onNames = new java.util.ArrayList<>();
    for (int i = 0; i < on.length; i++) {
      if (on[i]) {
        onNames.add(m.info().slotNames().get(i));
      }
    }
    if (!onNames.isEmpty()) {
      double worstFree = 0;
      for (GradientRow r : report.gradient()) {
        boolean tiny = Math.abs(r.adjoint() - r.finiteDifference()) * r.step() <= noise;
        boolean free = !onNames.contains(r.name());
        worstFree = Math.max(worstFree, r.flagged() && free && !tiny ? r.relativeError() : 0);
      }
      if (worstFree <= WRONG_DERIVATIVE) {
        System.out.printf("Gradient check at the start: %d row(s) above tolerance, with %s on a bound, where finite differences step "
            + "outside it or see one side; the gradient of the other parameters agrees; fitting anyway. Details at an interior point: "
            + "phloem check MODEL --random 5%n", report.failures().size(), String.join(", ", onNames));
        return true;
      }
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
      System.out.print(SummaryTable.verdict(m.info().name(), result));
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
    files.addAll(ReportWriter.write(report, folder, !noPlots, preamble, outputs.value));
    Path netCdf = outputs.value.outputs() ? OutputNetCdf.write(report, folder) : null;
    if (netCdf != null) {
      files.add(netCdf);
    }
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
