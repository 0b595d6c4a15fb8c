package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.phloem.compiler.codegen.LoadedModel;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.data.BoundData;

/**
 * The checkpointed adjoint computes the same numbers as the plain one: it re-runs the very statements
 * the plain forward sweep ran, from restored snapshots, so gradients and Hessian-vector products agree
 * (to round-off at most; in fact bit for bit), on every test model and for several schedules, and its
 * tape's high-water mark grows like √T, not T.
 */
class CheckpointingTest {

  static Stream<Arguments> schedules() {
    List<Arguments> out = new ArrayList<>();
    int[][] schedules = {{0, 2}, {2, 2}, {3, 2}, {7, 2}, {0, 3}, {2, 3}, {0, 5}};
    for (Model m : List.of(TestModels.dalec(), TestModels.nested(), TestModels.branchy())) {
      for (int[] s : schedules) {
        out.add(Arguments.of(m, s[0], s[1]));
      }
    }
    return out.stream();
  }

  private static Model checkpointed(Model m, int snapshots, int levels) {
    return m.with(AutoDiff.differentiate(m.program(), CheckpointOptions.always(snapshots, levels)));
  }

  private static double[] point(Model m, double t) {
    double[] p = new double[m.parameterCount()];
    for (int k = 0; k < p.length; k++) {
      p[k] = m.lower()[k] + (m.upper()[k] - m.lower()[k]) * (0.3 + 0.4 * Math.abs(Math.sin(t * (k + 1))));
    }
    return p;
  }

  @ParameterizedTest(name = "{0}, snapshots {1}, levels {2}")
  @MethodSource("schedules")
  void gradientAndHessianVector_matchThePlainAdjoint(Model model, int snapshots, int levels) {
    Model m = checkpointed(model, snapshots, levels);
    assertTrue(m.program().functions().containsKey(AutoDiff.GRADIENT_CHECKPOINTED),
        () -> model + " has a recording loop, so it should get a checkpointed gradient");
    assertCheckpointedEqualsPlain(m, false);
  }

  /**
   * The checkpointed gradient and Hessian-vector product of {@code m} against the plain ones at two
   * points: bit for bit, or to 1e-12 relative.
   */
  private static void assertCheckpointedEqualsPlain(Model m, boolean bitForBit) {
    Runner plain = new Runner(m);
    Runner ckpt = new Runner(m);
    for (double t : new double[] {0.4, 1.7}) {
      double[] p = point(m, t);
      double[] g = new double[p.length];
      double[] gc = new double[p.length];
      assertEquals(plain.gradient(p, g), ckpt.run(AutoDiff.GRADIENT_CHECKPOINTED, p, gc)[0], 0.0, "cost");
      double[] v = point(m, t + 0.9);
      double[] hv = new double[p.length];
      double[] hvc = new double[p.length];
      plain.hessianVector(p, v, hv);
      ckpt.run(AutoDiff.HESSIAN_VECTOR_CHECKPOINTED, p, v, hvc);
      if (bitForBit) {
        assertArrayEquals(g, gc, "gradient");
        assertArrayEquals(hv, hvc, "Hessian-vector product");
      } else {
        assertClose(g, gc, "gradient");
        assertClose(hv, hvc, "Hessian-vector product");
      }
    }
  }

