package org.phloem.tests.bench;

import static org.phloem.tests.bench.HandDalec.A1;
import static org.phloem.tests.bench.HandDalec.A10;
import static org.phloem.tests.bench.HandDalec.A2;
import static org.phloem.tests.bench.HandDalec.A3;
import static org.phloem.tests.bench.HandDalec.A4;
import static org.phloem.tests.bench.HandDalec.A5;
import static org.phloem.tests.bench.HandDalec.A6;
import static org.phloem.tests.bench.HandDalec.A7;
import static org.phloem.tests.bench.HandDalec.A8;
import static org.phloem.tests.bench.HandDalec.A9;
import static org.phloem.tests.bench.HandDalec.LAT;
import static org.phloem.tests.bench.HandDalec.LMA;
import static org.phloem.tests.bench.HandDalec.POOLS0;

import java.io.IOException;

/**
 * The gradient of DALEC-evergreen written by hand in plain Java: {@link HandDalec}'s forward run over
 * the Metolius drivers, with the cost J = ½ Σ NEE², differentiated in reverse mode the way a
 * programmer writes an adjoint by hand: a forward sweep that records each day's values on a tape (a
 * double array), then a reverse sweep that reads them back and accumulates the adjoints. It is the
 * launch-spread probe's third control ({@link LaunchProbe}): the same kind of work as Phloem's
 * generated gradient (a forward sweep with stores, a reverse sweep with loads, the chain rule's
 * products) in a class the compiler did not write, so that gradient / this control moves with what
 * the machine does to this kind of code and not with it. Measured in session 9, the machine's slow
 * state slows it ×1.29–1.36 against ×1.48–1.57 for the generated gradient; the same adjoint recording
 * on Phloem's {@code Tape} instead of its own array slows more (BENCHMARKS, "Launch-to-launch spread").
 */
final class HandDalecGradient {
  /** Values recorded per day by the forward sweep. */
  private static final int RECORDED = 14;

  private final double[] doy;
  private final double[] tmax;
  private final double[] tmin;
  private final double[] rad;
  private final double[] psid;
  private final double[] ca;
  private final double[] rtot;
  private final double[] nit;
  private final double[] tape;
  /** The smallest foliage pool of the last run (its leaf area has a floor at 0.1, a kink at 11.1 gC/m²). */
  double lowestFoliage;

  private HandDalecGradient(Columns d) {
    doy = d.get("doy");
    tmax = d.get("tmax");
    tmin = d.get("tmin");
    rad = d.get("rad");
    psid = d.get("psid");
    ca = d.get("ca");
    rtot = d.get("rtot");
    nit = d.get("nit");
    tape = new double[RECORDED * doy.length];
  }

  /** The model over the Metolius drivers (2000-2002), read by hand from the tidy CSV. */
  static HandDalecGradient load() throws IOException {
    return new HandDalecGradient(Columns.read("dalec_oregon/drivers.csv"));
  }

  /** J = ½ Σ NEE² at {@code p} (p1..p10): the forward run alone, for finite differences. */
  double cost(double[] p) {
    return sweep(p, null);
  }

  /** J at {@code p}, with ∂J/∂p written into {@code grad}. */
  double gradient(double[] p, double[] grad) {
    return sweep(p, grad);
  }

