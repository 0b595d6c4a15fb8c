package org.phloem.tests.scalebench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Main;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.check.CheckOptions;
import org.phloem.runtime.check.ModelCheck;
import org.phloem.runtime.fit.FitOptions;
import org.phloem.runtime.fit.FitResult;
import org.phloem.runtime.fit.Fitter;
import org.phloem.runtime.report.FitReport;
import org.phloem.runtime.report.OutputSelection;
import org.phloem.runtime.report.ReportWriter;

/**
 * The data I/O measurements of issue 11, one mode per JVM (run by {@link DataIoBenchmarks}), printing
 * {@code RESULT} lines:
 * <ul>
 *   <li>{@code read ROWS REPEATS DIR}: binds every column of a ROWS × 10 table of numbers, REPEATS times
 *       in one JVM (the first is cold; the others are warm);
 *   <li>{@code phases N DIR}: the steps of {@code phloem fit} on the three-parameter regression at N
 *       points, each timed: compile, read (binding the table), gradient check, minimize, posterior and
 *       output sds, write (the report's tables), plots (the PNGs, with the small tables again);
 *   <li>{@code cli N DIR}: {@code phloem fit} itself on the model and table a phases run left in DIR (its
 *       wall time is taken by the parent, JVM start included).
 * </ul>
 */
public final class DataIoBench {
  private DataIoBench() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "read" -> read(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
      case "phases" -> phases(Integer.parseInt(args[1]), Path.of(args[2]), OutputSelection.ALL);
      case "cli" -> System.exit(cli(Integer.parseInt(args[1]), Path.of(args[2])));
      default -> throw new IllegalArgumentException("mode read, phases or cli: " + args[0]);
    }
  }

  static void read(int rows, int repeats, Path dir) throws Exception {
    Path table = dir.resolve("wide/table.csv");
    if (!Files.exists(table) || Files.size(table) == 0) {
      IoBenchData.wideTable(dir, rows);
    }
    Path model = Files.writeString(dir.resolve("wide.phl"), IoBenchData.wideModel());
    Compilation c = Pipeline.compile(model, false);
    for (int r = 0; r < repeats; r++) {
      CompiledModel[] bound = new CompiledModel[1];
      Clock t = Clock.time(() -> bound[0] = c.bind(dir));
      int n = bound[0].info().dim("row").size();
      System.out.printf(Locale.ROOT, "RESULT kind=read repeat=%d rows=%d columns=%d bytes=%d %s%n", r, n, IoBenchData.COLUMNS,
          Files.size(table), t.fields("read"));
    }
  }

  static void phases(int n, Path dir, OutputSelection tables) throws Exception {
    IoBenchData.regressionTable(dir, n);
    Path model = Files.writeString(dir.resolve("reg.phl"), IoBenchData.regressionModel());
    Compilation[] compiled = new Compilation[1];
    CompiledModel[] m = new CompiledModel[1];
    FitResult[] fit = new FitResult[1];
    FitReport[] report = new FitReport[1];
    List<String> fields = new ArrayList<>();
    fields.add(Clock.time(() -> compiled[0] = Pipeline.compile(model, true)).fields("compile"));
    fields.add(Clock.time(() -> m[0] = compiled[0].bind(dir)).fields("read"));
    double[] p0 = m[0].info().priorMeans();
    CheckOptions d = CheckOptions.defaults();
    CheckOptions quick = new CheckOptions(d.gradientTolerance(), d.tangentTolerance(), d.hessianTolerance(), 1, d.seed());
    fields.add(Clock.time(() -> ModelCheck.run(m[0], p0, quick)).fields("check"));
    fields.add(Clock.time(() -> fit[0] = Fitter.fit(m[0], FitOptions.defaults().withStart(p0))).fields("minimize"));
    fields.add(Clock.time(() -> report[0] = FitReport.analyze(m[0], fit[0])).fields("posterior"));
    Path out = dir.resolve("out");
    fields.add(Clock.time(() -> ReportWriter.write(report[0], out, false, "", tables)).fields("write"));
    fields.add(Clock.time(() -> ReportWriter.write(report[0], dir.resolve("plots"), true, "", OutputSelection.NONE)).fields("plots"));
    System.out.printf(Locale.ROOT, "RESULT kind=phases n=%d %s%n", n, String.join(" ", fields));
  }

  static int cli(int n, Path dir) throws Exception {
    Path model = dir.resolve("reg.phl");
    if (!Files.exists(model)) { // normally written by the phases run before, so that its time is not counted here
      IoBenchData.regressionTable(dir, n);
      Files.writeString(model, IoBenchData.regressionModel());
    }
    return Main.execute("fit", model.toString(), "--data", dir.toString(), "--out", dir.resolve("cli-out").toString());
  }
}
