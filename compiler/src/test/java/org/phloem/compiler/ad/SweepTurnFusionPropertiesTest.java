package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phloem.compiler.ad.Ir.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.phloem.compiler.codegen.LoadedModel;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.GeneratedModel;
import org.phloem.runtime.data.BoundData;

/**
 * {@link SweepTurnFusion} (with {@link ConstantLocals} and {@link JoinedBodies} before and in it):
 * curve fits {@code fit[i] = Σ terms} observed as the lowering writes observations ({@code observed =
 * y[j]; sd = ...; if (isnan(observed) || isnan(sd)) {...} else {... J = J + 0.5 r²}}), with observations
 * missing at random, the sd a constant, data (NaN somewhere) or a function of a parameter, a report array
 * written or not, and sometimes a second observation loop after the first (its
 * locals its own, as the lowering names them). The gradient must be the one with the rules off bit for bit (cost and
 * every slot, twice on the interpreter, in the generated class, which must verify), and agree with finite
 * differences. Where the reverse loop's iterations are independent (the sd no parameter's),
 * the last observation loop and its reverse must be one loop; where the sd is a parameter's (its adjoint
 * sums over the observations, in the reverse loop's order) they must stay two. The first fails with the
 * fusion off, the second with a fusion that ignores what the reverse loop carries from one iteration to
 * the next.
 */
class SweepTurnFusionPropertiesTest {
  private static final int N = 7;
  private static final double[] P = {0.6, -0.3, 0.9, 0.4};
  private static final double[] DIR = {0.4, 0.7, -0.2, 0.5};
  private static final double[] X = {0.5, 1.5, 2.0, 3.0, 0.25, 1.0, 4.0};
  private static final double[] Y = {0.1, -0.4, 0.8, 0.2, -0.6, 0.3, 1.1};
  private static final double[] S = {0.5, 1.0, Double.NaN, 2.0, 0.8, 1.2, 0.9};
  private static final AtomicInteger NAMES = new AtomicInteger();

  /** An observation model's shape. */
  record Shape(List<String> terms, boolean[] missing, String sd, boolean report, boolean second) {
    /** A parameter as the sd: its adjoint sums over the observations, in the reverse loop's order. */
    boolean carried() {
      return sd.equals("param");
    }
  }

  record Program(Shape shape, Model fused, Model plain, String lastIndex) {
    @Override
    public String toString() {
      return CanopyLikeLoops.forwardAndGradient(fused) + "\nwith the rules off:\n" + IrPrinter.print(plain.program().function("gradient"));
    }
  }

  @Provide
  Arbitrary<Program> programs() {
    Arbitrary<List<String>> terms = Arbitraries.of("rational", "reciprocal", "square").list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<boolean[]> missing = Arbitraries.of(true, false, false, false).array(boolean[].class).ofSize(N)
        .filter(m -> !allMissing(m));
    return Combinators.combine(terms, missing, Arbitraries.of("one", "half", "data", "param"), Arbitraries.of(true, false),
        Arbitraries.of(true, false))
        .as(Shape::new).map(SweepTurnFusionPropertiesTest::program);
  }

  private static boolean allMissing(boolean[] m) {
    for (boolean b : m) {
      if (!b) {
        return false;
      }
    }
    return true;
  }

  private static Expr term(String kind, Expr x) {
    switch (kind) {
      case "rational": // Kirby2's shape; the denominator stays away from 0 for |b| < 1 and x > 0
        return div(add(add(v("b0"), mul(v("b1"), x)), mul(v("b2"), f(Prim.POW, x, n(2)))),
            add(add(n(1.5), mul(mul(v("b1"), n(0.2)), x)), mul(mul(v("b2"), v("b2")), f(Prim.POW, x, n(2)))));
      case "reciprocal":
        return div(v("b0"), add(add(n(2), mul(v("b3"), v("b3"))), x));
      default:
        return mul(v("b3"), f(Prim.POW, x, n(2)));
    }
  }

  private static Program program(Shape shape) {
    String i = "i" + NAMES.incrementAndGet();
    String j = "j" + NAMES.incrementAndGet();
    Expr fit = n(0);
    for (String t : shape.terms()) {
      fit = add(fit, term(t, at("x", i(i))));
    }
    double[] y = Y.clone();
    for (int k = 0; k < N; k++) {
      if (shape.missing()[k]) {
        y[k] = Double.NaN;
      }
    }
    Expr sd = shape.sd().equals("one") ? n(1) : shape.sd().equals("half") ? n(0.5) : shape.carried() ? add(n(1), mul(v("b3"), v("b3")))
        : at("s", i(j));
    Expr residual = div(sub(v("modelled"), v("observed")), v("sd"));
    List<Stmt> observed = new ArrayList<>(List.of(set("modelled", at("fit", i(j)))));
    List<Stmt> skipped = new ArrayList<>();
    if (shape.report()) {
      observed.add(store("rep", i(j), v("modelled")));
      skipped.add(store("rep", i(j), n(Double.NaN)));
    }
    observed.add(set("residual", residual));
    observed.add(set("J", add(v("J"), mul(n(0.5), mul(v("residual"), v("residual"))))));
    List<Stmt> body = new ArrayList<>(List.of(
        set("J", n(0)),
        set("b0", at("p", 0)),
        set("b1", at("p", 1)),
        set("b2", at("p", 2)),
        set("b3", at("p", 3)),
        loop(i, c(0), size("obs"), store("fit", i(i), fit)),
        loop(j, c(0), size("obs"),
            set("observed", at("y", i(j))),
            set("sd", sd),
            when(new Cond.Or(new Cond.IsNaN(v("observed")), new Cond.IsNaN(v("sd"))), skipped, observed))));
    String last = j;
    if (shape.second()) {
      // a second observation of the same fit (the lowering gives each observation locals of its own)
      last = "k" + NAMES.incrementAndGet();
      body.add(loop(last, c(0), size("obs"),
          set("observed2", mul(n(0.1), at("x", i(last)))),
          set("modelled2", at("fit", i(last))),
          set("residual2", sub(v("modelled2"), v("observed2"))),
          set("J", add(v("J"), mul(n(0.5), mul(v("residual2"), v("residual2")))))));
    }
    Model m = new Model.Builder("turn").dim("obs", N).dim("slot", 4)
        .input("x", X, "obs").input("y", y, "obs").input("s", S, "obs")
        .work("fit", "obs").work("rep", "obs")
        .param("p", 4, -1, 1, "slot")
        .build(function("forward", List.of("p"), "J", body.toArray(new Stmt[0])));
    IrProgram plain = rulesOff(() -> AutoDiff.differentiate(m.program()));
    IrProgram fused = AutoDiff.differentiate(m.program());
    return new Program(shape, m.with(fused), m.with(plain), last);
  }

