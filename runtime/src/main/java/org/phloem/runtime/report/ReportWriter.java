package org.phloem.runtime.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a fit report into a folder: parameters.csv, correlation.csv, outputs.csv and residuals.csv (as
 * selected), iterations.csv, summary.txt, and the PNG plots (one per one-dimensional observe statement,
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
    return write(report, dir, plots, "", OutputSelection.ALL);
  }

  /**
   * As {@link #write(FitReport, Path, boolean)}, with {@code preamble} opening summary.txt (what a
   * multi-start fit found before the report of its best start).
   */
  public static List<Path> write(FitReport report, Path dir, boolean plots, String preamble) throws IOException {
    return write(report, dir, plots, preamble, OutputSelection.ALL);
  }

  /**
   * As {@link #write(FitReport, Path, boolean, String)}, writing outputs.csv and residuals.csv as
   * {@code tables} selects (streamed to disk through a buffer).
   */
  public static List<Path> write(FitReport report, Path dir, boolean plots, String preamble, OutputSelection tables)
      throws IOException {
    // the plots are drawn on other threads while this one writes the tables: both take a few tenths of a
    // second in a fresh JVM, and on two cores they need not wait for each other
    Rendering rendering = plots ? Rendering.start(report) : null;
    try {
      List<Path> written = new ArrayList<>();
      writeText(dir.resolve("parameters.csv"), ReportTables.parameters(report), written);
      writeText(dir.resolve("correlation.csv"), ReportTables.correlation(report), written);
      if (tables.outputs()) {
        stream(dir.resolve("outputs.csv"), out -> ReportTables.outputs(report, out), written);
      }
      if (tables.residuals()) {
        stream(dir.resolve("residuals.csv"), out -> ReportTables.residuals(report, out), written);
      }
      writeText(dir.resolve("iterations.csv"), ReportTables.iterations(report), written);
      writeText(dir.resolve("summary.txt"), preamble + SummaryTable.format(report), written);
      if (rendering != null) {
        for (Plots.Png png : rendering.await()) {
          Path p = dir.resolve(png.fileName());
          AtomicFiles.write(p, png.bytes());
          written.add(p);
        }
      }
      return written;
    } finally {
      if (rendering != null) {
        rendering.pool.shutdownNow();
      }
    }
  }

  private static void stream(Path p, AtomicFiles.Content content, List<Path> written) throws IOException {
    AtomicFiles.stream(p, content);
    written.add(p);
  }

  /**
   * The plots of a report being drawn on a pool of their own, on all cores at once (each chart is
   * independent; most of a plot's time is drawing and PNG encoding), collected in a fixed order: the
   * observation series, the sd ratios, the correlation matrix.
   */
  private record Rendering(ExecutorService pool, List<Future<Plots.Png>> charts) {

    static Rendering start(FitReport report) {
      List<Callable<Plots.Png>> jobs = new ArrayList<>();
      for (int k = 0; k < report.info().observations().size(); k++) {
        int observation = k;
        jobs.add(() -> Plots.observationSeries(report, observation));
      }
      jobs.add(() -> Plots.parameterSds(report));
      jobs.add(() -> Plots.correlation(report));
      int threads = Math.min(jobs.size(), Runtime.getRuntime().availableProcessors());
      ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "phloem-plots");
        t.setDaemon(true);
        return t;
      });
      List<Future<Plots.Png>> charts = new ArrayList<>();
      for (Callable<Plots.Png> job : jobs) {
        charts.add(pool.submit(job));
      }
      return new Rendering(pool, charts);
    }

    /** The plots in the order they were started, leaving out those with nothing to show. */
    List<Plots.Png> await() throws IOException {
      try {
        List<Plots.Png> out = new ArrayList<>();
        for (Future<Plots.Png> f : charts) {
          Plots.Png png = f.get();
          if (png != null) {
            out.add(png);
          }
        }
        return out;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while drawing the plots", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  private static void writeText(Path p, String text, List<Path> written) throws IOException {
    AtomicFiles.write(p, text);
    written.add(p);
  }
}
