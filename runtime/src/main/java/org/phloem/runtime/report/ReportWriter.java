package org.phloem.runtime.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a fit report into a folder: parameters.csv, correlation.csv, outputs.csv, residuals.csv,
 * iterations.csv, summary.txt, and the PNG plots (one per one-dimensional observe statement,
 * parameter_sd.png when any slot has a prior, correlation.png). Each file is written atomically.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * Writes every file of {@code report} into {@code dir} (created if missing).
   *
   * @param plots whether to render the PNG plots (the slow part)
   * @return the files written, in order
   */
  public static List<Path> write(FitReport report, Path dir, boolean plots) throws IOException {
    return write(report, dir, plots, "");
  }

  /**
   * As {@link #write(FitReport, Path, boolean)}, with {@code preamble} opening summary.txt (what a
   * multi-start fit found before the report of its best start).
   */
  public static List<Path> write(FitReport report, Path dir, boolean plots, String preamble) throws IOException {
    List<Path> written = new ArrayList<>();
    writeText(dir.resolve("parameters.csv"), ReportTables.parameters(report), written);
    writeText(dir.resolve("correlation.csv"), ReportTables.correlation(report), written);
    writeText(dir.resolve("outputs.csv"), ReportTables.outputs(report), written);
    writeText(dir.resolve("residuals.csv"), ReportTables.residuals(report), written);
    writeText(dir.resolve("iterations.csv"), ReportTables.iterations(report), written);
    writeText(dir.resolve("summary.txt"), preamble + SummaryTable.format(report), written);
    if (plots) {
      List<Plots.Png> pngs = new ArrayList<>(Plots.observationSeries(report));
      Plots.Png sds = Plots.parameterSds(report);
      if (sds != null) {
        pngs.add(sds);
      }
      pngs.add(Plots.correlation(report));
      for (Plots.Png png : pngs) {
        Path p = dir.resolve(png.fileName());
        AtomicFiles.write(p, png.bytes());
        written.add(p);
      }
    }
    return written;
  }

  private static void writeText(Path p, String text, List<Path> written) throws IOException {
    AtomicFiles.write(p, text);
    written.add(p);
  }
}
