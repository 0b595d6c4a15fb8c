package org.phloem.tests.ccdas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.LbfgsOptions;
import org.phloem.runtime.multistart.MultiStart;
import org.phloem.runtime.multistart.MultiStartOptions;
import org.phloem.runtime.multistart.MultiStartResult;
import org.phloem.runtime.report.AtomicFiles;
import org.phloem.runtime.report.FitReport;
import org.phloem.runtime.report.MultiStartReport;
import org.phloem.runtime.report.OutputNetCdf;
import org.phloem.runtime.report.OutputSelection;
import org.phloem.runtime.report.ReportWriter;
import org.phloem.runtime.report.StartProgressLines;

/**
 * One arm's multi-start fit as {@code phloem fit ARM.phl --starts N --seed S --threads 1} does it (the
 * same starts, the same minimizers: L-BFGS then trust-region Newton, the same report folder), but with
 * L-BFGS allowed {@code --max-evals} cost-and-gradient evaluations (default 20,000) and a memory of
 * {@code --memory} correction pairs (default 50; the command line's is 10): the command line raises the
 * iteration limit (--max-iter) but not L-BFGS's 5,000 evaluations, and on this ill-conditioned cost
 * (70 parameters) a longer memory is close to full BFGS at no cost worth counting (README.md, "How
 * the fits were made"). Plots are left out (the study draws its own).
 *
 * <pre>
 *   java ... org.phloem.tests.ccdas.CcdasFits ARM --starts N --seed S --threads T --memory M --max-evals E --out DIR
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
    Path out = Path.of("phloem-out/ccdas").resolve(arm);
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--starts" -> starts = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--max-evals" -> maxEvals = Integer.parseInt(args[++i]);
        case "--memory" -> memory = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(out);
    CompiledModel m = CcdasModel.load(arm + ".phl", true).model();
    LbfgsOptions d = LbfgsOptions.defaults();
    LbfgsOptions lbfgs = new LbfgsOptions(memory, maxEvals, maxEvals, d.gradientTolerance(), d.absoluteGradientTolerance(), d.costTolerance(),
        d.c1(), d.c2(), d.maxLineSearchEvaluations());
    FitOptions options = FitOptions.defaults().withLbfgs(lbfgs);
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
    System.out.printf("%nThe fit from start %d:%n", all.reported().get().index());
    FitReport report = FitReport.analyze(m, all.reported().get().result());
    List<Path> files = new ArrayList<>(ReportWriter.write(report, out, false, block, OutputSelection.ALL));
    files.add(OutputNetCdf.write(report, out));
    System.out.println(org.phloem.runtime.report.SummaryTable.format(report));
    System.out.println("Wrote " + files);
  }
}
