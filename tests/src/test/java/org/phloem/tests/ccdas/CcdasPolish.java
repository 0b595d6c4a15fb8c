package org.phloem.tests.ccdas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.report.FitReport;
import org.phloem.runtime.report.OutputNetCdf;
import org.phloem.runtime.report.OutputSelection;
import org.phloem.runtime.report.ReportWriter;
import org.phloem.runtime.report.SummaryTable;

/**
 * Continues an arm's reported fit (a {@link CcdasFits} folder) with trust-region Newton from its end
 * point, with every parameter that stands within {@code --near} prior sds of a bound put on that bound
 * first (the start is then moved a millionth of the range inside, where the trust region holds a
 * parameter whose gradient pushes outward on the bound). Why: the parameters that run toward a bound
 * approach it through the search space's logistic transform, where the cost flattens exponentially and
 * the trust region's quadratic model keeps failing (README.md, "How the fits were made"); started on the
 * bound, Newton converges on the others. The verdict at the end is judged as always: a parameter put on a
 * bound that the data pull back in is released and fitted. Writes the report into {@code --out} with the
 * first folder's starts.csv and optima.csv and its summary's multi-start block. {@code --prior-mean NAME}
 * starts a parameter at its prior mean instead (kappa: no term of the model uses it, so its optimum is its
 * prior mean, but a start drawn far from it is hardly pulled back through the logistic transform).
 *
 * <pre>
 *   java ... org.phloem.tests.ccdas.CcdasPolish ARM --from DIR --out DIR2 [--near 0.05] [--prior-mean NAME]...
 * </pre>
 */
public final class CcdasPolish {
  private CcdasPolish() {}

  public static void main(String[] args) throws Exception {
    String arm = args[0];
    Path from = null;
    Path out = null;
    double near = 0.05;
    List<String> toPrior = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--from" -> from = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--near" -> near = Double.parseDouble(args[++i]);
        case "--prior-mean" -> toPrior.add(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(out);
    CompiledModel m = CcdasModel.load(arm + ".phl", true).model();
    ModelInfo info = m.info();
    Map<String, Double> end = new HashMap<>();
    for (String[] r : CcdasStudy.CsvRows.read(from.resolve("parameters.csv"))) {
      end.put(r[0], Double.parseDouble(r[3]));
    }
    List<String> names = info.slotNames();
    double[] p = new double[names.size()];
    double[] sd = info.priorSds();
    double[] lo = info.lowerBounds();
    double[] hi = info.upperBounds();
    boolean[] log = info.logScale();
    StringBuilder moved = new StringBuilder();
    for (int i = 0; i < p.length; i++) {
      p[i] = end.get(names.get(i));
      if (toPrior.contains(names.get(i))) {
        moved.append(String.format(Locale.ROOT, " %s %.6g -> prior mean %s", names.get(i), p[i], info.priorMeans()[i]));
        p[i] = info.priorMeans()[i];
        continue;
      }
      // distance to each bound in prior sds, on the scale the prior is stated on
      double toLo = log[i] ? Math.log(p[i] / lo[i]) * info.priorMeans()[i] / sd[i] : (p[i] - lo[i]) / sd[i];
      double toHi = log[i] ? Math.log(hi[i] / p[i]) * info.priorMeans()[i] / sd[i] : (hi[i] - p[i]) / sd[i];
      if (toLo < near || toHi < near) {
        double b = toLo < near ? lo[i] : hi[i];
        moved.append(String.format(Locale.ROOT, " %s %.6g -> %s", names.get(i), p[i], b));
        p[i] = b;
      }
    }
    System.out.println("put on their bounds:" + (moved.length() == 0 ? " none" : moved));
    FitResult fit = Fitter.fit(m, FitOptions.defaults().withMethod(FitOptions.Method.NEWTON).withStart(p)
        .withListener(r -> System.out.println(r.toLine())));
    String summary = Files.readString(from.resolve("summary.txt"));
    int cut = summary.indexOf("Fit of ");
    String preamble = (cut > 0 ? summary.substring(0, cut) : "") + "Continued from " + from.getFileName()
        + "'s end by trust-region Newton, with the parameters within " + near + " prior sd of a bound put on it first"
        + (toPrior.isEmpty() ? "" : " and " + toPrior + " at the prior mean") + ":"
        + (moved.length() == 0 ? " none" : moved) + ".\n\n";
    FitReport report = FitReport.analyze(m, fit);
    List<Path> files = new ArrayList<>(ReportWriter.write(report, out, false, preamble, OutputSelection.ALL));
    files.add(OutputNetCdf.write(report, out));
    for (String table : List.of("starts.csv", "optima.csv")) {
      if (Files.exists(from.resolve(table))) {
        Files.copy(from.resolve(table), out.resolve(table), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    System.out.println(SummaryTable.format(report));
    System.out.println("Wrote " + files);
  }
}
