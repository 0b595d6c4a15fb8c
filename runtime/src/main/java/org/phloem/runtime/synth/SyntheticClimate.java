package org.phloem.runtime.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.phloem.runtime.data.CsvTableWriter;

/**
 * A deterministic synthetic climate for scale runs (no open global forcing is bundled): temperature,
 * radiation, PAR, FPAR, precipitation and soil moisture for every cell and time step, written as tidy
 * CSV tables that {@code data}/{@code input} declarations read directly:
 * <ul>
 *   <li>{@code cells.csv} (wide over dim {@code cell}): cell, lat, lon [degrees], area_m2 [m²];
 *   <li>{@code time.csv} (wide over the time dim, {@code day} or {@code month}): the time index, year,
 *       calendar_month (1..12), and doy (day of year) for daily or days (days in the month) for monthly;
 *   <li>{@code climate.csv} (long over cell × time): temp [°C], rad [MJ m⁻² d⁻¹ shortwave], par
 *       [MJ m⁻² d⁻¹], fpar [0..1], precip [mm d⁻¹], swc [soil water, fraction of capacity]. Monthly values
 *       are means of the daily values.
 * </ul>
 * The same options give bit-identical files whatever the thread count (see {@link CellClimate}).
 */
public final class SyntheticClimate {
  public static final String CELLS_FILE = "cells.csv";
  public static final String TIME_FILE = "time.csv";
  public static final String CLIMATE_FILE = "climate.csv";
  /** Cells made together (in parallel) before they are written, bounding memory at real size. */
  private static final int BLOCK = 256;

  private SyntheticClimate() {}

  /**
   * What was written.
   *
   * @param cells the number of cells (size of dim {@code cell})
   * @param steps the number of time steps (size of the time dim)
   * @param timeDim the time dim's name, {@code day} or {@code month}
   */
  public record Generated(int cells, int steps, String timeDim, Path cellsFile, Path timeFile, Path climateFile) {}

  /** Makes the climate and writes the three tables into {@code outDir} (created if needed). */
  public static Generated generate(Options options, Path outDir) throws IOException {
    List<Grid.Cell> cells = options.grid().cells();
    Calendar cal = new Calendar(options.firstYear(), options.years());
    boolean monthly = options.step() == Options.TimeStep.MONTHLY;
    int steps = monthly ? cal.months() : cal.days();
    String timeDim = options.step().dim;

    Path cellsFile = outDir.resolve(CELLS_FILE);
    Map<String, double[]> cellColumns = new LinkedHashMap<>();
    cellColumns.put("lat", cells.stream().mapToDouble(Grid.Cell::lat).toArray());
    cellColumns.put("lon", cells.stream().mapToDouble(Grid.Cell::lon).toArray());
    cellColumns.put("area_m2", cells.stream().mapToDouble(Grid.Cell::areaM2).toArray());
    CsvTableWriter.writeWide(cellsFile, "cell", indexLabels(cells.size()), cellColumns);

    Path timeFile = outDir.resolve(TIME_FILE);
    CsvTableWriter.writeWide(timeFile, timeDim, indexLabels(steps), monthly ? cal.monthColumns() : cal.dayColumns());

    Path climateFile = outDir.resolve(CLIMATE_FILE);
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    try {
      BlockCache cache = new BlockCache(options, cells, cal, monthly, pool);
      CsvTableWriter.writeLong(climateFile, List.of("cell", timeDim),
          List.of(indexLabels(cells.size()), indexLabels(steps)), List.of(CellClimate.NAMES),
          (variable, flat) -> cache.series((int) (flat / steps))[variable][(int) (flat % steps)]);
    } finally {
      pool.shutdownNow();
    }
    return new Generated(cells.size(), steps, timeDim, cellsFile, timeFile, climateFile);
  }

  /** The variables of {@link #cellDaily}, in order: the columns of {@code climate.csv}. */
  public static final List<String> VARIABLES = List.of(CellClimate.NAMES);

  /** The day of year (1..366) of every day of the run {@code options} describe: {@code time.csv}'s doy column. */
  public static int[] daysOfYear(Options options) {
    return new Calendar(options.firstYear(), options.years()).dayOfYear.clone();
  }

  /**
   * One cell's daily climate in memory, without writing any file: {@code [variable][day]}, variables in
   * {@link #VARIABLES} order; the numbers a daily {@code climate.csv} holds for the cell. For runs whose
   * tables would be gigabytes (25 years daily on a 2° grid).
   *
   * @param cellNumber the cell's position in {@code options.grid().cells()} (it seeds the cell's noise)
   * @param cell that cell
   * @param daysOfYear {@link #daysOfYear(Options)} (passed in: it is the same for every cell)
   */
  public static double[][] cellDaily(Options options, int cellNumber, Grid.Cell cell, int[] daysOfYear) {
    return CellClimate.daily(options.seed(), cellNumber, cell, daysOfYear);
  }

