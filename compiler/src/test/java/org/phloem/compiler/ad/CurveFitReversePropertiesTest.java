package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phloem.compiler.ad.Ir.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * Reverse blocks of curve fits whose terms share arguments (NIST ENSO's {@code b5 cos(2πx/b4) + b6
 * sin(2πx/b4)}, Kirby2's {@code x²} in numerator and denominator): an observation loop sets {@code
 * fit[i]} to a sum of random terms {@code b · f(u)}, {@code f} one of sin, cos, exp, sqrt(1 + u²),
 * pow(u, 2) and a rational {@code (b + b' u²) / (1 + b'' u²)}, over arguments {@code u = k x[i] / (2 + b²)}
 * that several terms use. The derivatives must agree with finite differences and the dot-product
 * identity, the generated class must verify; and the reverse blocks must be cheap: no value computed
 * twice ({@link CommonTemporaries}: no two evaluations of sin, cos, exp, sqrt or pow in a block
 * compute the same expression of the same operands), a partial factor several accumulations share
 * multiplied by the adjoint once ({@code Adjoint.scaledFactors}), a quotient stored in an element of
 * its own read back rather than computed again (Kirby2's shape), one division per denominator
 * (Chwirut's). Each fails on the code before.
 */
class CurveFitReversePropertiesTest {
  private static final double[] P = {0.6, -0.3, 0.9, 0.4};
  private static final double[] DIR = {0.4, 0.7, -0.2, 0.5};
  private static final double[] X = {0.5, 1.5, -2.0, 3.0, 0.25};
  private static final double[] Y = {0.1, -0.4, 0.8, 1.3, -0.6};
  private static final Set<Prim> SLOW = java.util.EnumSet.of(Prim.SIN, Prim.COS, Prim.EXP, Prim.SQRT, Prim.POW);
  private static final AtomicInteger NAMES = new AtomicInteger();

  record Program(Model model, String index) {
    @Override
    public String toString() {
      return CanopyLikeLoops.forwardAndGradient(model);
    }
  }

  /** One term {@code b[scale] · kind(u[argument])}. */
  private record Term(String kind, int scale, int argument) {}

  @Provide
  Arbitrary<Program> programs() {
    Arbitrary<Term> term = Combinators.combine(Arbitraries.of("sin", "cos", "exp", "sqrt", "square", "rational"),
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 2)).as(Term::new);
    return term.list().ofMinSize(1).ofMaxSize(6).map(CurveFitReversePropertiesTest::wrap);
  }

  private static Program wrap(List<Term> terms) {
    String i = "i" + NAMES.incrementAndGet();
    Expr sum = n(0);
    for (Term t : terms) {
      // u = k x[i] / (2 + b²): the same k and b for the same argument number, so terms share it
      Expr b = v("b" + t.argument());
      Expr u = div(mul(n(1 + t.argument()), at("x", i(i))), add(n(2), mul(b, b)));
      sum = add(sum, mul(v("b" + t.scale()), shape(t.kind(), u, v("b" + (t.scale() + 1) % 4))));
    }
    return program(i, sum);
  }

  /** The model {@code fit[i] = value} over the observations, then the cost of the residuals. */
  private static Program program(String i, Expr value) {
    String j = "j" + NAMES.incrementAndGet();
    List<Stmt> body = List.of(
        set("J", n(0)),
        set("b0", at("p", 0)),
        set("b1", at("p", 1)),
        set("b2", at("p", 2)),
        set("b3", at("p", 3)),
        loop(i, c(0), size("obs"), store("fit", i(i), value)),
        loop(j, c(0), size("obs"),
            set("r", sub(at("fit", i(j)), at("y", i(j)))),
            set("J", add(v("J"), mul(n(0.5), mul(v("r"), v("r")))))));
    Model m = new Model.Builder("shared").dim("obs", X.length)
        .input("x", X, "obs").input("y", Y, "obs")
        .work("fit", "obs")
        .param("p", 4, -1, 1)
        .build(function("forward", List.of("p"), "J", body.toArray(new Stmt[0])));
    return new Program(m.with(AutoDiff.differentiate(m.program())), i);
  }

  private static Expr shape(String kind, Expr u, Expr other) {
    switch (kind) {
      case "sin":
        return f(Prim.SIN, u);
      case "cos":
        return f(Prim.COS, u);
      case "exp":
        return f(Prim.EXP, u);
      case "sqrt":
        return f(Prim.SQRT, add(n(1), mul(u, u)));
      case "square":
        return f(Prim.POW, u, n(2));
      default: // Kirby2's shape: u² in the numerator and the denominator
        return div(add(n(1), mul(other, f(Prim.POW, u, n(2)))), add(n(1.5), mul(mul(other, other), f(Prim.POW, u, n(2)))));
    }
  }

  @Property(tries = 80)
  void derivativesAgreeWithReferences(@ForAll("programs") Program prog) {
    Checks.assertFiniteProgramAgrees(prog.model(), P, DIR);
  }

  @Property(tries = 15)
  void generatedClass_verifies(@ForAll("programs") Program prog) {
    CanopyLikeLoops.assertClassVerifies(prog.model());
  }

  /** Within one reverse block, no sin, cos, exp, sqrt or pow is evaluated twice on the same operands. */
  @Property(tries = 60)
  void reverseBlocks_computeEachValueOnce(@ForAll("programs") Program prog) {
    Stmt.For reverse = CanopyLikeLoops.findDescending(prog.model().program().function("gradient").body(), prog.index());
    assertTrue(reverse != null, "no reverse loop:\n" + prog);
    assertNoRepeats(reverse.body(), prog);
  }

  /** ENSO's two frequencies: sin and cos of 2πx/b4 and of 2πx/b7, each evaluated once in the reverse block. */
  @Example
  void ensoShape_reverseEvaluatesSixTrigonometricValues() {
    Program prog = wrap(List.of(new Term("cos", 0, 0), new Term("sin", 1, 0), new Term("cos", 2, 1), new Term("sin", 3, 1),
        new Term("cos", 1, 2), new Term("sin", 2, 2)));
    Stmt.For reverse = CanopyLikeLoops.findDescending(prog.model().program().function("gradient").body(), prog.index());
    assertEquals(6, CanopyLikeLoops.calls(reverse.body(), Set.of(Prim.SIN, Prim.COS)), prog.toString());
    Checks.assertFiniteProgramAgrees(prog.model(), P, DIR);
  }

  /** No two accumulations of a reverse block multiply the same partial factor by the adjoint. */
  @Property(tries = 60)
  void reverseBlocks_scaleASharedFactorByTheAdjointOnce(@ForAll("programs") Program prog) {
    Stmt.For reverse = CanopyLikeLoops.findDescending(prog.model().program().function("gradient").body(), prog.index());
    assertNoFactorScaledTwice(reverse.body(), prog);
  }

  /**
   * Kirby2's {@code fit[i] = (b0 + b1 x + b2 x²) / (1 + b3 x + b0 x²)}: the reverse block reads the
   * quotient back from {@code fit[i]} (no later iteration overwrites it) for the denominator's partial,
   * rather than computing the numerator and multiplying again, and divides once (the reciprocal).
   */
  @Example
  void kirby2Shape_reverseReadsTheStoredQuotient() {
    String i = "i" + NAMES.incrementAndGet();
    Program prog = program(i, kirby2(i));
    Stmt.For reverse = CanopyLikeLoops.findDescending(prog.model().program().function("gradient").body(), i);
    String printed = IrPrinter.print(prog.model().program().function("gradient"));
    String block = printed.substring(printed.indexOf("for " + i + " in 0 downfrom"));
    assertTrue(block.contains("-(fit[" + i + "] * "), "the quotient is read back:\n" + printed);
    assertEquals(1, CanopyLikeLoops.calls(reverse.body(), Set.of(Prim.DIV)), printed);
    assertEquals(1, CanopyLikeLoops.calls(reverse.body(), Set.of(Prim.POW)), "x² once:\n" + printed);
    Checks.assertFiniteProgramAgrees(prog.model(), P, DIR);
  }

  /** Kirby2's partials: 1 / den shared by three parameters, -(fit / den) by two, each times the adjoint once. */
  @Example
  void kirby2Shape_scalesEachSharedFactorOnce() {
    String i = "i" + NAMES.incrementAndGet();
    Program prog = program(i, kirby2(i));
    Stmt.For reverse = CanopyLikeLoops.findDescending(prog.model().program().function("gradient").body(), i);
    assertNoFactorScaledTwice(reverse.body(), prog);
    Checks.assertFiniteProgramAgrees(prog.model(), P, DIR);
  }

  /**
   * Chwirut's {@code exp(-b0 x) / (b1 + b2 x)}: the denominator divides the exp's partial and is the
   * divisor of the quotient's own partial; one reciprocal serves both ({@link SharedReciprocals}).
   */
  @Example
  void chwirutShape_reverseDividesOnce() {
    String i = "i" + NAMES.incrementAndGet();
    Expr x = at("x", i(i));
    Program prog = program(i, div(f(Prim.EXP, mul(f(Prim.NEG, v("b0")), x)), add(add(n(2.5), v("b1")), mul(v("b2"), x))));
    Stmt.For reverse = CanopyLikeLoops.findDescending(prog.model().program().function("gradient").body(), i);
    assertEquals(1, CanopyLikeLoops.calls(reverse.body(), Set.of(Prim.DIV)), prog.toString());
    Checks.assertFiniteProgramAgrees(prog.model(), P, DIR);
  }

  private static Expr kirby2(String i) {
    Expr x = at("x", i(i));
    Expr sq = f(Prim.POW, x, n(2));
    return div(add(add(v("b0"), mul(v("b1"), x)), mul(v("b2"), sq)), add(add(n(1.5), mul(v("b3"), x)), mul(mul(v("b0"), v("b0")), sq)));
  }

  private static void assertNoFactorScaledTwice(List<Stmt> block, Program prog) {
    Map<List<Expr>, Integer> scaled = new HashMap<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.If) {
        assertNoFactorScaledTwice(((Stmt.If) s).then(), prog);
      } else if (s instanceof Stmt.Assign && ((Stmt.Assign) s).target().name().endsWith("$b")) {
        Expr v = ((Stmt.Assign) s).value();
        if (v instanceof Expr.Call && ((Expr.Call) v).prim() == Prim.ADD) {
          Expr product = ((Expr.Call) v).args().get(1);
          if (product instanceof Expr.Call && ((Expr.Call) product).prim() == Prim.NEG) {
            product = ((Expr.Call) product).args().get(0);
          }
          List<Expr> key = factorAndAdjoint(product);
          if (key != null) {
            scaled.merge(key, 1, Integer::sum);
          }
        }
      }
    }
    scaled.forEach((k, count) -> assertTrue(count < 2, k.get(0) + " times the adjoint " + k.get(1) + " in " + count + " accumulations:\n" + prog));
  }

  /** For {@code c · d · ā} or {@code d · ā} with {@code d} a local: {@code [d, ā]}; else null. */
  private static List<Expr> factorAndAdjoint(Expr product) {
    if (!(product instanceof Expr.Call) || ((Expr.Call) product).prim() != Prim.MUL) {
      return null;
    }
    Expr left = ((Expr.Call) product).args().get(0);
    Expr adjoint = ((Expr.Call) product).args().get(1);
    if (!(adjoint instanceof Expr.Get) || !(adjoint.toString().contains("a$") || adjoint.toString().contains("$b"))) {
      return null;
    }
    Expr d = left instanceof Expr.Call && ((Expr.Call) left).prim() == Prim.MUL ? ((Expr.Call) left).args().get(1) : left;
    return d instanceof Expr.Get && ((Expr.Get) d).ref() instanceof Ref.Local ? List.of(d, adjoint) : null;
  }

  private static void assertNoRepeats(List<Stmt> block, Program prog) {
    Map<String, Expr> values = new HashMap<>();
    List<Expr> evaluated = new ArrayList<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.If) {
        assertNoRepeats(((Stmt.If) s).then(), prog);
        assertNoRepeats(((Stmt.If) s).otherwise(), prog);
      } else if (s instanceof Stmt.For) {
        assertNoRepeats(((Stmt.For) s).body(), prog);
      } else if (s instanceof Stmt.Assign) {
        Stmt.Assign a = (Stmt.Assign) s;
        Expr expanded = expand(a.value(), values);
        collect(a.value(), values, evaluated);
        if (a.target() instanceof Ref.Local) {
          values.put(a.target().name(), expanded);
        }
      }
    }
    for (int k = 0; k < evaluated.size(); k++) {
      for (int m = k + 1; m < evaluated.size(); m++) {
        assertTrue(!evaluated.get(k).equals(evaluated.get(m)), "computed twice in one reverse block: " + evaluated.get(k) + "\n" + prog);
      }
    }
  }

  /** {@code e} with the block's locals replaced by what they were computed from. */
  private static Expr expand(Expr e, Map<String, Expr> values) {
    return org.phloem.compiler.optimize.Rewrite.expr(e, x -> x instanceof Expr.Get && ((Expr.Get) x).ref() instanceof Ref.Local
        && values.containsKey(((Expr.Get) x).ref().name()) ? values.get(((Expr.Get) x).ref().name()) : x);
  }

  /** The slow calls {@code e} evaluates, expanded. */
  private static void collect(Expr e, Map<String, Expr> values, List<Expr> out) {
    if (e instanceof Expr.Call) {
      Expr.Call c = (Expr.Call) e;
      if (SLOW.contains(c.prim())) {
        out.add(expand(c, values));
      }
      c.args().forEach(a -> collect(a, values, out));
    } else if (e instanceof Expr.Select) {
      collect(((Expr.Select) e).ifTrue(), values, out);
      collect(((Expr.Select) e).ifFalse(), values, out);
    }
  }
}
