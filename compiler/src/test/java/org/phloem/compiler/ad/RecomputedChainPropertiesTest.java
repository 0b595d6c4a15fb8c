package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phloem.compiler.ad.Ir.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Stmt;

/**
 * Random leaf-physics loops, the pattern of BETHY's canopy (models/ccdas/biosphere.phl): an outer loop
 * over tiles whose body sets a few tile values from inputs and parameters, then an inner loop over
 * layers whose body is a chain of fresh locals, each assigned once from exp, pow, sqrt, tanh, sin or
 * arithmetic of the layer index, the tile values and earlier links, summed into the tile's output. The
 * reverse sweep computes such a chain again from the tile values instead of taking it from the tape
 * ({@code analysis.Recomputable}, in loops of many iterations: the threshold is lowered here); the derivatives are checked against finite differences and the
 * dot-product identity, the checkpointed adjoint against the plain one bit for bit, and no link of
 * the chain is recorded.
 */
class RecomputedChainPropertiesTest {
  private static final int TILES = CanopyLikeLoops.TILES;
  private static final int LAYERS = CanopyLikeLoops.LAYERS;
  private static final double[] P = {0.6, -0.3, 0.9};
  private static final double[] DIR = {0.4, 0.7, -0.2};
  private static final AtomicInteger NAMES = new AtomicInteger();

  record Program(List<String> chain, Model forward, Model model, Model checkpointed) {
    @Override
    public String toString() {
      return IrPrinter.print(model.program().function("forward"));
    }
  }

  @Provide
  Arbitrary<Program> programs() {
    return link().list().ofMinSize(1).ofMaxSize(6).map(RecomputedChainPropertiesTest::wrap);
  }

  /** One link: an operation and which earlier values it reads (resolved against the chain by {@link #wrap}). */
  private record Link(String op, int a, int b) {}

  private static Arbitrary<Link> link() {
    return Combinators.combine(Arbitraries.of("exp", "pow", "sqrt", "tanh", "sin", "mul", "div", "add"),
        Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 20)).as(Link::new);
  }

  private static Program wrap(List<Link> links) {
    String tile = "t" + NAMES.incrementAndGet();
    String layer = "l" + NAMES.incrementAndGet();
    String sum = "s" + NAMES.incrementAndGet();
    String area = "area" + NAMES.incrementAndGet();
    String temp = "temp" + NAMES.incrementAndGet();
    // values a link may read: the tile values, the layer index as a real, a parameter, earlier links
    List<Expr> readable = new ArrayList<>(List.of(v(area), v(temp), v("layer_real"), v("x2")));
    List<Stmt> inner = new ArrayList<>();
    inner.add(set("layer_real", div(add(n(0.5), toReal(layer)), n(LAYERS))));
    List<String> chain = new ArrayList<>();
    for (Link k : links) {
      Expr a = readable.get(k.a() % readable.size());
      Expr b = readable.get(k.b() % readable.size());
      String y = "y" + NAMES.incrementAndGet();
      inner.add(set(y, bounded(k.op(), a, b)));
      chain.add(y);
      readable.add(v(y));
    }
    Expr last = v(chain.get(chain.size() - 1));
    inner.add(set(sum, add(v(sum), mul(v(area), last))));
    Model m = CanopyLikeLoops.model("chain", CanopyLikeLoops.body(tile, layer, area, temp, sum, inner));
    // the loops here run 9 times; the model's canopy loop 606,528 times (the threshold is lowered for them)
    return CanopyLikeLoops.withManyIterations("1", () -> new Program(chain, m, m.with(AutoDiff.differentiate(m.program())),
        m.with(AutoDiff.differentiate(m.program(), CheckpointOptions.revolve(1)))));
  }

  private static Expr toReal(String index) {
    return new Expr.ToReal(i(index));
  }

  /** A link whose value stays modest (and whose operands stay in the function's domain). */
  static Expr bounded(String op, Expr a, Expr b) {
    switch (op) {
      case "exp": return f(Prim.EXP, f(Prim.SIN, a));
      case "pow": return f(Prim.POW, add(n(1), mul(a, a)), f(Prim.SIN, b));
      case "sqrt": return f(Prim.SQRT, add(n(0.5), mul(b, b)));
      case "tanh": return f(Prim.TANH, add(a, b));
      case "sin": return f(Prim.SIN, mul(a, b));
      case "mul": return mul(n(0.5), mul(a, f(Prim.TANH, b)));
      case "div": return div(a, add(n(1.5), f(Prim.SIN, b)));
      default: return mul(n(0.5), add(a, b));
    }
  }

  @Property(tries = 100)
  void recomputedChains_derivativesAgreeWithReferences(@ForAll("programs") Program prog) {
    Checks.assertFiniteProgramAgrees(prog.model(), P, DIR);
  }

  @Property(tries = 40)
  void recomputedChains_checkpointedAdjointAgreesWithThePlainOne(@ForAll("programs") Program prog) {
    Checks.assertCheckpointedMatchesPlain(prog.checkpointed(), P, DIR);
  }

  @Property(tries = 40)
  void recomputedChains_areNotRecorded(@ForAll("programs") Program prog) {
    String gradient = IrPrinter.print(prog.model().program().function("gradient"));
    for (String y : prog.chain()) {
      assertFalse(gradient.contains("push " + y + "\n"), y + " is computed again, not recorded:\n" + gradient);
    }
  }

  @Example
  void beerLawLayers_recomputeTheirTranscendentalsInTheReverseSweep() {
    // canopy_light(l) = (exp(-k l d) - exp(-k (l + 1) d)) / (k d), then a rate exp(e (T - T0)) times it
    Program prog = wrap(List.of(new Link("exp", 2, 0), new Link("pow", 4, 1), new Link("sqrt", 0, 5), new Link("tanh", 6, 3)));
    String gradient = IrPrinter.print(prog.model().program().function("gradient"));
    assertFalse(gradient.contains("push y"), gradient);
    // a loop under the threshold keeps pushing them: a push and a pop cost less than an exp in the cache
    assertTrue(IrPrinter.print(AutoDiff.differentiate(prog.forward().program()).function("gradient")).contains("push y"));
    Checks.assertFiniteProgramAgrees(prog.model(), P, DIR);
  }
}
