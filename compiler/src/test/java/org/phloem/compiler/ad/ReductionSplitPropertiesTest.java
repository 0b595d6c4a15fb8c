package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phloem.compiler.ad.Ir.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * {@link ReductionSplit}: curve fits {@code fit[i] = Σ terms} over observations (one of them missing, so
 * the reverse loop's guard is false there), terms with divisions and square roots of parameters and
 * {@code x[i]} (Kirby2's rational, a reciprocal, {@code sqrt(1 + b² x²)}) and without ({@code b x²}).
 * The split gradient must be the unsplit one bit for bit (same terms, same order; checked against the
 * same program compiled with the split off), on the interpreter and in the generated class (which must
 * verify); its derivatives must agree with finite differences; and a term with a division must leave
 * the accumulating loop without divisions or square roots, computed in a loop of its own with no
 * branch and no sum. The last fails with the split off; the first with a split that reorders or stores
 * the wrong value.
 */
class ReductionSplitPropertiesTest {
  private static final double[] P = {0.6, -0.3, 0.9, 0.4};
  private static final double[] DIR = {0.4, 0.7, -0.2, 0.5};
  private static final double[] X = {0.5, 1.5, 2.0, 3.0, 0.25, 1.0, 4.0};
  private static final double[] Y = {0.1, -0.4, 0.8, Double.NaN, -0.6, 0.3, 1.1};
  private static final Set<Prim> SLOW = java.util.EnumSet.of(Prim.DIV, Prim.SQRT);
  private static final AtomicInteger NAMES = new AtomicInteger();

  /** One term {@code kind} of parameters {@code a}, {@code b}, {@code c}. */
  private record Term(String kind, int a, int b, int c) {}

  record Program(Model split, Model unsplit, String index) {
    @Override
    public String toString() {
      return CanopyLikeLoops.forwardAndGradient(split);
    }
  }

  @Provide
  Arbitrary<Program> programs() {
    return terms(Arbitraries.of("rational", "reciprocal", "sqrt", "square")).list().ofMinSize(1).ofMaxSize(4)
        .map(ReductionSplitPropertiesTest::program);
  }

  @Provide
  Arbitrary<Program> dividingTerms() {
    return terms(Arbitraries.of("rational", "reciprocal", "sqrt")).map(t -> program(List.of(t)));
  }

  private static Arbitrary<Term> terms(Arbitrary<String> kinds) {
    Arbitrary<Integer> param = Arbitraries.integers().between(0, 3);
    return Combinators.combine(kinds, param, param, param).as(Term::new);
  }

  private static Expr term(Term t, Expr x) {
    Expr a = v("b" + t.a());
    Expr b = v("b" + t.b());
    Expr c = v("b" + t.c());
    Expr sq = f(Prim.POW, x, n(2));
    switch (t.kind()) {
      case "rational": // Kirby2: (a + b x + c x²) / (1.5 + b x + c² x²), x ≥ 0.25 and |b| < 1 keep it away from 0
        return div(add(add(a, mul(b, x)), mul(c, sq)), add(add(n(1.5), mul(mul(b, n(0.2)), x)), mul(mul(c, c), sq)));
      case "reciprocal":
        return div(a, add(add(n(2), mul(b, b)), x));
      case "sqrt":
        return mul(a, f(Prim.SQRT, add(n(1), mul(mul(b, b), sq))));
      default:
        return mul(a, sq);
    }
  }

  private static Program program(List<Term> terms) {
    String i = "i" + NAMES.incrementAndGet();
    Expr sum = n(0);
    for (Term t : terms) {
      sum = add(sum, term(t, at("x", i(i))));
    }
    return program(i, sum, X);
  }

  /** {@code fit[i] = value} over the observations, then half the squared residuals of those observed. */
  private static Program program(String i, Expr value, double[] x) {
    String j = "j" + NAMES.incrementAndGet();
    List<Stmt> body = List.of(
        set("J", n(0)),
        set("b0", at("p", 0)),
        set("b1", at("p", 1)),
        set("b2", at("p", 2)),
        set("b3", at("p", 3)),
        loop(i, c(0), size("obs"), store("fit", i(i), value)),
        loop(j, c(0), size("obs"),
            when(notNaN(at("y", i(j))), List.of(
                set("r", sub(at("fit", i(j)), at("y", i(j)))),
                set("J", add(v("J"), mul(n(0.5), mul(v("r"), v("r")))))), List.of())));
    Model m = new Model.Builder("split").dim("obs", x.length).dim("slot", 4)
        .input("x", x, "obs").input("y", Y, "obs")
        .work("fit", "obs")
        .param("p", 4, -1, 1, "slot")
        .build(function("forward", List.of("p"), "J", body.toArray(new Stmt[0])));
    IrProgram unsplit = withSplit(false, () -> AutoDiff.differentiate(m.program()));
    IrProgram split = withSplit(true, () -> AutoDiff.differentiate(m.program()));
    return new Program(m.with(split), m.with(unsplit), i);
  }

  private static <T> T withSplit(boolean on, Supplier<T> work) {
    return CanopyLikeLoops.withProperty(ReductionSplit.PROPERTY, Boolean.toString(on), work);
  }

  /** Same cost and gradient bits, split and unsplit, on the interpreter (twice: stale work arrays would show) and in the class. */
  @Property(tries = 80)
  void splitGradient_isTheUnsplitOneBitForBit(@ForAll("programs") Program prog) {
    assertSameGradients(prog);
  }

  @Property(tries = 60)
  void derivativesAgreeWithReferences(@ForAll("programs") Program prog) {
    Checks.assertFiniteProgramAgrees(prog.split(), P, DIR);
  }

  @Property(tries = 15)
  void generatedClass_verifies(@ForAll("programs") Program prog) {
    CanopyLikeLoops.assertClassVerifies(prog.split());
  }

  /**
   * A term that divides or takes a square root: the gradient's accumulating reverse loop over the
   * observations has no division or square root left; a loop of their own, with no branch and no
   * accumulation, computes them into work arrays.
   */
  @Property(tries = 40)
  void dividingTerm_leavesTheSumsWithoutDivisions(@ForAll("dividingTerms") Program prog) {
    List<Stmt.For> loops = descending(prog.split().program().function("gradient").body(), prog.index(), new ArrayList<>());
    assertEquals(2, loops.size(), "two reverse loops over the observations:\n" + prog);
    Stmt.For vector = loops.get(0);
    Stmt.For sums = loops.get(1);
    assertTrue(vector.body().stream().allMatch(s -> s instanceof Stmt.Assign), "no branch in the first:\n" + prog);
    assertTrue(vector.body().stream().noneMatch(s -> accumulates((Stmt.Assign) s)), "no sum in the first:\n" + prog);
    assertTrue(CanopyLikeLoops.calls(vector.body(), SLOW) > 0, "the division is in the first:\n" + prog);
    assertTrue(vector.body().stream().anyMatch(s -> ((Stmt.Assign) s).target() instanceof Ref.Elem), "stores:\n" + prog);
    assertEquals(0, CanopyLikeLoops.calls(sums.body(), SLOW), "no division left with the sums:\n" + prog);
    assertSameGradients(prog);
  }

  /**
   * Kirby2's shape, with the denominator 0 at the missing observation: the first loop computes 1/0 and
   * ∞ · 0 there, values the guarded sums never read; the gradient is the unsplit one and finite.
   */
  @Example
  void kirby2Shape_zeroDenominatorAtAMissingPoint() {
    String i = "i" + NAMES.incrementAndGet();
    Expr x = at("x", i(i));
    Expr sq = f(Prim.POW, x, n(2));
    // 1 + b3 x - x² is 0 at x = 2.5 (and -0.4) with b3 = 2.1: put that x at the missing observation (index 3)
    double[] xs = X.clone();
    xs[3] = 2.5;
    Expr den = sub(add(n(1), mul(v("b3"), x)), sq);
    Program prog = program(i, div(add(add(v("b0"), mul(v("b1"), x)), mul(v("b2"), sq)), den), xs);
    double[] p = {0.6, -0.3, 0.9, 2.1};
    assertEquals(0.0, 1 + p[3] * 2.5 - 2.5 * 2.5, 1e-14);
    double[] g = new double[4];
    double j = new Runner(prog.split()).gradient(p, g);
    assertTrue(Double.isFinite(j), "cost " + j);
    for (double v : g) {
      assertTrue(Double.isFinite(v), java.util.Arrays.toString(g) + "\n" + prog);
    }
    assertSameGradients(prog, p);
    assertEquals(2, descending(prog.split().program().function("gradient").body(), i, new ArrayList<>()).size(), prog.toString());
  }

  private static void assertSameGradients(Program prog) {
    assertSameGradients(prog, P);
  }

  private static void assertSameGradients(Program prog, double[] p) {
    Checks.assertSameGradientBits(prog.unsplit(), prog.split(), p,
        prog + "\nunsplit:\n" + IrPrinter.print(prog.unsplit().program().function("gradient")));
  }


  private static boolean accumulates(Stmt.Assign a) {
    return a.value() instanceof Expr.Call && (((Expr.Call) a.value()).prim() == Prim.ADD || ((Expr.Call) a.value()).prim() == Prim.SUB)
        && ((Expr.Call) a.value()).args().get(0).equals(new Expr.Get(a.target()));
  }

  private static List<Stmt.For> descending(List<Stmt> code, String index, List<Stmt.For> out) {
    for (Stmt s : code) {
      if (s instanceof Stmt.For) {
        Stmt.For f = (Stmt.For) s;
        if (f.index().equals(index) && f.descending()) {
          out.add(f);
        }
        descending(f.body(), index, out);
      } else if (s instanceof Stmt.If) {
        descending(((Stmt.If) s).then(), index, out);
        descending(((Stmt.If) s).otherwise(), index, out);
      }
    }
    return out;
  }
}
