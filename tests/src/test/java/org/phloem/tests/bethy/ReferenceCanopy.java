package org.phloem.tests.bethy;

/**
 * An independent Java implementation of the BETHY canopy GPP of models/bethy at the prior means, for
 * FI-Hyy (PFT 5, LAI 3.5, k 0.6, lat 61.85), written from the equations of models.md §4 and the
 * README (three layers, Gauss-Legendre half-day quadrature of a sinusoidal day) — not from the .phl.
 */
final class ReferenceCanopy {
  private static final double VM = 29;
  private static final double AJV = 1.79;
  private static final double E_VMAX = 58520;
  private static final double E_KC = 59356;
  private static final double E_KO = 35948;
  private static final double ALPHA_Q = 0.28;
  private static final double KC25 = 460e-6;
  private static final double KO25 = 0.33;
  private static final double GT = 1.7e-6;
  private static final double LAI = 3.5;
  private static final double K = 0.6;
  private static final double LAT = 61.85;

  private ReferenceCanopy() {}

  /** Daily GPP [g C m-2 d-1] on a day with the given forcing. */
  static double gpp(double doy, double par, double tc, double ca) {
    if (tc <= 0) {
      return 0;
    }
    double dec = Math.toRadians(-23.4) * Math.cos(2 * Math.PI * (doy + 10) / 365);
    double m = Math.tan(Math.toRadians(LAT)) * Math.tan(dec);
    double hours = m >= 1 ? 24 : m <= -1 ? 0 : 24 * Math.acos(-m) / Math.PI;
    double peak = par * 86400 / (2 * hours * 3600 / Math.PI); // the sine's integral over the day is 2N/pi times its peak
    double ci = 0.65e-6 * ca;
    double[] x = {0.5 - 0.5 * Math.sqrt(0.6), 0.5, 0.5 + 0.5 * Math.sqrt(0.6)};
    double[] w = {5.0 / 18, 8.0 / 18, 5.0 / 18};
    double dl = LAI / 3;
    double mean = 0; // daylight-mean canopy assimilation, umol m-2 s-1
    for (int q = 0; q < 3; q++) {
      double top = peak * Math.sin(Math.PI / 2 * x[q]);
      for (int l = 0; l < 3; l++) {
        double rel = (Math.exp(-K * l * dl) - Math.exp(-K * (l + 1) * dl)) / (K * dl);
        mean += w[q] * dl * leaf(VM * rel, K * rel * top, tc, ci);
      }
    }
    return mean * hours * 3600 * 12.011e-6;
  }

  private static double leaf(double vm, double apar, double tc, double ci) {
    double vmax = vm * arrhenius(E_VMAX, tc);
    double jmax = AJV * vm * tc / 25;
    double kc = KC25 * arrhenius(E_KC, tc);
    double ko = KO25 * arrhenius(E_KO, tc);
    double gamma = GT * tc;
    double j = ALPHA_Q * apar * jmax / Math.hypot(jmax, ALPHA_Q * apar);
    double je = j * (ci - gamma) / (4 * (ci + 2 * gamma));
    double jc = vmax * (ci - gamma) / (ci + kc * (1 + 0.21 / ko));
    // the smooth minimum as models.md writes it
    return (je + jc - Math.sqrt((je + jc) * (je + jc) - 4 * 0.99 * je * jc)) / (2 * 0.99);
  }

  private static double arrhenius(double e, double tc) {
    double t = tc + 273.16;
    return Math.exp(e * (t - 298.16) / (298.16 * 8.314 * t));
  }
}
