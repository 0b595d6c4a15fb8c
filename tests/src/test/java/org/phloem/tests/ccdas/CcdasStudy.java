package org.phloem.tests.ccdas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.phloem.compiler.driver.Main;
import org.phloem.tests.support.Repo;

/**
 * The study's tables and plots (models/ccdas/README.md, "Results"), made from fit folders that plain
 * {@code phloem fit} commands wrote: J and verdict per arm, every start taken to its verdict
 * ({@link CcdasStartFits}), every parameter's posterior with its uncertainty reduction, RMSE per station
 * for both arms (East-Asian stations first) beside CarbonTracker's at the same stations and months, the
 * posterior land flux per band and year with its sd (delta method, from the fit's outputs.csv), and the
 * check of the transport Jacobian against the full 2-D transport (models/ccdas/direct.phl) at arm 1's
 * reported fit.
 *
 * <pre>
 *   java ... org.phloem.tests.ccdas.CcdasStudy --runs RUNS [--fit ARM=FOLDER]... [--out DIR]
 * </pre>
 * {@code --runs RUNS}: the folder the README's commands wrote into: RUNS/ARM (each arm's multi-start) and
 * RUNS/ARM-K (start K continued to its verdict); an arm's reported fit is its CONVERGED start fit with the
 * lowest J. {@code --fit ARM=FOLDER}: report this fit folder (any {@code phloem fit --out} folder) for
 * the arm instead. {@code --out} (default RUNS/study): report.md, the plots, and direct/ (the full
 * transport run at arm 1's reported parameters).
 */
public final class CcdasStudy {
  static final String[] ARMS = {"ccdas", "ccdas_fixed_co2"};
  static final String[] ARM_NAMES = {"CO2 from Mauna Loa", "CO2 held at 1980"};
  static final List<String> EAST_ASIA = CcdasDataTest.EAST_ASIA;
  static final int SPIN_UP = 12;

  private CcdasStudy() {}

