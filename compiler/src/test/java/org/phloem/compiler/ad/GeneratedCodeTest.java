package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Stmt;

/** The shape of the generated code: what is recorded, what gets no derivative code, what is written. */
class GeneratedCodeTest {
  private static final Model DALEC = TestModels.dalec();
  private static final IrProgram DALEC_AD = AutoDiff.differentiate(DALEC.program());

  private static void walk(List<Stmt> body, Consumer<Stmt> visit) {
    for (Stmt s : body) {
      visit.accept(s);
      if (s instanceof Stmt.For) {
        walk(((Stmt.For) s).body(), visit);
      } else if (s instanceof Stmt.If) {
        walk(((Stmt.If) s).then(), visit);
        walk(((Stmt.If) s).otherwise(), visit);
      }
    }
  }

  private static <T extends Stmt> List<T> all(IrFunction f, Class<T> kind) {
    List<T> out = new ArrayList<>();
    walk(f.body(), s -> {
      if (kind.isInstance(s)) {
        out.add(kind.cast(s));
      }
    });
    return out;
  }

  @Test
  void dalecGradient_recordsOnlyOverwrittenOperandsOfNonlinearOperations() {
    List<String> pushed = new ArrayList<>();
    for (Stmt.Push p : all(DALEC_AD.function("gradient"), Stmt.Push.class)) {
      pushed.add(IrPrinter.print(p.value()));
    }
    // gpp, ra, lf, lr and nee are only used linearly; the pools, npp and rate are operands of products
    // and are overwritten at the next step; r is squared and overwritten at the next observation.
    assertEquals(List.of("npp", "rate", "cf", "cr", "r"), pushed);
    assertTrue(all(DALEC_AD.function("gradient"), Stmt.PushInt.class).isEmpty(),
        "the observation branch tests an input: re-evaluated in the reverse sweep, not recorded");
  }

  @Test
  void observationLoop_recordsNothing_itsLocalsAreComputedAgain() {
    // the reverse observation loop as the adjoint makes it: the turn fusion (tested in
    // SweepTurnFusionPropertiesTest) joins it to the forward one and drops what it computes again
    IrFunction g = CanopyLikeLoops.withProperty(SweepTurnFusion.PROPERTY, "false", () -> CanopyLikeLoops.withProperty(
        ConstantLocals.PROPERTY, "false", () -> AutoDiff.differentiate(TestModels.observed().program()).function("gradient")));
    List<String> pushed = new ArrayList<>();
    for (Stmt.Push p : all(g, Stmt.Push.class)) {
      pushed.add(IrPrinter.print(p.value()));
    }
    // the model loop records its pool (an operand of a product, overwritten each step); the
    // observation loop records neither its sd, nor its residual, nor the branch taken
    assertEquals(List.of("c"), pushed);
    assertTrue(all(g, Stmt.PushInt.class).isEmpty());
    String text = IrPrinter.print(g);
    assertEquals(2, text.split("residual = \\(modelled - observed\\) / obs_sd", -1).length - 1, text);
    // the partial of ½ r·r is r, and that of (m - o)/s is a division by s, not a product with 1/s
    assertTrue(text.contains("residual$b = residual$b + residual * J$b"), text);
    assertTrue(text.contains("modelled$b = modelled$b + residual$b / obs_sd"), text);
  }

  @Test
  void adjointArraysNobodyReadsAfterwards_areNotZeroed() {
    IrFunction g = AutoDiff.differentiate(TestModels.observed().program()).function("gradient");
    // the reverse of `flux[t] = 0` would zero flux$b once more after its last use; the next call
    // starts with a fill anyway
    long zeroLoops = all(g, Stmt.For.class).stream()
        .filter(l -> l.body().size() == 1 && l.body().get(0) instanceof Stmt.Assign
            && ((Stmt.Assign) l.body().get(0)).target().name().equals("flux$b")
            && ((Stmt.Assign) l.body().get(0)).value().equals(Expr.num(0)))
        .count();
    assertEquals(0, zeroLoops, IrPrinter.print(g));
    assertEquals(1, all(g, Stmt.Fill.class).stream().filter(f -> f.array().equals("flux$b")).count());
  }

  @Test
  void inactiveValues_getNoDerivativeCode() {
    // cw (wood) and kw never reach nee or J: no tangent, no adjoint
    for (String f : List.of("tangent", "gradient", "hessianVector")) {
      String text = IrPrinter.print(DALEC_AD.function(f));
      assertFalse(text.contains("cw$"), f + " mentions a derivative of cw:\n" + text);
      assertFalse(text.contains("kw$"), f);
    }
    assertFalse(IrPrinter.print(DALEC_AD.function("gradient")).contains("light$"), "inputs carry no derivative");
  }

  @Test
  void forwardFunction_isUnchanged() {
    assertEquals(DALEC.program().function("forward"), DALEC_AD.function("forward"));
  }

  @Test
  void signatures_matchTheRuntimeContract() {
    assertEquals(List.of("p", "dp"), DALEC_AD.function("tangent").arguments());
    assertEquals(List.of("J", "J$d"), DALEC_AD.function("tangent").results());
    assertEquals(List.of("p", "g"), DALEC_AD.function("gradient").arguments());
    assertEquals(List.of("p", "v", "hv"), DALEC_AD.function("hessianVector").arguments());
    assertEquals(1, DALEC_AD.function("hessianVector").results().size());
    assertEquals("nee$d", DALEC_AD.outputs().get(0).tangentArray());
    assertEquals("model$d", DALEC_AD.outputs().get(1).tangentArray());
  }

