package org.phloem.tests.scalebench;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.phloem.tests.support.Repo;

/**
 * Hourly forcing for the hourly BETHY site model ({@code scalebench/bethy_hourly.phl}), made
 * deterministically from the FI-Hyy daily table ({@code fi_hyy/daily_2000_2010.csv}, 2000–2010) and
 * written as {@code bethy_hourly/hourly.csv} under a scratch data root:
 * <ul>
 *   <li>the run has {@code years} years of 365 days (a leap year's day 366 is left out), 24 hours
 *       each; run year y takes the days of source year 2000 + (y mod 11), so 25 years repeat the 11
 *       source years, and is labelled 2000 + y;
 *   <li>PAR: a sine from sunrise to sunset over the day length of canopy.phl (latitude 61.85° N, the
 *       day of year), scaled so that the 24-hour mean is the table's daily mean, the same daily course
 *       the daily model integrates by quadrature; each hour gets the exact mean of the sine over the
 *       hour, so the 24 hourly values average to the daily value;
 *   <li>temperature: the daily mean plus {@link #TEMPERATURE_AMPLITUDE} · cos(2π (h + ½ − 15) / 24),
 *       warmest at 15:00 (the 24 values average to the daily mean exactly);
 *   <li>CO2 and soil water: the day's value in every hour;
 *   <li>observations: the day's NEE and its gap-filled fraction in the day's last hour (blank in the
 *       others), so the model compares the hourly NEE summed over the day with the daily measurement.
 * </ul>
 */
public final class HourlyForcing {
  /** Hours per day. */
  public static final int HOURS = 24;
  /** Days per run year (no leap days). */
  public static final int DAYS = 365;
  /** Half the diurnal range of air temperature, °C (fixed; SMEAR II's summer range is larger, its winter range smaller). */
  public static final double TEMPERATURE_AMPLITUDE = 3.0;
  /** The site's latitude, as in models/bethy/site_hyytiala.phl. */
  public static final double LATITUDE = 61.85;
  private static final int FIRST_SOURCE_YEAR = 2000;
  private static final int SOURCE_YEARS = 11;

  private HourlyForcing() {}

  /** One day of the source table. */
  record Day(double par, double tair, double co2, double swc, double nee, double gapfill) {}

  /** Writes {@code bethy_hourly/hourly.csv} for a run of {@code years} years under {@code root}; returns {@code root}. */
  public static Path write(Path root, int years) throws Exception {
    Map<Long, Day> source = readSource(Repo.dataRoot(Repo.model("bethy/hyytiala.phl")).resolve("fi_hyy/daily_2000_2010.csv"));
    Path file = Files.createDirectories(root.resolve("bethy_hourly")).resolve("hourly.csv");
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write("hour,year,hod,par,tair,co2,swc_a,nee_obs,nee_gapfill\n");
      long hour = 0;
      for (int y = 0; y < years; y++) {
        int sourceYear = FIRST_SOURCE_YEAR + y % SOURCE_YEARS;
        for (int doy = 1; doy <= DAYS; doy++) {
          Day d = source.get(key(sourceYear, doy));
          if (d == null) {
            throw new IllegalStateException("no row for " + sourceYear + " day " + doy);
          }
          double[] par = hourlyPar(d.par(), doy);
          for (int h = 0; h < HOURS; h++) {
            boolean last = h == HOURS - 1;
            w.write(hour++ + "," + (FIRST_SOURCE_YEAR + y) + "," + h + "," + par[h] + "," + hourlyTemperature(d.tair(), h)
                + "," + d.co2() + "," + d.swc() + "," + (last ? Double.toString(d.nee()) : "") + ","
                + (last ? Double.toString(d.gapfill()) : "") + "\n");
          }
        }
      }
    }
    return root;
  }

  /** Hours of daylight on a day of the year at {@link #LATITUDE}: canopy.phl's {@code daylength}. */
  static double dayLength(double dayOfYear) {
    double dec = -23.4 * Math.PI / 180 * Math.cos(2 * Math.PI * (dayOfYear + 10) / 365);
    double m = Math.tan(LATITUDE * Math.PI / 180) * Math.tan(dec);
    if (m >= 1) {
      return 24;
    } else if (m <= -1) {
      return 0;
    }
    return 24 * Math.acos(-m) / Math.PI;
  }

  /**
   * The 24 hourly means of PAR for a daily mean {@code dailyMean}: a sine over the daylight hours N,
   * centred on noon, peaking at 12π·mean/N; hour h gets the sine's exact mean over [h, h+1].
   */
  static double[] hourlyPar(double dailyMean, int dayOfYear) {
    double n = dayLength(dayOfYear);
    double[] out = new double[HOURS];
    if (n <= 0) {
      return out;
    }
    double sunrise = 12 - n / 2;
    double noonPeak = 12 * Math.PI * dailyMean / n;
    for (int h = 0; h < HOURS; h++) {
      double a = Math.max(h, sunrise);
      double b = Math.min(h + 1, sunrise + n);
      if (a < b) {
        out[h] = noonPeak * n / Math.PI * (Math.cos(Math.PI * (a - sunrise) / n) - Math.cos(Math.PI * (b - sunrise) / n));
      }
    }
    return out;
  }

  /** Air temperature in hour {@code h} (0..23) of a day with mean {@code dailyMean}. */
  static double hourlyTemperature(double dailyMean, int h) {
    return dailyMean + TEMPERATURE_AMPLITUDE * Math.cos(2 * Math.PI * (h + 0.5 - 15) / HOURS);
  }

  private static long key(int year, int doy) {
    return year * 1000L + doy;
  }

  /** The source table's days by (year, doy). */
  static Map<Long, Day> readSource(Path table) throws IOException {
    List<String> lines = Files.readAllLines(table);
    List<String> header = List.of(lines.get(0).split(",", -1));
    int cYear = header.indexOf("year");
    int cDoy = header.indexOf("doy");
    int[] columns = {header.indexOf("par"), header.indexOf("tair"), header.indexOf("co2"), header.indexOf("swc_a"),
        header.indexOf("nee"), header.indexOf("nee_gapfill_fraction")};
    Map<Long, Day> out = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      double[] v = new double[columns.length];
      for (int k = 0; k < columns.length; k++) {
        v[k] = Double.parseDouble(cells[columns[k]]);
      }
      out.put(key(Integer.parseInt(cells[cYear]), (int) Math.round(Double.parseDouble(cells[cDoy]))),
          new Day(v[0], v[1], v[2], v[3], v[4], v[5]));
    }
    return out;
  }
}