  public static void main(String[] args) throws Exception {
    Path runs = null;
    Path out = null;
    Map<String, Path> fits = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--fit" -> {
          String[] kv = args[++i].split("=", 2);
          if (kv.length != 2 || !List.of(ARMS).contains(kv[0])) {
            throw new IllegalArgumentException("--fit takes ARM=FOLDER with ARM one of " + List.of(ARMS) + ", got " + args[i]);
          }
          fits.put(kv[0], Path.of(kv[1]));
        }
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (usage: CcdasStudy --runs RUNS [--fit ARM=FOLDER]... [--out DIR])");
      }
    }
    if (runs == null && fits.size() < ARMS.length) {
      throw new IllegalArgumentException("give --runs RUNS, or --fit ARM=FOLDER for both arms");
    }
    if (out == null) {
      out = runs != null ? runs.resolve("study") : Path.of("phloem-out/ccdas-study");
    }
    Study s = run(runs, fits, out);
    Files.writeString(out.resolve("report.md"), s.report());
    CcdasPlots.write(s, out);
    System.out.println(s.report());
  }

  /** Reads both arms' fits (and every start's, from {@code runs} when given) and runs the direct transport at arm 1's. */
  static Study run(Path runs, Map<String, Path> fits, Path out) throws Exception {
    Files.createDirectories(out);
    CcdasStartFits[] starts = new CcdasStartFits[ARMS.length];
    Path[] reported = new Path[ARMS.length];
    for (int a = 0; a < ARMS.length; a++) {
      starts[a] = runs == null ? new CcdasStartFits(ARMS[a], List.of()) : CcdasStartFits.read(runs, ARMS[a]);
      CcdasStartFits.Start best = starts[a].best();
      reported[a] = fits.containsKey(ARMS[a]) ? fits.get(ARMS[a]) : best == null ? null : best.folder();
      if (reported[a] == null) {
        throw new IllegalArgumentException("no CONVERGED fit of " + ARMS[a] + " in " + runs + " (folders " + ARMS[a]
            + "-K with summary.txt); give one with --fit " + ARMS[a] + "=FOLDER");
      }
    }
    Path direct = out.resolve("direct");
    Main.execute("run", Repo.model("ccdas/direct.phl").toString(), "--params", reported[0].resolve("parameters.csv").toString(),
        "--out", direct.toString());
    return Study.read(reported, starts, direct);
  }

  /** One fit as its folder (any {@code phloem fit --out} folder) holds it. */
  record Arm(Path folder, String status, double cost, double observationCost, double priorCost, int observations, int evaluations,
      String goodness, List<String[]> parameters, Map<String, double[]> co2, Map<Integer, double[]> landAnnual, double[][] zoneAnnual,
      double[][] zoneAnnualSd, double[] globalAnnual, double[] globalAnnualSd, double globalGpp, double globalNpp) {

    static Arm read(Path dir) throws IOException {
      String summary = Files.readString(dir.resolve("summary.txt"));
      String status = match(summary, "(?m)^Fit of \\S+ \\([^)]*\\): (\\S+)");
      double cost = Double.parseDouble(match(summary, "cost J = ([0-9.eE+-]+)"));
      double obs = Double.parseDouble(match(summary, "\\(observations ([0-9.eE+-]+)"));
      double prior = Double.parseDouble(match(summary, "prior ([0-9.eE+-]+)\\)"));
      int n = Integer.parseInt(match(summary, "(\\d+) observations"));
      int evaluations = Integer.parseInt(match(summary, "(\\d+) evaluations"));
      String goodness = match(summary, "(?m)^goodness of fit: (.*)$");
      List<String[]> params = CsvRows.read(dir.resolve("parameters.csv"));
      Map<String, double[]> co2 = new LinkedHashMap<>();
      Map<Integer, double[]> land = new TreeMap<>(); // by band number: south to north
      double[][] zone = new double[3][24];
      double[][] zoneSd = new double[3][24];
      double[] global = new double[24];
      double[] globalSd = new double[24];
      double gpp = Double.NaN;
      double npp = Double.NaN;
      for (String[] r : CsvRows.read(dir.resolve("outputs.csv"))) {
        switch (r[0]) {
          case "co2_station" -> co2.computeIfAbsent(r[3], k -> new double[288])[Integer.parseInt(r[5])] = Double.parseDouble(r[6]);
          case "land_flux_annual" -> {
            double[] v = land.computeIfAbsent(Integer.parseInt(r[3]), k -> new double[48]);
            int y = Integer.parseInt(r[5]);
            v[y] = Double.parseDouble(r[6]);
            v[24 + y] = Double.parseDouble(r[7]);
          }
          case "zone_land_annual" -> {
            zone[Integer.parseInt(r[3])][Integer.parseInt(r[5])] = Double.parseDouble(r[6]);
            zoneSd[Integer.parseInt(r[3])][Integer.parseInt(r[5])] = Double.parseDouble(r[7]);
          }
          case "global_land_annual" -> {
            global[Integer.parseInt(r[3])] = Double.parseDouble(r[r.length - 3]);
            globalSd[Integer.parseInt(r[3])] = Double.parseDouble(r[r.length - 2]);
          }
          case "global_gpp" -> gpp = Double.parseDouble(r[r.length - 3]);
          case "global_npp" -> npp = Double.parseDouble(r[r.length - 3]);
          default -> { }
        }
      }
      return new Arm(dir, status, cost, obs, prior, n, evaluations, goodness, params, co2, land, zone, zoneSd, global, globalSd, gpp, npp);
    }
  }

  /** station -> its 288 monthly values, from a run's co2_station.csv. */
  static Map<String, double[]> stationSeries(Path file) {
    Map<String, double[]> series = new LinkedHashMap<>();
    for (String[] r : CsvRows.read(file)) {
      series.computeIfAbsent(r[0], k -> new double[288])[Integer.parseInt(r[1])] = Double.parseDouble(r[2]);
    }
    return series;
  }

  static String match(String text, String regex) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
    return m.find() ? m.group(1) : "";
  }

  /** Both arms' reported fits, every start's fit, the observations, CarbonTracker and the direct-transport check. */
  record Study(Arm[] arms, CcdasStartFits[] starts, List<String> stations, Map<String, Boolean> fitted, Map<String, double[]> observed,
      Map<String, double[]> carbonTracker, Map<String, double[]> direct) {

    static Study read(Path[] reported, CcdasStartFits[] starts, Path directRun) throws IOException {
      Arm[] arms = {Arm.read(reported[0]), Arm.read(reported[1])};
      List<String> stations = new ArrayList<>();
      Map<String, Boolean> fitted = new LinkedHashMap<>();
      for (String[] r : CcdasTables.rows("ccdas/stations.csv")) {
        stations.add(r[0]);
        fitted.put(r[0], r[4].equals("1"));
      }
      Map<String, double[]> obs = new LinkedHashMap<>();
      for (String s : stations) {
        obs.put(s, nanArray(288));
      }
      for (String[] r : CcdasTables.rows("ccdas/station_co2_monthly.csv")) {
        obs.get(r[0])[Integer.parseInt(r[1])] = Double.parseDouble(r[2]);
      }
      Map<String, double[]> ct = new LinkedHashMap<>();
      for (String[] r : CcdasTables.rows("co2/carbontracker_at_stations_monthly.csv")) {
        int m = 12 * (Integer.parseInt(r[1]) - 1980) + Integer.parseInt(r[2]) - 1;
        if (m < 288) {
          ct.computeIfAbsent(r[0], k -> nanArray(288))[m] = Double.parseDouble(r[3]);
        }
      }
      Path d = directRun.resolve("co2_station.csv");
      Map<String, double[]> direct = Files.exists(d) ? stationSeries(d) : new LinkedHashMap<>();
      return new Study(arms, starts, stations, fitted, obs, ct, direct);
    }

    /** RMSE of {@code model} against the observations of station s over months [from, to) where
     * {@code also} (when not null) has a value too; NaN without a month. */
    double rmse(String s, double[] model, int from, int to, double[] also) {
      double sum = 0;
      int n = 0;
      double[] o = observed.get(s);
      for (int m = from; m < to; m++) {
        if (!Double.isNaN(o[m]) && (also == null || !Double.isNaN(also[m]))) {
          sum += (model[m] - o[m]) * (model[m] - o[m]);
          n++;
        }
      }
      return n == 0 ? Double.NaN : Math.sqrt(sum / n);
    }

    /** RMSE over every fitted station's observed months 1981-2003. */
    double rmseFitted(Map<String, double[]> model) {
      double sum = 0;
      int n = 0;
      for (String s : stations) {
        if (fitted.get(s)) {
          double r = rmse(s, model.get(s), SPIN_UP, 288, null);
          int m = months(s, SPIN_UP, 288, null);
          sum += r * r * m;
          n += m;
        }
      }
      return Math.sqrt(sum / n);
    }

    int months(String s, int from, int to, double[] also) {
      int n = 0;
      double[] o = observed.get(s);
      for (int m = from; m < to; m++) {
        if (!Double.isNaN(o[m]) && (also == null || !Double.isNaN(also[m]))) {
          n++;
        }
      }
      return n;
    }

    /** Stations in the report's order: the East-Asian ones first, then the others by latitude. */
    List<String> reportOrder() {
      List<String> order = new ArrayList<>();
      EAST_ASIA.stream().filter(stations::contains).forEach(order::add);
      stations.stream().filter(s -> !order.contains(s)).forEach(order::add);
      return order;
    }

    /** Root mean square of the Jacobian model minus the direct transport over fitted months. */
    double directRms(String station) {
      double[] a = arms[0].co2.get(station);
      double[] b = direct.get(station);
      double sum = 0;
      int n = 0;
      for (int m = SPIN_UP; m < 288; m++) {
        sum += (a[m] - b[m]) * (a[m] - b[m]);
        n++;
      }
      return Math.sqrt(sum / n);
    }

    String report() {
      StringBuilder r = new StringBuilder();
      r.append("#### The fits\n\n| | ").append(ARM_NAMES[0]).append(" | ").append(ARM_NAMES[1]).append(" |\n|---|---|---|\n");
      row(r, "verdict", arms[0].status, arms[1].status);
      row(r, "J", f(arms[0].cost, 2), f(arms[1].cost, 2));
      row(r, "J observations", f(arms[0].observationCost, 2), f(arms[1].observationCost, 2));
      row(r, "J prior", f(arms[0].priorCost, 2), f(arms[1].priorCost, 2));
      row(r, "observations", arms[0].observations + "", arms[1].observations + "");
      row(r, "RMSE, all fitted station-months [ppm]", f(Math.sqrt(2 * arms[0].observationCost / arms[0].observations) * 2, 3),
          f(Math.sqrt(2 * arms[1].observationCost / arms[1].observations) * 2, 3));
      row(r, "fit folder", arms[0].folder.toString(), arms[1].folder.toString());
      row(r, "evaluations", arms[0].evaluations + "", arms[1].evaluations + "");
      row(r, "global GPP, mean 1980-2003 [PgC/yr]", f(arms[0].globalGpp, 1), f(arms[1].globalGpp, 1));
      row(r, "global NPP [PgC/yr]", f(arms[0].globalNpp, 1), f(arms[1].globalNpp, 1));
      row(r, "goodness of fit", arms[0].goodness, arms[1].goodness);

      r.append("\n#### The starts, each taken to its verdict\n\nEvery start: where its L-BFGS ended (the multi-start's"
          + " starts.csv), then the fit continued from there (RUNS/ARM-K): its verdict, J and its parts, the parameters it holds on a bound,"
          + " its largest distance from the arm's reported fit in prior sds, and the RMSE [ppm] of the model there (every observed month"
          + " 1981-2003) over all fitted station-months and at the East-Asian stations.\n\n").append(CcdasStartFits.header());
      for (int a = 0; a < 2; a++) {
        starts[a].appendRows(r, ARM_NAMES[a], this, arms[a]);
      }
      r.append("\nEvery start's land flux, mean 1990-1999 [PgC/yr, negative is uptake], and global GPP (mean 1980-2003):\n\n"
          + "| arm | start | verdict | J | 90S-30S | 30S-30N | 30N-90N | global | GPP |\n|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
      for (int a = 0; a < 2; a++) {
        starts[a].appendFluxRows(r, ARM_NAMES[a]);
      }
      r.append("\n#### RMSE per station [ppm]\n\nWhole record: every observed month 1981-2003. 2000-2003: the months"
          + " with CarbonTracker too.\n\n| station | lat | fitted | months | ").append(ARM_NAMES[0]).append(" | ").append(ARM_NAMES[1])
          .append(" | months 2000-03 | ").append(ARM_NAMES[0]).append(" 2000-03 | ").append(ARM_NAMES[1])
          .append(" 2000-03 | CarbonTracker 2000-03 |\n|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
      Map<String, String> lat = new LinkedHashMap<>();
      CcdasTables.rows("ccdas/stations.csv").forEach(x -> lat.put(x[0], x[1]));
      for (String s : reportOrder()) {
        double[] ct = carbonTracker.get(s);
        r.append("| ").append(s).append(EAST_ASIA.contains(s) ? " (EA)" : "").append(" | ").append(lat.get(s)).append(" | ")
            .append(fitted.get(s) ? "yes" : "no").append(" | ").append(months(s, SPIN_UP, 288, null)).append(" | ")
            .append(f(rmse(s, arms[0].co2.get(s), SPIN_UP, 288, null), 2)).append(" | ")
            .append(f(rmse(s, arms[1].co2.get(s), SPIN_UP, 288, null), 2)).append(" | ");
        if (ct == null) {
          r.append("0 | | | |\n");
        } else {
          r.append(months(s, 240, 288, ct)).append(" | ").append(f(rmse(s, arms[0].co2.get(s), 240, 288, ct), 2)).append(" | ")
              .append(f(rmse(s, arms[1].co2.get(s), 240, 288, ct), 2)).append(" | ").append(f(rmse(s, ct, 240, 288, ct), 2)).append(" |\n");
        }
      }

      r.append("\n#### Parameters\n\n| parameter | prior | prior sd | ").append(ARM_NAMES[0]).append(" | sd | reduction | ")
          .append(ARM_NAMES[1]).append(" | sd | reduction |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (int i = 0; i < arms[0].parameters.size(); i++) {
        String[] a = arms[0].parameters.get(i);
        String[] b = arms[1].parameters.get(i);
        r.append("| ").append(a[0]).append(" | ").append(g(a[1])).append(" | ").append(g(a[2])).append(" | ")
            .append(g(a[3])).append(bound(a)).append(" | ").append(g(a[4])).append(" | ").append(pct(a[5])).append(" | ")
            .append(g(b[3])).append(bound(b)).append(" | ").append(g(b[4])).append(" | ").append(pct(b[5])).append(" |\n");
      }

      r.append("\n#### Posterior land flux [PgC/yr, positive into the atmosphere] ± 1 sd (delta method)\n\n| band | ");
      int[] years = {1, 5, 10, 15, 20, 23};
      for (int y : years) {
        r.append(1980 + y).append(" | ");
      }
      r.append("\n|---|").append("---:|".repeat(years.length)).append("\n");
      for (int a = 0; a < 2; a++) {
        r.append("| **").append(ARM_NAMES[a]).append("** |").append(" |".repeat(years.length)).append("\n");
        for (Map.Entry<Integer, double[]> e : arms[a].landAnnual.entrySet()) {
          int b = e.getKey();
          double[] v = e.getValue();
          if (v[1] == 0 && v[25] == 0) {
            continue;
          }
          r.append("| ").append(-90 + 10 * b).append("..").append(-80 + 10 * b).append(" | ");
          for (int y : years) {
            r.append(f(v[y], 2)).append(" ± ").append(f(v[24 + y], 2)).append(" | ");
          }
          r.append("\n");
        }
        r.append("| global | ");
        for (int y : years) {
          r.append(f(arms[a].globalAnnual[y], 2)).append(" ± ").append(f(arms[a].globalAnnualSd[y], 2)).append(" | ");
        }
        r.append("\n");
      }

      r.append("\n#### Posterior land flux by zone [PgC/yr] ± 1 sd (delta method)\n\n| zone | ");
      for (int y : years) {
        r.append(1980 + y).append(" | ");
      }
      r.append("mean 1990-1999 |\n|---|").append("---:|".repeat(years.length + 1)).append("\n");
      String[] zones = {"90S-30S", "30S-30N", "30N-90N"};
      for (int a = 0; a < 2; a++) {
        for (int z = 0; z < 3; z++) {
          r.append("| ").append(ARM_NAMES[a]).append(": ").append(zones[z]).append(" | ");
          for (int y : years) {
            r.append(f(arms[a].zoneAnnual[z][y], 2)).append(" ± ").append(f(arms[a].zoneAnnualSd[z][y], 2)).append(" | ");
          }
          r.append(f(mean(arms[a].zoneAnnual[z], 10, 20), 2)).append(" |\n");
        }
      }
      r.append("\nGlobal land flux (natural land, without land use), mean 1990-1999: ");
      for (int a = 0; a < 2; a++) {
        r.append(ARM_NAMES[a]).append(" ").append(f(mean(arms[a].globalAnnual, 10, 20), 2)).append(" PgC/yr; ");
      }
      r.append("Global Carbon Budget 2019 land sink, the same years: ").append(f(-gcbLandSink(1990, 1999), 2))
          .append(" PgC/yr (sign as here: negative is uptake). Decadal means have no sd here: outputs.csv gives each year's sd, not"
              + " their covariance.\n");

      if (!direct.isEmpty()) {
        r.append("\n#### The transport Jacobian against the full 2-D transport (arm 1's posterior)\n\n"
            + "RMS difference of monthly station CO2, 1981-2003 [ppm]: ");
        double sum = 0;
        int n = 0;
        for (String s : stations) {
          double d = directRms(s);
          sum += d * d;
          n++;
        }
        r.append(f(Math.sqrt(sum / n), 3)).append(" over all stations; ");
        for (String s : EAST_ASIA) {
          if (direct.containsKey(s)) {
            r.append(s).append(" ").append(f(directRms(s), 3)).append("; ");
          }
        }
        r.append("\n");
      }
      r.append("\n#### Figures pinned by CcdasStudyLongTest\n\n");
      for (int a = 0; a < 2; a++) {
        StringBuilder pins = new StringBuilder();
        pins.append(String.format(Locale.ROOT, "%.6f, %.6f, %.3f", arms[a].cost, arms[a].observationCost, arms[a].globalGpp));
        for (String station : CcdasStudyLongTest.RMSE_STATIONS) {
          pins.append(String.format(Locale.ROOT, ", %.4f", rmse(station, arms[a].co2.get(station), SPIN_UP, 288, null)));
        }
        r.append("- ").append(ARMS[a]).append(": `{").append(pins).append("}`\n");
      }
      return r.toString();
    }
  }

  /** Mean of v over indices [from, to). */
  static double mean(double[] v, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += v[i];
    }
    return sum / (to - from);
  }

  /** Mean GCB2019 land sink (positive = uptake) over the years [first, last]. */
  static double gcbLandSink(int first, int last) {
    double sum = 0;
    int n = 0;
    for (String[] r : CcdasTables.rows("carbon_budget/global_annual.csv")) {
      int y = Integer.parseInt(r[0]);
      if (y >= first && y <= last) {
        sum += Double.parseDouble(r[5]);
        n++;
      }
    }
    return sum / n;
  }

  static double[] nanArray(int n) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, Double.NaN);
    return a;
  }

  private static void row(StringBuilder r, String name, String a, String b) {
    r.append("| ").append(name).append(" | ").append(a).append(" | ").append(b).append(" |\n");
  }

  static String f(double v, int digits) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
  }

  private static String g(String v) {
    if (v.isEmpty() || v.equals("NA")) {
      return "-";
    }
    double x = Double.parseDouble(v);
    return String.format(Locale.ROOT, "%.4g", x);
  }

  private static String pct(String v) {
    return v.isEmpty() || v.equals("NA") ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * Double.parseDouble(v));
  }

  /** " (lower)", " (upper)" for a parameter held on a bound, " (undetermined)" for one the fit's note marks so. */
  private static String bound(String[] p) {
    return (p[6].isEmpty() ? "" : " (" + p[6] + ")") + (p.length > 8 && !p[8].isEmpty() ? " (" + p[8] + ")" : "");
  }

  /** CSV rows of a fit's output file (quoted fields with commas kept whole), without the header. */
  static final class CsvRows {
    private CsvRows() {}

    static List<String[]> read(Path file) {
      try {
        List<String> lines = Files.readAllLines(file);
        List<String[]> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
          if (!line.isBlank()) {
            out.add(split(line));
          }
        }
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static String[] split(String line) {
      List<String> fields = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '"') {
          quoted = !quoted;
        } else if (c == ',' && !quoted) {
          fields.add(cur.toString());
          cur.setLength(0);
        } else {
          cur.append(c);
        }
      }
      fields.add(cur.toString());
      return fields.toArray(new String[0]);
    }
  }
}
