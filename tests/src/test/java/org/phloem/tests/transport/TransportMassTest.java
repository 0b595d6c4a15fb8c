package org.phloem.tests.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.runtime.CompiledModel;

/**
 * Mass conservation of the zonal-mean transport: diffusion only moves CO2 between bands, so the
 * area-weighted global mean changes by exactly the total source divided by the atmosphere's mass per ppm.
 * The expected values are computed here from the fluxes alone (band areas on the sphere, the constants
 * documented in transport_core.phl), independently of the model's own geometry.
 */
class TransportMassTest {
  /** From transport_core.phl: steps per month, years run, carbon per ppm [gC], Earth radius [m]. */
  static final int N_SUB = 64;
  static final int N_YEARS = 3;
  static final double ATM_MASS = 2.124e15;
  static final double RADIUS = 6371000;

  @TempDir static Path folder;
  static CompiledModel model;

  @BeforeAll
  static void bind() throws Exception {
    model = new TransportFixture(folder).bind(TransportFixture.only(0, 0, 0));
  }

  @Test
  void globalMeanChangesByTotalSourceOverMass() {
    Random rnd = new Random(3);
    int nb = TransportFixture.BANDS;
    double[] src = TransportAdjointTest.randomVector(rnd, nb * 12, 40);
    model.cost(src);
    double[] cband = model.output(model.info().outputIndex("cband"));
    double[] areaFraction = new double[nb];
    double[] area = new double[nb];
    for (int b = 0; b < nb; b++) {
      double south = Math.toRadians(-90 + 5.0 * b);
      double north = Math.toRadians(-90 + 5.0 * (b + 1));
      areaFraction[b] = (Math.sin(north) - Math.sin(south)) / 2;
      area[b] = 2 * Math.PI * RADIUS * RADIUS * (Math.sin(north) - Math.sin(south));
    }
    // Total source [gC] per month and cumulative before the last year's month m.
    double[] monthly = new double[12];
    for (int m = 0; m < 12; m++) {
      for (int b = 0; b < nb; b++) {
        monthly[m] += area[b] * src[b * 12 + m];
      }
    }
    double perYear = 0;
    for (double x : monthly) {
      perYear += x;
    }
    double before = (N_YEARS - 1) * perYear;
    double worst = 0;
    double scale = 0;
    for (int m = 0; m < 12; m++) {
      // The month's mean over its N_SUB steps, after step k the month has added k/N_SUB of its source.
      double expected = (before + monthly[m] * (N_SUB + 1) / (2.0 * N_SUB)) / ATM_MASS;
      double global = 0;
      for (int b = 0; b < nb; b++) {
        global += areaFraction[b] * cband[b * 12 + m];
      }
      worst = Math.max(worst, Math.abs(global - expected));
      scale = Math.max(scale, Math.abs(expected));
      before += monthly[m];
    }
    System.out.printf("mass conservation: max relative error of the global mean %.3g%n", worst / scale);
    assertEquals(0, worst / scale, 1e-13, "global mean vs total source / mass, relative");
  }

  @Test
  void aUniformSourceRaisesEveryStationAlike() {
    double[] src = new double[TransportFixture.BANDS * 12];
    java.util.Arrays.fill(src, 10);
    model.cost(src);
    double[] conc = model.output(model.info().outputIndex("conc"));
    // Uniform sources make no gradients: every band gets 10 gC/m²·(area of the Earth)/mass per month.
    double perMonth = 10 * 4 * Math.PI * RADIUS * RADIUS / ATM_MASS;
    for (int s = 0; s < TransportFixture.LATITUDES.length; s++) {
      for (int m = 0; m < 12; m++) {
        double expected = perMonth * (24 + m + (N_SUB + 1) / (2.0 * N_SUB));
        assertEquals(expected, conc[s * 12 + m], 1e-12 * expected, "station " + s + " month " + m);
      }
    }
  }
}
