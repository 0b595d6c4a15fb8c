package org.phloem.tests.ccdas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.tests.support.Repo;

/**
 * The 2-D transport over the whole period, 1980-2003 (288 months), through
 * models/ccdas/fossil_gradient.phl: CDIAC's fossil emissions per band from a zero field. Carbon is
 * conserved to round-off over 24 years; the north-south difference of fossil CO2 at the surface in the
 * 1990s lies in the range published for fossil-only transport runs (3-4 ppm between the northern
 * extratropics and the South Pole; TRANSPORT.md); the dot-product test holds over 24 years. Long profile:
 * a cost takes seconds and the gradient a few more.
 */
@Tag("long")
class TransportLongTest {
  static CompiledModel model;
  static int params;

  @BeforeAll
  static void load() throws Exception {
    model = Repo.load("ccdas/fossil_gradient.phl");
    params = model.info().parameterCount();
  }

  private static double scalar(String name) {
    return model.output(model.info().outputIndex(name))[0];
  }

  @Test
  void carbonIsConservedOver24Years() {
    model.cost(model.info().priorMeans());
    double emitted = scalar("emitted");
    double held = scalar("carbon_end");
    System.out.printf("fossil 1980-2003: emitted %.17g PgC, in the atmosphere at the end %.17g PgC%n", emitted, held);
    assertTrue(emitted > 100, "CDIAC's 1980-2003 total is about 142 PgC");
    assertEquals(emitted, held, 1e-12 * emitted);
  }

  @Test
  void theNorthSouthDifferenceOfThe1990sIsInThePublishedRange() {
    model.cost(model.info().priorMeans());
    double[] ns = model.output(model.info().outputIndex("north_south"));
    double mean = 0;
    for (int y = 10; y < 20; y++) {
      mean += ns[y] / 10;
    }
    System.out.printf("fossil CO2, surface, 30-90N minus 80-90S, 1990-1999 mean: %.4f ppm%n", mean);
    assertTrue(mean > 3 && mean < 4, "published: 3-4 ppm; got " + mean);
    assertEquals(3.334, mean, 0.002, "the value TRANSPORT.md reports (regression guard)");
  }

  @Test
  void dotProductTestOver24Years() {
    Random rnd = new Random(13);
    // At the prior means the prior's gradient is zero: the gradient of ½ Σ surface² is Jᵀ r, r = the surface field.
    double[] p = model.info().priorMeans();
    double[] v = DotProduct.gaussian(rnd, params);
    double[] sides = DotProduct.sides(model, model.info().outputIndex("surface"), p, v);
    double left = sides[0];
    double right = sides[1];
    System.out.printf("dot-product test over 24 years: <r, J v> = %.17g, <J^T r, v> = %.17g%n", left, right);
    assertEquals(left, right, 1e-11 * Math.abs(left));
  }
}