  @Test
  void gradientAndHessianVector_overwriteEverySlot_zeroWhereInactive() {
    Runner r = new Runner(DALEC.with(DALEC_AD));
    double[] p = {0.3, 0.2, 0.03, 0.03, 0.005, 2, 100, 100, 1000};
    double[] g = new double[9];
    double[] hv = new double[9];
    Arrays.fill(g, Double.NaN);
    Arrays.fill(hv, Double.NaN);
    r.gradient(p, g);
    r.hessianVector(p, new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, hv);
    for (int k = 0; k < 9; k++) {
      assertTrue(Double.isFinite(g[k]) && Double.isFinite(hv[k]), "slot " + k);
    }
    assertEquals(0.0, g[4], "kw does not influence J");
    assertEquals(0.0, g[8], "neither does the initial wood pool");
    assertEquals(0.0, hv[8]);
  }

  @Test
  void sweeps_dependOnlyOnTheirArguments_notOnWhatAnEarlierSweepLeftInTheArrays() {
    double[] p1 = {0.3, 0.2, 0.03, 0.03, 0.005, 2, 100, 100, 1000};
    double[] p2 = {0.25, 0.15, 0.02, 0.04, 0.002, 1.7, 80, 130, 900};
    double[] dir = {1, -1, 0.5, 0.5, 1, -0.5, 0.1, 0.2, 0.3};
    Runner used = new Runner(DALEC.with(DALEC_AD));
    used.tangent(p1, dir);
    used.gradient(p1, new double[9]);
    used.hessianVector(p1, dir, new double[9]);
    Runner fresh = new Runner(DALEC.with(DALEC_AD));
    double[] g1 = new double[9];
    double[] g2 = new double[9];
    used.gradient(p2, g1);
    fresh.gradient(p2, g2);
    assertArrayEquals(g2, g1);
    double[] h1 = new double[9];
    double[] h2 = new double[9];
    used.hessianVector(p2, dir, h1);
    fresh.hessianVector(p2, dir, h2);
    assertArrayEquals(h2, h1);
    used.tangent(p2, dir);
    fresh.tangent(p2, dir);
    assertArrayEquals(fresh.array("model$d"), used.array("model$d"));
  }

  @Test
  void branchOnAnActiveValue_recordsTheBranchTaken() {
    IrProgram ad = AutoDiff.differentiate(TestModels.branchy().program());
    List<Stmt.PushInt> pushes = all(ad.function("gradient"), Stmt.PushInt.class);
    // the select `y < c` tests an active real assigned on two paths: each of its branches records the
    // choice (2); `if z > 0.5` tests z = a u[t] + b, assigned once from the parameters and an input
    // (which nothing overwrites), and the select on the input u[t]: both are evaluated again in the
    // reverse sweep
    assertEquals(2, pushes.size());
    String reverse = IrPrinter.print(ad.function("gradient"));
    assertEquals(2, reverse.split("z = a \\* u\\[t\\] \\+ b", -1).length - 1, "z computed in both sweeps:\n" + reverse);
  }

  @Test
  void loopBoundFromAnIntegerLocal_isRecorded_andCounterIsRestored() {
    IrFunction g = AutoDiff.differentiate(TestModels.straightLine().program()).function("gradient");
    List<Stmt.PushInt> pushes = all(g, Stmt.PushInt.class);
    List<String> printed = new ArrayList<>();
    for (Stmt.PushInt p : pushes) {
      printed.add(p.value().toString());
    }
    // k before each increment; the bound m = 3 is assigned once from a literal, so the reverse sweep
    // assigns it again instead of recording the loop's bounds
    assertEquals(1, pushes.size(), "k before each increment: " + printed);
    assertEquals(2, all(g, Stmt.SetInt.class).stream().filter(s -> s.local().equals("m")).count());
  }

  @Test
  void everyFunction_isPrintable() {
    String text = IrPrinter.print(DALEC_AD);
    for (String f : List.of("forward", "tangent", "gradient", "hessianVector")) {
      assertTrue(text.contains("fn " + f + "("), f);
    }
    assertTrue(text.contains("array nee$b[time] work"));
  }

  @Test
  void costRecordedInTheForwardSweep_isReturnedAsComputed() {
    // J squared then reused: the reverse sweep restores J, so the result is copied first
    Model m = new Model.Builder("selfcost").param("a", 1, 1, 2).build(Ir.function("forward", List.of("p"), "J",
        Ir.set("J", Ir.at("p", 0)),
        Ir.set("J", Ir.mul(Ir.v("J"), Ir.v("J"))),
        Ir.set("J", Ir.f(org.phloem.compiler.ir.Prim.SIN, Ir.v("J")))));
    IrProgram ad = AutoDiff.differentiate(m.program());
    Runner r = new Runner(m.with(ad));
    double[] g = new double[1];
    double j = r.gradient(new double[] {1.3}, g);
    assertEquals(Math.sin(1.3 * 1.3), j);
    assertEquals(Math.cos(1.69) * 2 * 1.3, g[0], 1e-15);
    assertFalse(ad.function("gradient").results().get(0).equals("J"), "a copy of J taken before the reverse sweep");
    assertEquals(Expr.local("J"), ((Stmt.Assign) ad.function("gradient").body().stream()
        .filter(s -> s instanceof Stmt.Assign && ((Stmt.Assign) s).target().name().startsWith("cost$"))
        .findFirst().orElseThrow()).value());
  }
}
