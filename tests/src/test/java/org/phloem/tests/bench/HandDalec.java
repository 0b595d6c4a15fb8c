package org.phloem.tests.bench;

import java.io.IOException;

/**
 * DALEC-evergreen written by hand in plain Java from the equations of models.md §2: the baseline the
 * compiled model's forward run is timed against. It keeps the same eleven daily outputs the Phloem
 * model writes (so both do the same work) and evaluates each expression in the order the model text
 * writes it (so the two agree to rounding).
 */
final class HandDalec {
  // ACM coefficients (Williams et al. 1997) and the Metolius site (HandDalecGradient uses them too).
  static final double A1 = 2.155;
  static final double A2 = 0.0142;
  static final double A3 = 217.9;
  static final double A4 = 0.980;
  static final double A5 = 0.155;
  static final double A6 = 2.653;
  static final double A7 = 4.309;
  static final double A8 = 0.060;
  static final double A9 = 1.062;
  static final double A10 = 0.0006;
  static final double LAT = 44.4;
  static final double LMA = 111;
  /** The carbon pools on the first day (gC/m²): foliage, wood, roots, litter, soil organic matter. */
  static final double[] POOLS0 = {57.705, 769.86, 102.00, 40.449, 9896.7};

  /** When true, squares are taken with Math.pow(x, 2), as the compiled model currently does (a control). */
  private final boolean squareByPow;
  private final double[] doy;
  private final double[] tmax;
  private final double[] tmin;
  private final double[] rad;
  private final double[] psid;
  private final double[] ca;
  private final double[] rtot;
  private final double[] nit;

  /** Daily outputs of the last run, named as in dalec_core.phl. */
  final double[] gpp;
  final double[] nee;
  final double[] reco;
  final double[] ra;
  final double[] rh1;
  final double[] rh2;
  final double[] lai;
  final double[] foliage;
  final double[] wood;
  final double[] roots;
  final double[] litter;
  final double[] som;

  private HandDalec(Columns d, boolean squareByPow, int copies) {
    this.squareByPow = squareByPow;
    doy = tiled(d.get("doy"), copies);
    tmax = tiled(d.get("tmax"), copies);
    tmin = tiled(d.get("tmin"), copies);
    rad = tiled(d.get("rad"), copies);
    psid = tiled(d.get("psid"), copies);
    ca = tiled(d.get("ca"), copies);
    rtot = tiled(d.get("rtot"), copies);
    nit = tiled(d.get("nit"), copies);
    int n = doy.length;
    gpp = new double[n];
    nee = new double[n];
    reco = new double[n];
    ra = new double[n];
    rh1 = new double[n];
    rh2 = new double[n];
    lai = new double[n];
    foliage = new double[n];
    wood = new double[n];
    roots = new double[n];
    litter = new double[n];
    som = new double[n];
  }

  /** The model over the Metolius drivers (2000-2002), read by hand from the tidy CSV. */
  static HandDalec load() throws IOException {
    return new HandDalec(Columns.read("dalec_oregon/drivers.csv"), false, 1);
  }

  /**
   * The model over {@code copies} runs of the Metolius drivers one after the other ({@code copies} × 3
   * years): the same code over a working set {@code copies} times as large (8 driver and 12 output
   * arrays, 160 bytes a day: ≈ 175 KB for one copy). The launch-spread probe's second control.
   */
  static HandDalec loadTiled(int copies) throws IOException {
    return new HandDalec(Columns.read("dalec_oregon/drivers.csv"), false, copies);
  }

  /**
   * The same model squaring with {@code Math.pow(x, 2)} instead of {@code x * x}: the control that tells
   * how much of the compiled model's extra time is its use of pow for {@code ^ 2}.
   */
  static HandDalec loadSquaringByPow() throws IOException {
    return new HandDalec(Columns.read("dalec_oregon/drivers.csv"), true, 1);
  }

  private static double[] tiled(double[] x, int copies) {
    double[] t = new double[x.length * copies];
    for (int c = 0; c < copies; c++) {
      System.arraycopy(x, 0, t, c * x.length, x.length);
    }
    return t;
  }

  private double square(double x) {
    return squareByPow ? Math.pow(x, 2) : x * x;
  }

  /** The Aggregated Canopy Model's daily GPP. */
  private double acm(double lai, double tmx, double tmn, double irad, double psi, double co2, double rt, double n,
      double dayOfYear) {
    double trange = 0.5 * (tmx - tmn);
    double gs = Math.pow(Math.abs(psi), A10) / (A6 * rt + trange);
    double pp = lai * n / gs * A1 * Math.exp(A8 * tmx);
    double qq = A3 - A4;
    double ci = 0.5 * (co2 + qq - pp + Math.sqrt(square(co2 + qq - pp) - 4 * (co2 * qq - pp * A3)));
    double e0 = A7 * square(lai) / (square(lai) + A9);
    double dec = -23.4 * Math.PI / 180 * Math.cos(2 * Math.PI * (dayOfYear + 10) / 365);
    double m = Math.tan(LAT * Math.PI / 180) * Math.tan(dec);
    double daylength = m >= 1 ? 24 : m <= -1 ? 0 : 24 * Math.acos(-m) / Math.PI;
    return e0 * irad * gs * (co2 - ci) / (e0 * irad + gs * (co2 - ci)) * (A2 * daylength + A5);
  }

  /** Runs the three years at parameters {@code p} (p1..p10 in order), filling the outputs. */
  void run(double[] p) {
    double p1 = p[0];
    double p2 = p[1];
    double p3 = p[2];
    double p4 = p[3];
    double p5 = p[4];
    double p6 = p[5];
    double p7 = p[6];
    double p8 = p[7];
    double p9 = p[8];
    double p10 = p[9];
    double cf = POOLS0[0];
    double cw = POOLS0[1];
    double cr = POOLS0[2];
    double cl = POOLS0[3];
    double cs = POOLS0[4];
    for (int d = 0; d < doy.length; d++) {
      double leafArea = Math.max(0.1, cf / LMA);
      double g = acm(leafArea, tmax[d], tmin[d], rad[d], psid[d], ca[d], rtot[d], nit[d], doy[d]);
      double tempRate = 0.5 * Math.exp(p10 * 0.5 * (tmax[d] + tmin[d]));
      double respAuto = p2 * g;
      double allocF = (g - respAuto) * p3;
      double allocR = (g - respAuto - allocF) * p4;
      double allocW = g - respAuto - allocF - allocR;
      double litterF = p5 * cf;
      double litterW = p6 * cw;
      double litterR = p7 * cr;
      double respLit = p8 * cl * tempRate;
      double respSom = p9 * cs * tempRate;
      double decomp = p1 * cl * tempRate;
      cf = cf + (allocF - litterF);
      cw = cw + (allocW - litterW);
      cr = cr + (allocR - litterR);
      cl = cl + (litterF + litterR - respLit - decomp);
      cs = cs + (decomp - respSom + litterW);
      gpp[d] = g;
      ra[d] = respAuto;
      rh1[d] = respLit;
      rh2[d] = respSom;
      reco[d] = respAuto + respLit + respSom;
      nee[d] = reco[d] - g;
      lai[d] = leafArea;
      foliage[d] = cf;
      wood[d] = cw;
      roots[d] = cr;
      litter[d] = cl;
      som[d] = cs;
    }
  }
}
