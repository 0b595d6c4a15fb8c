package org.phloem.runtime.synth;

/**
 * One cell's daily climate, a pure function of (seed, cell number, position, calendar): so cells can be
 * made in any order on any thread. Everything uses {@link StrictMath}, whose results are the same on
 * every JVM and platform.
 *
 * <ul>
 *   <li>temperature (°C): annual mean 28 − 40 sin²φ, a seasonal cosine of amplitude 1 + 17|sin φ|^1.5
 *       peaking on day 200 in the north (half a year later in the south, fading near the equator), plus
 *       AR(1) weather noise (lag-1 correlation 0.7, s.d. 3 °C);
 *   <li>shortwave radiation (MJ m⁻² d⁻¹): FAO-56 extraterrestrial radiation times Ångström's
 *       0.25 + 0.5 n/N, with relative sunshine n/N noisy and lower on wet days; PAR = half of it;
 *   <li>precipitation (mm d⁻¹): a climatology with a seasonally migrating ITCZ and mid-latitude storm
 *       tracks, scaled by a smooth per-cell wetness; wet days by a Bernoulli draw, amounts exponential,
 *       so the expected daily amount is the climatology;
 *   <li>soil moisture (fraction of a 150 mm bucket): rain in, actual evaporation = Hargreaves-type
 *       potential 0.0135 (T + 17.8) · 0.408 Rs times the fraction, overflow lost;
 *   <li>FPAR: 0.05 + 0.8 · (logistic in the noise-free temperature 20 days earlier, centred on 5 °C) ·
 *       (0.3 + 0.7 wetness): green in the warm season, greener where wetter.
 * </ul>
 */
final class CellClimate {
  /** The variables, in output column order. */
  static final String[] NAMES = {"temp", "rad", "par", "fpar", "precip", "swc"};
  static final int TEMP = 0;
  static final int RAD = 1;
  static final int PAR = 2;
  static final int FPAR = 3;
  static final int PRECIP = 4;
  static final int SWC = 5;

  private static final int STREAM_TEMP = 1;
  private static final int STREAM_SUN = 2;
  private static final int STREAM_WET = 3;
  private static final int STREAM_AMOUNT = 4;
  private static final double BUCKET_MM = 150;
  private static final double YEAR = 365.25;

  private CellClimate() {}

  /**
   * The daily series of every variable: {@code [variable][day]}.
   *
   * @param dayOfYear the calendar's day of year (1..366) for each day of the run
   */
  static double[][] daily(long seed, int cellNumber, Grid.Cell cell, int[] dayOfYear) {
    int days = dayOfYear.length;
    double[][] out = new double[NAMES.length][days];
    double phi = StrictMath.toRadians(cell.lat());
    double wetness = wetness(cell);
    double anomaly = 0;
    double bucket = 0.5 * BUCKET_MM;
    for (int t = 0; t < days; t++) {
      int doy = dayOfYear[t];
      double z = Noise.gaussian(seed, cellNumber, STREAM_TEMP, t);
      anomaly = t == 0 ? 3 * z : 0.7 * anomaly + 3 * StrictMath.sqrt(1 - 0.49) * z;
      double temp = meanTemperature(cell.lat(), doy) + anomaly;

      double meanRain = meanPrecipitation(cell.lat(), doy) * wetness;
      double pWet = meanRain / (meanRain + 2.5);
      boolean wet = Noise.uniform(seed, cellNumber, STREAM_WET, t) < pWet;
      double rain = wet ? -meanRain / pWet * StrictMath.log(1 - Noise.uniform(seed, cellNumber, STREAM_AMOUNT, t)) : 0;

      double sunshine = 0.6 + 0.15 * Noise.gaussian(seed, cellNumber, STREAM_SUN, t) - (wet ? 0.25 : 0);
      sunshine = Math.max(0.05, Math.min(0.95, sunshine));
      double rad = (0.25 + 0.5 * sunshine) * SolarGeometry.extraterrestrialRadiation(phi, doy);

      double potential = Math.max(0, 0.0135 * (temp + 17.8) * 0.408 * rad);
      bucket = Math.max(0, Math.min(BUCKET_MM, bucket + rain - potential * bucket / BUCKET_MM));

      double green = 1 / (1 + StrictMath.exp(-(meanTemperature(cell.lat(), doy - 20) - 5) / 3));
      out[TEMP][t] = temp;
      out[RAD][t] = rad;
      out[PAR][t] = 0.5 * rad;
      out[FPAR][t] = 0.05 + 0.8 * green * (0.3 + 0.7 * (wetness - 0.55) / 0.9);
      out[PRECIP][t] = rain;
      out[SWC][t] = bucket / BUCKET_MM;
    }
    return out;
  }

  /** Noise-free temperature, °C, at a latitude (degrees) and day of year. */
  static double meanTemperature(double latDeg, int doy) {
    double s = StrictMath.sin(StrictMath.toRadians(latDeg));
    double amplitude = 1 + 17 * StrictMath.pow(Math.abs(s), 1.5);
    double hemisphere = StrictMath.tanh(latDeg / 5);
    return 28 - 40 * s * s + hemisphere * amplitude * StrictMath.cos(2 * StrictMath.PI * (doy - 200) / YEAR);
  }

  /** Climatological precipitation before the cell's wetness factor, mm d⁻¹. */
  static double meanPrecipitation(double latDeg, int doy) {
    double itcz = 6 * StrictMath.sin(2 * StrictMath.PI * (doy - 105) / YEAR);
    double tropics = 7 * StrictMath.exp(-square((latDeg - itcz) / 9));
    double stormTracks = 2.6 * StrictMath.exp(-square((Math.abs(latDeg) - 48) / 13));
    return 0.4 + tropics + stormTracks;
  }

  /** A smooth per-cell factor in [0.55, 1.45]: drier continental interiors, wetter coasts. */
  static double wetness(Grid.Cell cell) {
    double p = StrictMath.toRadians(cell.lat());
    double l = StrictMath.toRadians(cell.lon());
    return 0.55 + 0.9 * (0.5 + 0.5 * StrictMath.sin(2 * l + 1 + p));
  }

  private static double square(double x) {
    return x * x;
  }
}
