package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phloem.compiler.ad.Ir.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Stmt;
import org.phloem.compiler.optimize.Optimize;

/**
 * Random canopy-like loops with invariant and repeated work, the pattern of BETHY's leaf physics in the
 * CCDAS experiment (models/ccdas/biosphere.phl: Arrhenius factors of the tile's temperature inside the
 * loops over quadrature nodes and layers, {@code canopy_light(l, leaf_area)} inlined twice): an outer
 * loop over tiles sets tile values; an inner loop over layers computes a chain of links, each from exp,
 * pow, sqrt, tanh, sin or arithmetic of the tile values, parameters, the layer and earlier links, some
 * links repeated verbatim. The optimiser ({@code optimize.Optimize}) must leave the forward's numbers
 * bit for bit, leave no invariant transcendental inside the layer loop, and give derivatives that agree
 * with finite differences, the dot-product identity and the checkpointed sweep; the values it moves out
 * of the layer loop are computed again in the reverse sweep, not recorded, when the layer loop runs many
 * times ({@code analysis.Recomputable}: the threshold is lowered here to the layer loop's 9 iterations,
 * above the tile loop's 3).
 */
class HoistedInvariantsPropertiesTest {
  private static final int TILES = CanopyLikeLoops.TILES;
  private static final int LAYERS = CanopyLikeLoops.LAYERS;
  private static final double[] P = {0.6, -0.3, 0.9};
  private static final double[] DIR = {0.4, 0.7, -0.2};
  private static final AtomicInteger NAMES = new AtomicInteger();
  /** The functions whose rules reuse the value: the partials should read it, not compute it again. */
  private static final Set<Prim> REUSED = java.util.EnumSet.of(Prim.EXP, Prim.SQRT, Prim.TANH);

  record Program(Model original, Model optimized, Model model, Model checkpointed, String layer) {
    @Override
    public String toString() {
      return IrPrinter.print(original.program().function("forward")) + "\noptimised:\n"
          + IrPrinter.print(optimized.program().function("forward"));
    }
  }

  /** One link: an operation, which earlier values it reads, and whether it repeats an earlier link verbatim. */
  private record Link(String op, int a, int b, boolean repeat) {}