  private static <T> T rulesOff(Supplier<T> work) {
    return CanopyLikeLoops.withProperty(SweepTurnFusion.PROPERTY, "false",
        () -> CanopyLikeLoops.withProperty(ConstantLocals.PROPERTY, "false", work));
  }

  @Property(tries = 80)
  void gradient_isTheOneWithTheRulesOffBitForBit(@ForAll("programs") Program prog) {
    assertSameGradients(prog, P);
  }

  @Property(tries = 50)
  void derivativesAgreeWithReferences(@ForAll("programs") Program prog) {
    Checks.assertFiniteProgramAgrees(prog.fused(), P, DIR);
  }

  @Property(tries = 15)
  void generatedClass_verifies(@ForAll("programs") Program prog) {
    CanopyLikeLoops.assertClassVerifies(prog.fused());
  }

  /**
   * The last observation loop and its reverse: one loop when the reverse's iterations are independent,
   * two when the sd is a parameter's (its adjoint is summed in the reverse loop's order).
   */
  @Property(tries = 60)
  void lastObservationLoop_fusedExactlyWhenItsReverseIterationsAreIndependent(@ForAll("programs") Program prog) {
    int loops = loopsOver(prog.fused().program().function("gradient").body(), prog.lastIndex());
    boolean independent = !prog.shape().carried() || prog.shape().second();
    assertEquals(independent ? 1 : 2, loops, "loops over " + prog.lastIndex() + ":\n" + prog);
    if (independent && !prog.shape().second()) {
      // one test of the missing observation in the fused loop, not one per half
      Stmt.For fused = loopOver(prog.fused().program().function("gradient").body(), prog.lastIndex());
      assertEquals(1, fused.body().stream().filter(s -> s instanceof Stmt.If).count(), prog.toString());
    }
  }

  /**
   * A missing observation contributes nothing: the gradient with y[3] missing is, to rounding, the
   * gradient of the same fit with y[3] observed but weighted by an sd of NaN (skipped by the other test of
   * the condition), and differs from the gradient with it observed.
   */
  @Example
  void missingObservation_isSkippedInTheFusedLoop() {
    boolean[] missing = new boolean[N];
    missing[3] = true;
    Program skippedByY = program(new Shape(List.of("rational"), missing, "one", true, false));
    Program observed = program(new Shape(List.of("rational"), new boolean[N], "one", true, false));
    assertEquals(1, loopsOver(skippedByY.fused().program().function("gradient").body(), skippedByY.lastIndex()), skippedByY.toString());
    double[] gMissing = new double[P.length];
    double[] gAll = new double[P.length];
    GeneratedModel a = load(skippedByY.fused());
    GeneratedModel b = load(observed.fused());
    double jMissing = a.gradient(P, gMissing);
    double jAll = b.gradient(P, gAll);
    // by hand: the cost without observation 3 is the full cost less its half squared residual
    Runner r = new Runner(observed.fused());
    r.forward(P);
    double fit3 = r.array("fit")[3];
    double r3 = fit3 - Y[3];
    assertEquals(jAll - 0.5 * r3 * r3, jMissing, 1e-12);
    assertTrue(!Arrays.equals(gMissing, gAll), "the missing observation changes the gradient");
    Runner onInterpreter = new Runner(skippedByY.fused());
    onInterpreter.gradient(P, new double[P.length]);
    assertEquals(Double.NaN, onInterpreter.array("rep")[3], "the missing observation's report is NaN");
    assertSameGradients(skippedByY, P);
  }

  private static GeneratedModel load(Model m) {
    return (GeneratedModel) LoadedModel.load(m.program()).bind(new BoundData(m.dimSizes(), Map.of(), m.inputs()));
  }

  private static void assertSameGradients(Program prog, double[] p) {
    Checks.assertSameGradientBits(prog.plain(), prog.fused(), p, prog.toString());
  }


  /** How many top-level loops of {@code code} run over {@code index}. */
  private static int loopsOver(List<Stmt> code, String index) {
    return (int) code.stream().filter(s -> s instanceof Stmt.For && ((Stmt.For) s).index().equals(index)).count();
  }

  private static Stmt.For loopOver(List<Stmt> code, String index) {
    return (Stmt.For) code.stream().filter(s -> s instanceof Stmt.For && ((Stmt.For) s).index().equals(index)).findFirst().orElseThrow();
  }
}