  static Stream<Arguments> revolveSchedules() {
    List<Arguments> out = new ArrayList<>();
    for (Model m : List.of(TestModels.dalec(), TestModels.nested(), TestModels.branchy())) {
      for (int c : new int[] {1, 2, 3, 5, 40}) {
        out.add(Arguments.of(m, c));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}, revolve with {1} snapshots")
  @MethodSource("revolveSchedules")
  void revolve_gradientAndHessianVector_equalThePlainAdjointBitForBit(Model model, int snapshots) {
    Model m = model.with(AutoDiff.differentiate(model.program(), CheckpointOptions.revolve(snapshots)));
    // every step's reverse runs right after its own recording, last step first, as in the plain
    // adjoint: the same operations in the same order
    assertCheckpointedEqualsPlain(m, true);
  }

  /** C(n, k), exactly. */
  private static long choose(long n, long k) {
    java.math.BigInteger b = java.math.BigInteger.ONE;
    for (long i = 1; i <= k; i++) {
      b = b.multiply(java.math.BigInteger.valueOf(n - k + i)).divide(java.math.BigInteger.valueOf(i));
    }
    return b.longValueExact();
  }

  /**
   * Griewank and Walther's fewest re-run steps for T steps and c snapshots (ACM TOMS 26(1), 2000):
   * r·T − C(c + r, c + 1), r the smallest with C(c + r, c) ≥ T.
   */
  private static long binomialMinimum(long steps, long c) {
    if (steps <= 1) {
      return 0;
    }
    long r = 0;
    while (choose(c + r, c) < steps) {
      r++;
    }
    return r * steps - choose(c + r, c + 1);
  }

  @Test
  void revolve_runsTheLoopBodyTheBinomialMinimumOfTimes() {
    // every run of a DALEC step stores nee[t] once, recorded or not: the checkpointed gradient runs the
    // body T times recording plus the schedule's re-runs, which must be the binomial minimum
    for (int steps : new int[] {1, 2, 3, 7, 20, 64}) {
      Model base = TestModels.dalec(steps);
      for (int c : new int[] {1, 2, 3, 5}) {
        Model m = base.with(AutoDiff.differentiate(base.program(), CheckpointOptions.revolve(c)));
        int[] stores = new int[1];
        double[] p = point(m, 0.4);
        new Runner(m).run(AutoDiff.GRADIENT_CHECKPOINTED, (a, element, value, state) -> {
          if (a.target().name().equals("nee")) {
            stores[0]++;
          }
        }, p, new double[p.length]);
        assertEquals(steps + binomialMinimum(steps, Math.min(c, Math.max(1, steps - 1))), stores[0], "T = " + steps + ", c = " + c);
      }
    }
  }

  @Test
  void revolve_compiled_holdsTheBudget_andMatchesThePlainGradient() {
    int steps = 3_000;
    GeneratedModel model = compiledDalec(steps, CheckpointOptions.revolve(0));
    GeneratedModel plain = compiledDalec(steps, CheckpointOptions.revolve(0));
    plain.setCheckpointing(false);
    double[] p = point(TestModels.dalec(steps), 0.4);
    double[] g = new double[p.length];
    plain.gradient(p, g);
    for (long budget : new long[] {2_000, 8_000, 40_000}) {
      model.setTapeBudget(budget);
      assertTrue(model.checkpointing(), model.plainTapeBytes() + " bytes of plain tape exceed " + budget);
      model.tape().resetPeak();
      model.tape().schedule().resetCounters();
      double[] gc = new double[p.length];
      model.gradient(p, gc);
      assertArrayEquals(g, gc, "budget " + budget);
      // the schedule's snapshots and leaf, plus the few values recorded outside the loop
      assertTrue(model.tape().peakBytes() <= budget + 200, "budget " + budget + ": tape peak " + model.tape().peakBytes());
      var schedule = model.tape().schedule();
      assertTrue(schedule.peakSnapshots() <= schedule.plan().snapshots(), schedule.peakSnapshots() + " snapshots held, " + schedule.plan());
      assertTrue(schedule.plan().leaves() > 1, "the loop is split: " + schedule.plan());
    }
  }

  private static void assertClose(double[] want, double[] got, String what) {
    for (int k = 0; k < want.length; k++) {
      double scale = Math.max(1e-300, Math.max(Math.abs(want[k]), Math.abs(got[k])));
      assertTrue(Math.abs(want[k] - got[k]) <= 1e-12 * scale, what + "[" + k + "]: " + want[k] + " vs " + got[k]);
    }
  }

  @Test
  void snapshotsHoldTheCarriedPools_notThePerStepOutputs() {
    Model m = checkpointed(TestModels.dalec(), 0, 2);
    IrFunction g = m.program().function(AutoDiff.GRADIENT_CHECKPOINTED);
    List<String> pushed = new ArrayList<>();
    collectPushes(g.body(), pushed);
    String text = String.join(" ", pushed);
    for (String pool : List.of("cf", "cr", "cw", "J")) {
      assertTrue(pushed.contains("push " + pool), () -> pool + " is carried from step to step: " + text);
    }
    assertFalse(text.contains("nee[") || text.contains("model["), () -> "per-step outputs need no snapshot: " + text);
  }

  private static void collectPushes(List<Stmt> body, List<String> out) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Push) {
        out.add(IrPrinter.print(new IrFunction("x", List.of(), List.of(), Map.of(), List.of(s))).lines()
            .filter(l -> l.contains("push")).findFirst().orElseThrow().trim());
      } else if (s instanceof Stmt.For) {
        collectPushes(((Stmt.For) s).body(), out);
      } else if (s instanceof Stmt.If) {
        collectPushes(((Stmt.If) s).then(), out);
        collectPushes(((Stmt.If) s).otherwise(), out);
      }
    }
  }

  /** A compiled DALEC of {@code steps} days, with the default checkpointing. */
  private static GeneratedModel compiledDalec(int steps) {
    return compiledDalec(steps, CheckpointOptions.defaults());
  }

  /** A compiled DALEC of {@code steps} days, checkpointed as {@code options} say. */
  private static GeneratedModel compiledDalec(int steps, CheckpointOptions options) {
    Model m = TestModels.dalec(steps);
    IrProgram program = AutoDiff.differentiate(m.program(), options);
    return (GeneratedModel) LoadedModel.load(program).bind(new BoundData(Map.of("time", steps), Map.of(), m.inputs()));
  }

  @Test
  void plainTapeBytes_isWhatThePlainGradientRecordsInTheLoop() {
    // the count, from the bound dims and data, against the tape the plain gradient really records: the
    // same but for the few values recorded outside the loop, which do not grow with the steps (DALEC's
    // observation branch, on the data's missing values, records on one side only: the count takes the
    // side each step's data take, not the larger one)
    int[] steps = {200, 3_000};
    double[] estimate = new double[2];
    long[] peak = new long[2];
    for (int k = 0; k < 2; k++) {
      GeneratedModel model = compiledDalec(steps[k]);
      model.setCheckpointing(false);
      model.gradient(point(TestModels.dalec(steps[k]), 0.4), new double[model.info().parameterCount()]);
      estimate[k] = model.plainTapeBytes();
      peak[k] = model.tape().peakBytes();
      assertTrue(estimate[k] > 0 && estimate[k] <= peak[k] && peak[k] - estimate[k] <= 64,
          steps[k] + " steps: counted " + estimate[k] + ", recorded " + peak[k]);
    }
    assertEquals(peak[0] - estimate[0], peak[1] - estimate[1], 1e-9, "what is recorded outside the loop does not grow with it");
  }

  @Test
  void checkpointing_isChosenWhenThePlainTapeExceedsTheBudget() {
    GeneratedModel model = compiledDalec(2_000);
    double bytes = model.plainTapeBytes();
    assertTrue(bytes < org.phloem.runtime.TapeBudget.DEFAULT_BYTES);
    assertFalse(model.checkpointing(), "2,000 days fit the default budget: the plain gradient runs");
    model.setTapeBudget((long) bytes - 1);
    assertTrue(model.checkpointing());
    model.setTapeBudget((long) bytes);
    assertFalse(model.checkpointing());
    model.setCheckpointing(true);
    assertTrue(model.checkpointing(), "forcing wins until the budget is set again");
  }

  @Test
  void loopsWithBoundsFromLocals_orRecordingNothing_areNotCheckpointed() {
    // straightLine: one loop's bound is an integer local, the other loop records nothing
    IrProgram p = AutoDiff.differentiate(TestModels.straightLine().program(), CheckpointOptions.always(0, 2));
    assertFalse(p.functions().containsKey(AutoDiff.GRADIENT_CHECKPOINTED));
  }

  @Test
  void disabled_addsNoCheckpointedFunctions() {
    IrProgram p = AutoDiff.differentiate(TestModels.dalec().program(), CheckpointOptions.off());
    assertFalse(p.functions().containsKey(AutoDiff.GRADIENT_CHECKPOINTED));
    assertFalse(p.functions().containsKey(AutoDiff.PLAIN_TAPE_BYTES));
  }

  /** Generated bytecode: the tape's high-water mark of one gradient, with or without checkpoints. */
  private static long[] peakTape(int steps) {
    Model m = TestModels.dalec(steps);
    IrProgram program = AutoDiff.differentiate(m.program(), CheckpointOptions.always(0, 2));
    long[] out = new long[2];
    double[] p = point(m, 0.4);
    double[][] g = new double[2][p.length];
    for (int k = 0; k < 2; k++) {
      GeneratedModel model = (GeneratedModel) LoadedModel.load(program)
          .bind(new BoundData(Map.of("time", steps), Map.of(), m.inputs()));
      model.setCheckpointing(k == 1);
      model.gradient(p, g[k]);
      out[k] = model.tape().peakBytes();
    }
    assertClose(g[0], g[1], "compiled gradient, " + steps + " steps");
    return out;
  }

  @Test
  void tapePeak_growsLikeTheSquareRootOfTheStepCount() {
    long[] shortRun = peakTape(1_000);
    long[] longRun = peakTape(16_000);
    double plainGrowth = (double) longRun[0] / shortRun[0];
    double ckptGrowth = (double) longRun[1] / shortRun[1];
    // 16 times the steps: the plain tape grows 16-fold, the checkpointed one about 4-fold (√16)
    assertTrue(plainGrowth > 14, "plain tape grew " + plainGrowth);
    assertTrue(ckptGrowth < 5.5, "checkpointed tape grew " + ckptGrowth + " (" + shortRun[1] + " -> " + longRun[1] + " bytes)");
    assertTrue(longRun[1] * 20 < longRun[0], "checkpointed " + longRun[1] + " vs plain " + longRun[0] + " bytes");
  }
}