  @Provide
  Arbitrary<Program> programs() {
    Arbitrary<Link> link = Combinators.combine(Arbitraries.of("exp", "pow", "sqrt", "tanh", "sin", "mul", "div", "add"),
        Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 20), Arbitraries.of(false, false, true))
        .as(Link::new);
    return link.list().ofMinSize(1).ofMaxSize(7).map(HoistedInvariantsPropertiesTest::wrap);
  }

  private static Program wrap(List<Link> links) {
    String tile = "t" + NAMES.incrementAndGet();
    String layer = "l" + NAMES.incrementAndGet();
    String sum = "s" + NAMES.incrementAndGet();
    String area = "area" + NAMES.incrementAndGet();
    String temp = "temp" + NAMES.incrementAndGet();
    // the first link reads tile values only: at least one invariant transcendental in every program
    List<Expr> invariant = List.of(v(area), v(temp), v("x2"));
    List<Expr> readable = new ArrayList<>(invariant);
    readable.add(v("layer_real"));
    List<Stmt> inner = new ArrayList<>();
    inner.add(set("layer_real", div(add(n(0.5), new Expr.ToReal(i(layer))), n(LAYERS))));
    inner.add(set("y0", f(Prim.EXP, mul(n(0.05), mul(v(temp), v("x2"))))));
    readable.add(v("y0"));
    Expr previous = f(Prim.EXP, mul(n(0.05), mul(v(temp), v("x2"))));
    for (Link k : links) {
      Expr value = k.repeat() ? previous
          : RecomputedChainPropertiesTest.bounded(k.op(), readable.get(k.a() % readable.size()), readable.get(k.b() % readable.size()));
      String y = "y" + NAMES.incrementAndGet();
      inner.add(set(y, value));
      readable.add(v(y));
      previous = value;
    }
    // a link that varies with the layer: an exp the reverse sweep computes again in the layer loop
    String varying = "yv" + NAMES.incrementAndGet();
    // canopy_light's shape: exps inside the expression, (exp(-k l T) - exp(-k (l + 1) T)) / k
    inner.add(set(varying, div(sub(f(Prim.EXP, mul(n(-0.6), mul(v("layer_real"), v(temp)))),
        f(Prim.EXP, mul(n(-0.6), mul(add(v("layer_real"), n(1)), v(temp))))), n(0.6))));
    inner.add(set(sum, add(v(sum), mul(v(area), add(readable.get(readable.size() - 1), v(varying))))));
    List<Stmt> body = CanopyLikeLoops.body(tile, layer, area, temp, sum, inner);
    Model m = CanopyLikeLoops.model("hoisted", body);
    AtomicInteger fresh = new AtomicInteger();
    List<Stmt> optimizedBody = Optimize.body(body, Set.of("J"), base -> base + "$" + fresh.incrementAndGet());
    Model o = m.with(withForward(m.program(), function("forward", List.of("p"), "J", optimizedBody.toArray(new Stmt[0]))));
    // the layer loop runs 9 times in all, the tile loop 3: the threshold between them
    return CanopyLikeLoops.withManyIterations(String.valueOf(TILES * LAYERS), () -> new Program(m, o, o.with(AutoDiff.differentiate(o.program())),
        o.with(AutoDiff.differentiate(o.program(), CheckpointOptions.revolve(1))), layer));
  }

  private static IrProgram withForward(IrProgram p, IrFunction forward) {
    return new IrProgram(p.name(), p.title(), p.sourceFile(), p.tables(), p.dims(), p.inputs(), p.params(), p.arrays(),
        p.outputs(), p.observations(), java.util.Map.of("forward", forward));
  }

  @Property(tries = 100)
  void optimisedForward_computesTheSameNumbersBitForBit(@ForAll("programs") Program prog) {
    Runner before = new Runner(prog.original());
    Runner after = new Runner(prog.optimized());
    double[] p = {0.6, -0.3, 0.9};
    assertEquals(Double.doubleToRawLongBits(before.forward(p)), Double.doubleToRawLongBits(after.forward(p)),
        "the cost, bit for bit");
  }

  @Property(tries = 100)
  void optimisedForward_leavesNoInvariantTranscendentalInTheLayerLoop(@ForAll("programs") Program prog) {
    Stmt.For layerLoop = find(prog.optimized().program().function("forward").body(), prog.layer());
    Set<String> written = new java.util.HashSet<>();
    collectWrites(layerLoop.body(), written);
    written.add(prog.layer());
    for (Stmt s : layerLoop.body()) {
      if (s instanceof Stmt.Assign) {
        assertNoInvariantTranscendental(((Stmt.Assign) s).value(), written, prog);
      }
    }
  }

  @Property(tries = 100)
  void optimisedPrograms_derivativesAgreeWithReferences(@ForAll("programs") Program prog) {
    Checks.assertFiniteProgramAgrees(prog.model(), P, DIR);
  }

  @Property(tries = 40)
  void optimisedPrograms_checkpointedAdjointAgreesWithThePlainOne(@ForAll("programs") Program prog) {
    Checks.assertCheckpointedMatchesPlain(prog.checkpointed(), P, DIR);
  }

  @Property(tries = 60)
  void movedValues_areComputedAgainNotRecorded(@ForAll("programs") Program prog) {
    String gradient = IrPrinter.print(prog.model().program().function("gradient"));
    assertFalse(gradient.contains("push invariant") || gradient.contains("push y") || gradient.contains("push area"),
        "a value moved out of the layer loop, or one it reads, is recorded:\n" + gradient);
  }

  /**
   * The reverse sweep's layer loop computes each exp, sqrt and tanh once, where it computes the layer's
   * locals again, and their partials (the code under the {@code if x$b != 0} guards) read it (their rules
   * reuse the value). Before, the partials of a recomputed local computed the exps inside its expression
   * a second time ({@code canopy_light}'s two).
   */
  @Property(tries = 60)
  void recomputedLocals_partialsReuseTheRecomputedExps(@ForAll("programs") Program prog) {
    Stmt.For reverseLayers = CanopyLikeLoops.findDescending(prog.model().program().function("gradient").body(), prog.layer());
    int recomputed = 0;
    int inPartials = 0;
    for (Stmt s : reverseLayers.body()) {
      if (s instanceof Stmt.Assign) {
        recomputed += CanopyLikeLoops.calls(((Stmt.Assign) s).value(), REUSED);
      } else {
        inPartials += CanopyLikeLoops.calls(List.of(s), REUSED);
      }
    }
    String gradient = IrPrinter.print(prog.model().program().function("gradient"));
    assertTrue(recomputed >= 2, "the varying link's two exps are computed again:\n" + gradient);
    assertEquals(0, inPartials, "exp, sqrt, tanh computed again in partials:\n" + gradient);
  }





  @Example
  void arrheniusFactor_leavesTheLayerLoopAndRepeatedCanopyLightIsComputedOnce() {
    Program prog = wrap(List.of(new Link("exp", 0, 3, false), new Link("exp", 0, 3, true), new Link("sqrt", 1, 5, false)));
    String forward = IrPrinter.print(prog.optimized().program().function("forward"));
    // y0 = exp(0.05 temp x2) reads tile values only: computed once per tile, before the layer loop
    assertTrue(forward.indexOf("exp(0.05") < forward.indexOf("for " + prog.layer() + " "), forward);
    // the repeated link is gone: one exp(sin(...)) left
    assertEquals(forward.indexOf("exp(sin("), forward.lastIndexOf("exp(sin("), forward);
    Checks.assertFiniteProgramAgrees(prog.model(), P, DIR);
  }

  private static void assertNoInvariantTranscendental(Expr e, Set<String> written, Program prog) {
    if (!(e instanceof Expr.Call)) {
      return;
    }
    Expr.Call c = (Expr.Call) e;
    Prim p = c.prim();
    boolean transcendental = !p.arithmetic();
    Set<String> reads = Reads.all(e);
    boolean invariant = !reads.isEmpty() && reads.stream().noneMatch(written::contains);
    assertFalse(transcendental && invariant, "invariant " + e + " left in the layer loop of\n" + prog);
    for (Expr a : c.args()) {
      assertNoInvariantTranscendental(a, written, prog);
    }
  }

  private static void collectWrites(List<Stmt> code, Set<String> out) {
    for (Stmt s : code) {
      if (s instanceof Stmt.Assign) {
        out.add(((Stmt.Assign) s).target().name());
      } else if (s instanceof Stmt.For) {
        out.add(((Stmt.For) s).index());
        collectWrites(((Stmt.For) s).body(), out);
      } else if (s instanceof Stmt.If) {
        collectWrites(((Stmt.If) s).then(), out);
        collectWrites(((Stmt.If) s).otherwise(), out);
      }
    }
  }

  private static Stmt.For find(List<Stmt> code, String index) {
    for (Stmt s : code) {
      if (s instanceof Stmt.For) {
        Stmt.For f = (Stmt.For) s;
        if (f.index().equals(index)) {
          return f;
        }
        Stmt.For inner = find(f.body(), index);
        if (inner != null) {
          return inner;
        }
      }
    }
    throw new AssertionError("no loop over " + index);
  }
}
