package org.phloem.tests.ccdas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.fit.LbfgsOptions;
import org.phloem.runtime.multistart.MultiStart;
import org.phloem.runtime.multistart.MultiStartOptions;
import org.phloem.runtime.multistart.MultiStartResult;
import org.phloem.runtime.multistart.StartOutcome;
import org.phloem.runtime.report.AtomicFiles;
import org.phloem.runtime.report.FitReport;
import org.phloem.runtime.report.MultiStartReport;
import org.phloem.runtime.report.OutputNetCdf;
import org.phloem.runtime.report.OutputSelection;
import org.phloem.runtime.report.ReportWriter;
import org.phloem.runtime.report.StartProgressLines;

/**
 * One arm's multi-start fit as {@code phloem fit ARM.phl --starts N --seed S --threads T} does it (the
 * same starts, the same minimizers: L-BFGS then trust-region Newton, the same verdict and report folder),
 * with two changes. With {@code --lbfgs-iters K} every start runs K iterations of L-BFGS and is judged
 * there (status MAX_ITERATIONS unless converged), and the lowest end is continued by trust-region Newton
 * alone and judged again: the reported fit (README.md, "How the fits were made": L-BFGS crawls for
 * thousands of iterations at the end, and 6 full Newton phases do not fit the CPU at hand). And
 * L-BFGS is allowed {@code --max-evals} cost-and-gradient evaluations (default 20,000) and a memory of
 * {@code --memory} correction pairs (default 50; the command line's is 10): the command line raises the
 * iteration limit (--max-iter) but not L-BFGS's 5,000 evaluations, and on this ill-conditioned cost
 * (70 parameters) a longer memory is close to full BFGS at no cost worth counting (README.md, "How
 * the fits were made"). Plots are left out (the study draws its own).
 *
 * <pre>
 *   java ... org.phloem.tests.ccdas.CcdasFits ARM --starts N --seed S --threads T --memory M --max-evals E [--lbfgs-iters K] --out DIR
 * </pre>
 */
public final class CcdasFits {
  private CcdasFits() {}

  public static void main(String[] args) throws Exception {
    String arm = args[0];
    int starts = 3;
    long seed = 1;
    int maxEvals = 20000;
    int memory = 50;
    int threads = 1;
    int lbfgsIterations = -1;
    Path out = Path.of("phloem-out/ccdas").resolve(arm);
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--starts" -> starts = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--max-evals" -> maxEvals = Integer.parseInt(args[++i]);
        case "--memory" -> memory = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--lbfgs-iters" -> lbfgsIterations = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(out);
    CompiledModel m = CcdasModel.load(arm + ".phl", true).model();
    LbfgsOptions d = LbfgsOptions.defaults();
    LbfgsOptions lbfgs = new LbfgsOptions(memory, lbfgsIterations > 0 ? lbfgsIterations : maxEvals, maxEvals, d.gradientTolerance(), d.absoluteGradientTolerance(), d.costTolerance(),
        d.c1(), d.c2(), d.maxLineSearchEvaluations());
    // as the stored results were made: each start judged where L-BFGS stops (session 6's hand-over to Newton off)
    FitOptions options = FitOptions.defaults().withLbfgs(lbfgs).withHandOver(FitOptions.HandOver.STALLS_ONLY);
    System.out.printf("Fitting %s from %d starts (seed %d), %d at a time, L-BFGS (memory %d) up to %d evaluations, then trust-region Newton%n",
        arm, starts, seed, threads, memory, maxEvals);
    MultiStartResult all = MultiStart.run(m, options, MultiStartOptions.of(starts, seed).withThreads(threads),
        new StartProgressLines(System.out));
    String block = MultiStartReport.text(all, m.info());
    System.out.print(block);
    AtomicFiles.write(out.resolve("starts.csv"), MultiStartReport.startsCsv(all, m.info()));
    AtomicFiles.write(out.resolve("optima.csv"), MultiStartReport.optimaCsv(all, m.info()));
    if (all.reported().isEmpty()) {
      System.out.println("No start could be fitted; starts.csv says why for each.");
      return;
    }
    StartOutcome best = all.reported().get();
    FitResult reported = best.result();
    String preamble = block;
    if (lbfgsIterations > 0) {
      // the starts stopped at their L-BFGS iteration limit: the lowest end is continued by trust-region
      // Newton alone (exact Hessian-vector products, bounds held) and judged by the verdict
      System.out.printf("%nStart %d (J = %.6f) continued by trust-region Newton:%n", best.index(), best.cost());
      reported = Fitter.fit(m, FitOptions.defaults().withMethod(FitOptions.Method.NEWTON).withStart(reported.parameters())
          .withListener(r -> System.out.println(r.toLine())));
      preamble = block + String.format(java.util.Locale.ROOT,
          "The starts ran L-BFGS (memory %d) for at most %d iterations; start %d's end (J = %.6f) was continued by trust-region Newton: %s.%n%n",
          memory, lbfgsIterations, best.index(), best.cost(), reported.status());
    }
    System.out.printf("%nThe fit from start %d:%n", best.index());
    FitReport report = FitReport.analyze(m, reported);
    List<Path> files = new ArrayList<>(ReportWriter.write(report, out, false, preamble, OutputSelection.ALL));
    files.add(OutputNetCdf.write(report, out));
    System.out.println(org.phloem.runtime.report.SummaryTable.format(report));
    System.out.println("Wrote " + files);
  }
}
