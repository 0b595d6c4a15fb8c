package org.phloem.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.runtime.CompiledModel;

/**
 * An observation with a unit sd (the NIST problems' {@code normal(y[i], 1)}) leaves out the division
 * of the residual by the sd: d / 1 is d exactly in IEEE arithmetic. The cost must be the same bits as
 * that of the same model whose sd is a data column of ones (which divides), on
 * random parameters and data with missing values, and only the unit sd's code goes without the
 * division (on the code before, both divided). The gradients agree to rounding (their partials may
 * associate a product differently).
 */
class UnitSdTest {
  @TempDir
  Path dir;

  private static final String MODEL = """
      model unitsd "unit sd"
      data "unit.csv"
      dim obs
      input x[obs]
      input y[obs]
      input s[obs]
      param b1 = 0.5
      param b2 = -0.2
      output fit[obs]
      for i in obs {
        fit[i] = b1 * exp(b2 * x[i]) + b2 * b2 + 2
      }
      observe fit[i] ~ LIKELIHOOD(y[i], SD) for i in obs
      """;

  @Test
  void unitSd_givesTheCostAndGradientOfADataSdOfOne_bitForBit_withoutTheDivision() throws Exception {
    Random random = new Random(20261205);
    StringBuilder csv = new StringBuilder("x,y,s\n");
    for (int k = 0; k < 40; k++) {
      // every seventh observation missing (an empty cell); positive values, which lognormal needs
      String y = k % 7 == 3 ? "" : String.format(Locale.ROOT, "%.17g", Math.exp(1.5 * random.nextGaussian()));
      csv.append(String.format(Locale.ROOT, "%.17g,%s,1\n", 4 * random.nextGaussian(), y));
    }
    Files.writeString(dir.resolve("unit.csv"), csv.toString());
    for (String likelihood : new String[] {"normal", "lognormal"}) {
      Compilation unit = compile(likelihood, "1");
      Compilation column = compile(likelihood, "s[i]");
      String unitForward = IrPrinter.print(unit.forward().function("forward"));
      assertFalse(unitForward.contains("/ obs_sd"), unitForward);
      assertTrue(IrPrinter.print(column.forward().function("forward")).contains("/ obs_sd"), "the data sd divides");
      CompiledModel a = unit.bind(dir);
      CompiledModel b = column.bind(dir);
      for (int t = 0; t < 200; t++) {
        double[] p = {Math.abs(random.nextGaussian()) * 2, random.nextGaussian() * 0.3};
        double[] ga = new double[2];
        double[] gb = new double[2];
        assertEquals(Double.doubleToRawLongBits(b.cost(p)), Double.doubleToRawLongBits(a.cost(p)), likelihood + " cost at " + p[0] + ", " + p[1]);
        assertEquals(Double.doubleToRawLongBits(b.gradient(p, gb)), Double.doubleToRawLongBits(a.gradient(p, ga)));
        for (int k = 0; k < 2; k++) {
          // the partials may associate their products differently (an ulp or two), not more
          assertEquals(gb[k], ga[k], 1e-14 * Math.abs(gb[k]), likelihood + " gradient " + k);
        }
      }
    }
  }

  /** The arithmetic fact the lowering relies on, on the values a residual can take. */
  @Test
  void dividingByOne_isTheIdentity_onEveryKindOfDouble() {
    Random random = new Random(7);
    double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e-310, -3.5e-320};
    for (double d : special) {
      assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(d / 1.0), "d = " + d);
    }
    for (int k = 0; k < 100_000; k++) {
      double d = Double.longBitsToDouble(random.nextLong());
      assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(d / 1.0), "bits " + Long.toHexString(Double.doubleToRawLongBits(d)));
    }
  }

  private Compilation compile(String likelihood, String sd) throws Exception {
    return Pipeline.compile("unit.phl", MODEL.replace("LIKELIHOOD", likelihood).replace("SD", sd), dir, true);
  }
}
