package org.phloem.runtime.synth;

/**
 * Daily solar geometry and top-of-atmosphere radiation, as in FAO Irrigation and Drainage Paper 56
 * (Allen et al. 1998), equations 21-25 and 34. Angles in radians; J is the day of the year (1..365/366).
 */
public final class SolarGeometry {
  /** Solar constant, MJ m⁻² min⁻¹ (FAO-56). */
  public static final double SOLAR_CONSTANT = 0.0820;

  private SolarGeometry() {}

  /** Solar declination δ = 0.409 sin(2πJ/365 − 1.39) (FAO-56 eq. 24). */
  public static double declination(int dayOfYear) {
    return 0.409 * StrictMath.sin(2 * StrictMath.PI * dayOfYear / 365 - 1.39);
  }

  /** Inverse relative Earth-Sun distance d_r = 1 + 0.033 cos(2πJ/365) (eq. 23). */
  public static double inverseDistance(int dayOfYear) {
    return 1 + 0.033 * StrictMath.cos(2 * StrictMath.PI * dayOfYear / 365);
  }

  /** Sunset hour angle ω_s = arccos(−tan φ tan δ) (eq. 25), 0 in polar night and π in polar day. */
  public static double sunsetHourAngle(double latitude, double declination) {
    double x = -StrictMath.tan(latitude) * StrictMath.tan(declination);
    return StrictMath.acos(Math.max(-1, Math.min(1, x)));
  }

  /** Daylight hours N = 24 ω_s / π (eq. 34). */
  public static double dayLengthHours(double latitude, int dayOfYear) {
    return 24 / StrictMath.PI * sunsetHourAngle(latitude, declination(dayOfYear));
  }

  /** Extraterrestrial radiation for a day, MJ m⁻² d⁻¹ (eq. 21). */
  public static double extraterrestrialRadiation(double latitude, int dayOfYear) {
    double d = declination(dayOfYear);
    double ws = sunsetHourAngle(latitude, d);
    double ra = 24 * 60 / StrictMath.PI * SOLAR_CONSTANT * inverseDistance(dayOfYear)
        * (ws * StrictMath.sin(latitude) * StrictMath.sin(d)
            + StrictMath.cos(latitude) * StrictMath.cos(d) * StrictMath.sin(ws));
    return Math.max(0, ra);
  }
}
