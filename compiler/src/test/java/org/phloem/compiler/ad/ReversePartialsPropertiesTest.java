package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phloem.compiler.ad.Ir.*;

import java.util.ArrayList;
import java.util.HashSet;
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
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * The reverse sweep's partials in canopy-like loops (BETHY's leaf physics in the CCDAS experiment): a
 * tile loop sets tile values, a layer loop computes links of quotients by tile values ({@code jc = vmax
 * (ci - Γ*) / (ci + Kc (1 + O/Ko))}), quotients by a square root ({@code j = α I Jmax / sqrt(Jmax² +
 * (α I)²)}), sinh (the soil pools' decay), and the links of {@link RecomputedChainPropertiesTest}.
 * The derivatives must agree with finite differences, the dot-product identity and the checkpointed
 * sweep, and the generated class must verify; and the partials must be cheap: no reciprocal of a tile
 * value computed in the reverse layer loop ({@link ReverseInvariants}), one division per denominator in
 * a reverse block ({@link SharedReciprocals}), no cosh for the derivative of sinh
 * ({@link DerivativeRules}: from the value, sqrt(1 + sinh²)), and tanh and sinh recorded by the forward
 * sweep rather than computed again ({@code Adjoint}). Each of the four fails on the code before.
 */
class ReversePartialsPropertiesTest {
  private static final double[] P = {0.6, -0.3, 0.9};
  private static final double[] DIR = {0.4, 0.7, -0.2};
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final Set<Prim> SLOW = java.util.EnumSet.of(Prim.TANH, Prim.SINH, Prim.COSH);

  record Program(Model model, Model checkpointed, String layer) {
    @Override
    public String toString() {
      return CanopyLikeLoops.forwardAndGradient(model);
    }
  }

  private record Link(String op, int a, int b) {}

  @Provide
  Arbitrary<Program> programs() {
    Arbitrary<Link> link = Combinators.combine(
        Arbitraries.of("byTile", "bySqrt", "sinh", "exp", "pow", "sqrt", "tanh", "sin", "mul", "div", "add"),
        Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 20)).as(Link::new);
    return link.list().ofMinSize(0).ofMaxSize(6).map(ReversePartialsPropertiesTest::wrap);
  }

  private static Program wrap(List<Link> links) {
    String tile = "t" + NAMES.incrementAndGet();
    String layer = "l" + NAMES.incrementAndGet();
    String sum = "s" + NAMES.incrementAndGet();
    String area = "area" + NAMES.incrementAndGet();
    String temp = "temp" + NAMES.incrementAndGet();
    List<Expr> readable = new ArrayList<>(List.of(v(area), v(temp), v("x2"), v("layer_real")));
    List<Stmt> inner = new ArrayList<>();
    inner.add(set("layer_real", div(add(n(0.5), new Expr.ToReal(i(layer))), n(CanopyLikeLoops.LAYERS))));
    // every program has one link of each new kind, then random ones
    // (3: the layer, varying; 0, 1: the tile's area and temperature, active)
    List<Link> all = new ArrayList<>(List.of(new Link("byTile", 3, 0), new Link("bySqrt", 3, 1), new Link("sinh", 3, 0)));
    all.addAll(links);
    for (Link k : all) {
      Expr a = readable.get(k.a() % readable.size());
      Expr b = readable.get(k.b() % readable.size());
      String y = "y" + NAMES.incrementAndGet();
      inner.add(set(y, link(k.op(), a, b, v(area), v(temp))));
      readable.add(v(y));
    }
    Expr last = readable.get(readable.size() - 1);
    inner.add(set(sum, add(v(sum), mul(v(area), add(last, readable.get(4))))));
    Model m = CanopyLikeLoops.model("partials", CanopyLikeLoops.body(tile, layer, area, temp, sum, inner));
    return new Program(m.with(AutoDiff.differentiate(m.program())),
        m.with(AutoDiff.differentiate(m.program(), CheckpointOptions.revolve(1))), layer);
  }

  /** A link's value, bounded on the inputs' range; {@code area} and {@code temp} are tile values. */
  private static Expr link(String op, Expr a, Expr b, Expr area, Expr temp) {
    switch (op) {
      case "byTile": // jc's shape: a varying numerator over a tile value's expression
        return div(mul(a, sub(temp, n(3))), add(n(2), mul(area, area)));
      case "bySqrt": // j's shape: a product over the square root of a sum of its squares
        return div(mul(a, add(n(1), mul(b, b))), f(Prim.SQRT, add(mul(add(n(1), mul(b, b)), add(n(1), mul(b, b))), mul(a, a))));
      case "sinh":
        return mul(n(2), mul(f(Prim.EXP, mul(n(-0.5), mul(a, b))), f(Prim.SINH, mul(n(0.5), mul(a, b)))));
      default:
        return RecomputedChainPropertiesTest.bounded(op, a, b);
    }
  }

  @Property(tries = 100)
  void derivativesAgreeWithReferences(@ForAll("programs") Program prog) {
    Checks.assertFiniteProgramAgrees(prog.model(), P, DIR);
  }

  @Property(tries = 40)
  void checkpointedAdjointAgreesWithThePlainOne(@ForAll("programs") Program prog) {
    Checks.assertCheckpointedMatchesPlain(prog.checkpointed(), P, DIR);
  }

  /** No {@code 1 / d} of a value the reverse layer loop does not change is computed in that loop. */
  @Property(tries = 60)
  void reverseLayerLoop_computesNoReciprocalOfATileValue(@ForAll("programs") Program prog) {
    Stmt.For reverse = CanopyLikeLoops.findDescending(prog.model().program().function("gradient").body(), prog.layer());
    assertTrue(reverse != null, "no reverse layer loop:\n" + prog);
    Set<String> written = variant(reverse);
    List<Expr> divisors = new ArrayList<>();
    collectReciprocals(reverse.body(), divisors);
    for (Expr d : divisors) {
      Set<String> reads = Reads.all(d);
      assertFalse(!reads.isEmpty() && reads.stream().noneMatch(written::contains),
          "1 / " + d + " is computed in every layer, though the layers do not change it:\n" + prog);
    }
  }

  /** In a reverse block (the partials under one guard), a denominator whose reciprocal is computed is not divided by again. */
  @Property(tries = 60)
  void reverseBlocks_divideOncePerDenominator(@ForAll("programs") Program prog) {
    assertOneDivisionPerDenominator(prog.model().program().function("gradient").body(), prog);
  }

  /** sinh's derivative comes from its value: no cosh in the gradient of a program without one. */
  @Property(tries = 30)
  void sinhDerivative_callsNoCosh(@ForAll("programs") Program prog) {
    String gradient = IrPrinter.print(prog.model().program().function("gradient"));
    assertFalse(gradient.contains("cosh("), "cosh computed for sinh's derivative:\n" + prog);
  }

  /**
   * tanh and sinh (native code in the JDK, no JIT intrinsic) are computed once per gradient, in its
   * forward sweep, which records them for the partials: the gradient calls them as often as the forward.
   */
  @Property(tries = 40)
  void slowFunctions_areComputedOnceAndRecorded(@ForAll("programs") Program prog) {
    int forward = CanopyLikeLoops.calls(prog.model().program().function("forward").body(), SLOW);
    int gradient = CanopyLikeLoops.calls(prog.model().program().function("gradient").body(), SLOW);
    assertTrue(forward >= 1, prog.toString());
    assertEquals(forward, gradient, "tanh or sinh computed again in the reverse sweep:\n" + prog);
  }



  @Property(tries = 15)
  void generatedClass_verifies(@ForAll("programs") Program prog) {
    CanopyLikeLoops.assertClassVerifies(prog.model());
  }

  @Example
  void jcAndJShapes_partialsShareAndHoistTheirDivisions() {
    Program prog = wrap(List.of());
    String gradient = IrPrinter.print(prog.model().program().function("gradient"));
    String reverseLayers = gradient.substring(gradient.indexOf("for " + prog.layer() + " in 0 downfrom"));
    // 1 / (2 + area * area) is computed before the reverse layer loop, not in it
    assertTrue(gradient.indexOf("2 + ") < gradient.indexOf("for " + prog.layer() + " in 0 downfrom"), gradient);
    assertFalse(reverseLayers.contains("0.5 / "), "sqrt's partial multiplies by the shared reciprocal:\n" + gradient);
    Checks.assertFiniteProgramAgrees(prog.model(), P, DIR);
  }

  /** Checks the blocks under a guard (one assignment's partials), at any depth of {@code code}. */
  private static void assertOneDivisionPerDenominator(List<Stmt> code, Program prog) {
    for (Stmt s : code) {
      if (s instanceof Stmt.If) {
        assertOneDivisionPerDenominatorIn(((Stmt.If) s).then(), prog);
        assertOneDivisionPerDenominator(((Stmt.If) s).then(), prog);
        assertOneDivisionPerDenominator(((Stmt.If) s).otherwise(), prog);
      } else if (s instanceof Stmt.For) {
        assertOneDivisionPerDenominator(((Stmt.For) s).body(), prog);
      }
    }
  }

  private static void assertOneDivisionPerDenominatorIn(List<Stmt> block, Program prog) {
    Set<Expr> reciprocals = new HashSet<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.Assign) {
        Expr v = ((Stmt.Assign) s).value();
        if (isCall(v, Prim.DIV) && isOne(((Expr.Call) v).args().get(0))) {
          reciprocals.add(((Expr.Call) v).args().get(1));
        }
      }
    }
    for (Stmt s : block) {
      if (s instanceof Stmt.Assign) {
        Expr v = ((Stmt.Assign) s).value();
        boolean reciprocal = isCall(v, Prim.DIV) && isOne(((Expr.Call) v).args().get(0));
        List<Expr> divisors = new ArrayList<>();
        collectDivisors(reciprocal ? ((Expr.Call) v).args().get(1) : v, divisors);
        for (Expr d : divisors) {
          assertFalse(reciprocals.contains(d), "divides by " + d + " beside 1 / " + d + " in one block:\n" + prog);
        }
      }
    }
  }

  private static void collectDivisors(Expr e, List<Expr> out) {
    if (e instanceof Expr.Call) {
      Expr.Call c = (Expr.Call) e;
      if (c.prim() == Prim.DIV) {
        out.add(c.args().get(1));
      }
      c.args().forEach(a -> collectDivisors(a, out));
    } else if (e instanceof Expr.Select) {
      collectDivisors(((Expr.Select) e).ifTrue(), out);
      collectDivisors(((Expr.Select) e).ifFalse(), out);
    }
  }

  private static void collectReciprocals(List<Stmt> code, List<Expr> out) {
    for (Stmt s : code) {
      if (s instanceof Stmt.Assign) {
        Expr v = ((Stmt.Assign) s).value();
        if (isCall(v, Prim.DIV) && isOne(((Expr.Call) v).args().get(0))) {
          out.add(((Expr.Call) v).args().get(1));
        }
      } else if (s instanceof Stmt.If) {
        collectReciprocals(((Stmt.If) s).then(), out);
        collectReciprocals(((Stmt.If) s).otherwise(), out);
      } else if (s instanceof Stmt.For) {
        collectReciprocals(((Stmt.For) s).body(), out);
      }
    }
  }

  private static boolean isCall(Expr e, Prim p) {
    return e instanceof Expr.Call && ((Expr.Call) e).prim() == p;
  }

  private static boolean isOne(Expr e) {
    return e instanceof Expr.Num && ((Expr.Num) e).value() == 1;
  }

  /**
   * The names whose value may change from one iteration of {@code loop} to the next: its index, inner
   * loops' indices, what it pops, and the locals it assigns from an array element or from such names
   * (a temporary of tile values only is not: the layers do not change it).
   */
  private static Set<String> variant(Stmt.For loop) {
    Set<String> out = new HashSet<>();
    out.add(loop.index());
    Set<String> popped = new HashSet<>();
    collectIndicesAndPops(loop.body(), popped);
    out.addAll(popped);
    List<Stmt.Assign> assigns = new ArrayList<>();
    collectAssigns(loop.body(), assigns);
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Stmt.Assign a : assigns) {
        String x = a.target().name();
        if (!out.contains(x) && (!(a.target() instanceof Ref.Local) || readsElement(a.value())
            || Reads.all(a.value()).stream().anyMatch(out::contains))) {
          out.add(x);
          grew = true;
        }
      }
    }
    return out;
  }

  private static boolean readsElement(Expr e) {
    if (e instanceof Expr.Get) {
      return !(((Expr.Get) e).ref() instanceof Ref.Local);
    }
    if (e instanceof Expr.Call) {
      return ((Expr.Call) e).args().stream().anyMatch(ReversePartialsPropertiesTest::readsElement);
    }
    return !(e instanceof Expr.Num);
  }

  private static void collectAssigns(List<Stmt> code, List<Stmt.Assign> out) {
    for (Stmt s : code) {
      if (s instanceof Stmt.Assign) {
        out.add((Stmt.Assign) s);
      } else if (s instanceof Stmt.For) {
        collectAssigns(((Stmt.For) s).body(), out);
      } else if (s instanceof Stmt.If) {
        collectAssigns(((Stmt.If) s).then(), out);
        collectAssigns(((Stmt.If) s).otherwise(), out);
      }
    }
  }

  /** Loop indices and popped names (not assignments: {@link #variant} follows those). */
  private static void collectIndicesAndPops(List<Stmt> code, Set<String> out) {
    for (Stmt s : code) {
      if (s instanceof Stmt.Pop) {
        out.add(((Stmt.Pop) s).target().name());
      } else if (s instanceof Stmt.For) {
        out.add(((Stmt.For) s).index());
        collectIndicesAndPops(((Stmt.For) s).body(), out);
      } else if (s instanceof Stmt.If) {
        collectIndicesAndPops(((Stmt.If) s).then(), out);
        collectIndicesAndPops(((Stmt.If) s).otherwise(), out);
      }
    }
  }


}