  private static List<String> indexLabels(int n) {
    return IntStream.range(0, n).mapToObj(Integer::toString).toList();
  }

  /** The run's days: their day of year and which month of the run each falls in. */
  private static final class Calendar {
    final int[] dayOfYear;
    final int[] monthOfRun;
    final int[] year;
    final int[] calendarMonth;
    private final int firstYear;
    private final int months;

    Calendar(int firstYear, int years) {
      this.firstYear = firstYear;
      LocalDate start = LocalDate.of(firstYear, 1, 1);
      int days = (int) (LocalDate.of(firstYear + years, 1, 1).toEpochDay() - start.toEpochDay());
      dayOfYear = new int[days];
      monthOfRun = new int[days];
      year = new int[days];
      calendarMonth = new int[days];
      for (int t = 0; t < days; t++) {
        LocalDate d = start.plusDays(t);
        dayOfYear[t] = d.getDayOfYear();
        year[t] = d.getYear();
        calendarMonth[t] = d.getMonthValue();
        monthOfRun[t] = (d.getYear() - firstYear) * 12 + d.getMonthValue() - 1;
      }
      months = years * 12;
    }

    int days() {
      return dayOfYear.length;
    }

    int months() {
      return months;
    }

    Map<String, double[]> dayColumns() {
      Map<String, double[]> m = new LinkedHashMap<>();
      m.put("year", IntStream.of(year).asDoubleStream().toArray());
      m.put("calendar_month", IntStream.of(calendarMonth).asDoubleStream().toArray());
      m.put("doy", IntStream.of(dayOfYear).asDoubleStream().toArray());
      return m;
    }

    Map<String, double[]> monthColumns() {
      double[] y = new double[months];
      double[] cm = new double[months];
      double[] n = new double[months];
      for (int k = 0; k < months; k++) {
        y[k] = firstYear + k / 12;
        cm[k] = k % 12 + 1;
      }
      for (int m : monthOfRun) {
        n[m]++;
      }
      Map<String, double[]> out = new LinkedHashMap<>();
      out.put("year", y);
      out.put("calendar_month", cm);
      out.put("days", n);
      return out;
    }

    /** Monthly means of daily series. */
    double[][] monthlyMeans(double[][] daily) {
      double[][] out = new double[daily.length][months];
      int[] count = new int[months];
      for (int m : monthOfRun) {
        count[m]++;
      }
      for (int v = 0; v < daily.length; v++) {
        for (int t = 0; t < daily[v].length; t++) {
          out[v][monthOfRun[t]] += daily[v][t];
        }
        for (int m = 0; m < months; m++) {
          out[v][m] /= count[m];
        }
      }
      return out;
    }
  }

  /** Makes cells a block at a time, in parallel, as the writer asks for them in order. */
  private static final class BlockCache {
    private final Options options;
    private final List<Grid.Cell> cells;
    private final Calendar cal;
    private final boolean monthly;
    private final ExecutorService pool;
    private int blockStart = -1;
    private List<double[][]> block = List.of();

    BlockCache(Options options, List<Grid.Cell> cells, Calendar cal, boolean monthly, ExecutorService pool) {
      this.options = options;
      this.cells = cells;
      this.cal = cal;
      this.monthly = monthly;
      this.pool = pool;
    }

    double[][] series(int cell) {
      if (blockStart < 0 || cell < blockStart || cell >= blockStart + block.size()) {
        load(cell - cell % BLOCK);
      }
      return block.get(cell - blockStart);
    }

    private void load(int start) {
      int end = Math.min(cells.size(), start + BLOCK);
      List<Callable<double[][]>> tasks = new ArrayList<>();
      for (int c = start; c < end; c++) {
        int cell = c;
        tasks.add(() -> {
          double[][] daily = CellClimate.daily(options.seed(), cell, cells.get(cell), cal.dayOfYear);
          return monthly ? cal.monthlyMeans(daily) : daily;
        });
      }
      List<double[][]> made = new ArrayList<>();
      try {
        for (Future<double[][]> f : pool.invokeAll(tasks)) {
          made.add(f.get());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while making the synthetic climate", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("making the synthetic climate failed", e.getCause());
      }
      blockStart = start;
      block = made;
    }
  }
}