  private double sweep(double[] p, double[] grad) {
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
    double j = 0;
    int top = 0;
    double lowest = cf;
    for (int d = 0; d < doy.length; d++) {
      lowest = Math.min(lowest, cf);
      double leafArea = Math.max(0.1, cf / LMA);
      // ACM, keeping what its derivative by the leaf area needs
      double trange = 0.5 * (tmax[d] - tmin[d]);
      double gs = Math.pow(Math.abs(psid[d]), A10) / (A6 * rtot[d] + trange);
      double pp = leafArea * nit[d] / gs * A1 * Math.exp(A8 * tmax[d]);
      double qq = A3 - A4;
      double s = ca[d] + qq - pp;
      double root = Math.sqrt(s * s - 4 * (ca[d] * qq - pp * A3));
      double ci = 0.5 * (s + root);
      double e0 = A7 * leafArea * leafArea / (leafArea * leafArea + A9);
      double dec = -23.4 * Math.PI / 180 * Math.cos(2 * Math.PI * (doy[d] + 10) / 365);
      double m = Math.tan(LAT * Math.PI / 180) * Math.tan(dec);
      double daylength = m >= 1 ? 24 : m <= -1 ? 0 : 24 * Math.acos(-m) / Math.PI;
      double x = e0 * rad[d];
      double y = gs * (ca[d] - ci);
      double k = A2 * daylength + A5;
      double g = x * y / (x + y) * k;
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
      if (grad != null) {
        tape[top++] = cf;
        tape[top++] = cw;
        tape[top++] = cr;
        tape[top++] = cl;
        tape[top++] = cs;
        tape[top++] = leafArea;
        tape[top++] = g;
        tape[top++] = tempRate;
        tape[top++] = x;
        tape[top++] = y;
        tape[top++] = k;
        tape[top++] = s;
        tape[top++] = root;
        tape[top++] = gs;
      }
      cf = cf + (allocF - litterF);
      cw = cw + (allocW - litterW);
      cr = cr + (allocR - litterR);
      cl = cl + (litterF + litterR - respLit - decomp);
      cs = cs + (decomp - respSom + litterW);
      double nee = respAuto + respLit + respSom - g;
      j += 0.5 * nee * nee;
    }
    lowestFoliage = lowest;
    if (grad == null) {
      return j;
    }
    double p1b = 0;
    double p2b = 0;
    double p3b = 0;
    double p4b = 0;
    double p5b = 0;
    double p6b = 0;
    double p7b = 0;
    double p8b = 0;
    double p9b = 0;
    double p10b = 0;
    // adjoints of the pools after the day being reversed
    double cfb = 0;
    double cwb = 0;
    double crb = 0;
    double clb = 0;
    double csb = 0;
    for (int d = doy.length - 1; d >= 0; d--) {
      double gs = tape[--top];
      double root = tape[--top];
      double s = tape[--top];
      double k = tape[--top];
      double y = tape[--top];
      double x = tape[--top];
      double tempRate = tape[--top];
      double g = tape[--top];
      double leafArea = tape[--top];
      double csBefore = tape[--top];
      double clBefore = tape[--top];
      double crBefore = tape[--top];
      double cwBefore = tape[--top];
      double cfBefore = tape[--top];
      double respAuto = p2 * g;
      double allocF = (g - respAuto) * p3;
      double respLit = p8 * clBefore * tempRate;
      double respSom = p9 * csBefore * tempRate;
      double nee = respAuto + respLit + respSom - g;
      // nee = respAuto + respLit + respSom - g; the pools' updates
      double respAutoB = nee;
      double respLitB = nee - clb;
      double respSomB = nee - csb;
      double gB = -nee;
      double allocFB = cfb;
      double litterFB = -cfb + clb;
      double allocWB = cwb;
      double litterWB = -cwb + csb;
      double allocRB = crb;
      double litterRB = -crb + clb;
      double decompB = -clb + csb;
      double cfPrev = cfb;
      double cwPrev = cwb;
      double crPrev = crb;
      double clPrev = clb;
      double csPrev = csb;
      // decomp = p1 cl T; respSom = p9 cs T; respLit = p8 cl T
      double tempRateB = decompB * p1 * clBefore + respSomB * p9 * csBefore + respLitB * p8 * clBefore;
      p1b += decompB * clBefore * tempRate;
      p9b += respSomB * csBefore * tempRate;
      p8b += respLitB * clBefore * tempRate;
      clPrev += (decompB * p1 + respLitB * p8) * tempRate;
      csPrev += respSomB * p9 * tempRate;
      // litterR = p7 cr; litterW = p6 cw; litterF = p5 cf
      p7b += litterRB * crBefore;
      crPrev += litterRB * p7;
      p6b += litterWB * cwBefore;
      cwPrev += litterWB * p6;
      p5b += litterFB * cfBefore;
      cfPrev += litterFB * p5;
      // allocW = g - respAuto - allocF - allocR
      gB += allocWB;
      respAutoB -= allocWB;
      allocFB -= allocWB;
      allocRB -= allocWB;
      // allocR = (g - respAuto - allocF) p4
      p4b += allocRB * (g - respAuto - allocF);
      gB += allocRB * p4;
      respAutoB -= allocRB * p4;
      allocFB -= allocRB * p4;
      // allocF = (g - respAuto) p3
      p3b += allocFB * (g - respAuto);
      gB += allocFB * p3;
      respAutoB -= allocFB * p3;
      // respAuto = p2 g
      p2b += respAutoB * g;
      gB += respAutoB * p2;
      // tempRate = 0.5 exp(p10 0.5 (tmax + tmin))
      double tmean = 0.5 * (tmax[d] + tmin[d]);
      p10b += tempRateB * tempRate * tmean;
      // g = x y / (x + y) k, x = e0 rad, y = gs (ca - ci), ci = (s + root) / 2, s = ca + qq - pp, pp ∝ leaf area
      if (cfBefore / LMA > 0.1) {
        double sum = x + y;
        double xB = gB * k * y * y / (sum * sum);
        double yB = gB * k * x * x / (sum * sum);
        double leaf2 = leafArea * leafArea;
        double e0ByLeaf = A7 * 2 * leafArea * A9 / ((leaf2 + A9) * (leaf2 + A9));
        double ciByPp = 0.5 * (-1 + (2 * A3 - s) / root);
        double pp = (A3 - A4) + ca[d] - s;
        double leafB = xB * rad[d] * e0ByLeaf - yB * gs * ciByPp * pp / leafArea;
        cfPrev += leafB / LMA;
      }
      cfb = cfPrev;
      cwb = cwPrev;
      crb = crPrev;
      clb = clPrev;
      csb = csPrev;
    }
    grad[0] = p1b;
    grad[1] = p2b;
    grad[2] = p3b;
    grad[3] = p4b;
    grad[4] = p5b;
    grad[5] = p6b;
    grad[6] = p7b;
    grad[7] = p8b;
    grad[8] = p9b;
    grad[9] = p10b;
    return j;
  }
}
