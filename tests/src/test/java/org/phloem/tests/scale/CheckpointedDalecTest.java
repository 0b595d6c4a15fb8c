package org.phloem.tests.scale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.GeneratedModel;
import org.phloem.tests.support.Repo;

/**
 * DALEC fitted to the Oregon observations, over the 3 Oregon years repeated to 30 (10,960 days): with
 * the tape budget below its plain tape, the checkpointed gradient is chosen automatically; it and a
 * Hessian-vector product agree with the plain ones bit for bit (the binomial schedule reverses each step
 * right after recording it, in the plain order), and the tape's high-water mark stays within the
 * budget whatever the run's length.
 */
class CheckpointedDalecTest {

  /** Compiles oregon.phl and binds it to the Oregon data repeated {@code repeats} times. */
  static GeneratedModel tiled(Path dir, int repeats) throws Exception {
    Compilation c = Pipeline.compile(Repo.model("dalec/oregon.phl"), true);
    return (GeneratedModel) c.bind(TiledDalecData.write(dir.resolve("x" + repeats), repeats));
  }

  /** The prior means nudged so no slot sits at a special value. */
  static double[] point(GeneratedModel m) {
    double[] p = m.info().priorMeans();
    for (int k = 0; k < p.length; k++) {
      p[k] *= 1 + 0.01 * Math.sin(k + 1.0);
    }
    return p;
  }

  static void assertClose(double[] want, double[] got, String what) {
    for (int k = 0; k < want.length; k++) {
      double scale = Math.max(Math.abs(want[k]), Math.abs(got[k]));
      assertTrue(Math.abs(want[k] - got[k]) <= 1e-12 * scale, what + "[" + k + "]: " + want[k] + " vs " + got[k]);
    }
  }

  @Test
  void thirtyYears_checkpointedGradientAndHessianVector_matchThePlainOnes(@TempDir Path dir) throws Exception {
    GeneratedModel model = tiled(dir, 10);
    assertFalse(model.checkpointing(), "10,960 days (" + model.plainTapeBytes() + " bytes of tape) fit the default tape budget");
    model.setTapeBudget((long) model.plainTapeBytes() / 2);
    assertTrue(model.checkpointing(), "over the budget: checkpointing is chosen automatically");
    GeneratedModel plain = (GeneratedModel) model.copy();
    plain.setCheckpointing(false);
    double[] p = point(model);
    double[] g = new double[p.length];
    double[] gc = new double[p.length];
    double j = plain.gradient(p, g);
    assertEquals(j, model.gradient(p, gc), 0.0, "cost");
    assertClose(g, gc, "gradient");
    double[] v = new double[p.length];
    for (int k = 0; k < v.length; k++) {
      v[k] = p[k] * Math.cos(k + 0.5);
    }
    double[] hv = new double[p.length];
    double[] hvc = new double[p.length];
    plain.hessianVector(p, v, hv);
    model.hessianVector(p, v, hvc);
    assertClose(hv, hvc, "Hessian-vector product");
    assertArrayEquals(g, gc, "the gradient, bit for bit");
    assertArrayEquals(hv, hvc, "the Hessian-vector product, bit for bit");
  }

  @Test
  void tapePeak_staysWithinTheBudget_whateverTheRunLength(@TempDir Path dir) throws Exception {
    long budget = 64 << 10;
    for (int repeats : new int[] {1, 16}) {
      GeneratedModel m = tiled(dir, repeats);
      m.setTapeBudget(budget);
      assertTrue(m.checkpointing(), repeats + " repeats: " + m.plainTapeBytes() + " bytes of plain tape");
      double[] p = point(m);
      m.gradient(p, new double[p.length]);
      // the snapshots and one leaf's tape fit the budget; a few values are recorded outside the day loop
      assertTrue(m.tape().peakBytes() <= budget + 1024, repeats + " repeats: tape peak " + m.tape().peakBytes());
      assertTrue(m.tape().peakBytes() > budget / 2, "the schedule uses the memory it is given: " + m.tape().peakBytes());
    }
  }

  /**
   * The benchmark's size: 200 passes of the Oregon years, 219,200 daily steps (the step count of 25
   * years of hourly steps). Checkpointed: the tape stays far below 256 MB; the gradient agrees with the
   * plain one; the time ratio (the price of the recomputation) is printed.
   */
  @Test
  @org.junit.jupiter.api.Tag("long")
  void twoHundredThousandSteps_tapeFarBelow256MB(@TempDir Path dir) throws Exception {
    GeneratedModel model = tiled(dir, 200);
    assertTrue(model.checkpointing(), model.plainTapeBytes() + " bytes of plain tape exceed the default tape budget");
    GeneratedModel plain = (GeneratedModel) model.copy();
    plain.setCheckpointing(false);
    double[] p = point(model);
    double[] g = new double[p.length];
    double[] gc = new double[p.length];
    double[] seconds = new double[2];
    for (int rep = 0; rep < 4; rep++) { // the last of four runs is timed, after the JIT has compiled both
      long t0 = System.nanoTime();
      plain.gradient(p, g);
      long t1 = System.nanoTime();
      model.gradient(p, gc);
      long t2 = System.nanoTime();
      seconds[0] = (t1 - t0) / 1e9;
      seconds[1] = (t2 - t1) / 1e9;
    }
    assertClose(g, gc, "gradient");
    System.out.printf("DALEC %d steps: tape peak %.1f MB plain, %.2f MB checkpointed; gradient %.3f s plain, %.3f s checkpointed (ratio %.2f)%n",
        TiledDalecData.DAYS * 200, plain.tape().peakBytes() / 1e6, model.tape().peakBytes() / 1e6, seconds[0], seconds[1],
        seconds[1] / seconds[0]);
    assertTrue(model.tape().peakBytes() < 256L << 20, "checkpointed tape " + model.tape().peakBytes());
  }
}
