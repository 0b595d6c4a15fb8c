package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.phloem.compiler.ad.Ir.*;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Stmt;

/**
 * {@link ElementAccumulators}: random time-stepped column loops of the 2-D transport's convection shape.
 * A field {@code C[row, col]}; every step, for each column {@code j} and rows {@code k} of a random
 * range, {@code D[k, j]} reads one fixed row {@code C[r, j]} (the invariant element whose adjoint the
 * reverse loop over {@code k} accumulates) and two shifted rows {@code C[k + δ, j]} (whose adjoints it
 * scatters into, at the fixed row itself for some {@code k} or never, as {@code r}, the shifts and the
 * range fall), linearly or in products (then with a tape). The gradient with the rule must be the one
 * without it bit for bit (interpreter and generated class, twice each), agree with finite differences,
 * verify; and the invariant element must be held in a local exactly when no shifted row reaches it.
 * The last fails with the rule off, and with a rule that does not check the other accesses (which then
 * also breaks the first: the local and the array hold different sums).
 */
class ElementAccumulatorsPropertiesTest {
  private static final int STEPS = 3;
  private static final double[] P = {0.4, -0.7};
  private static final double[] DIR = {0.3, 0.8};

  /** Rows, columns, the fixed row, the two shifts, whether products (a tape) and whether the fixed row is read twice. */
  record Shape(int rows, int cols, int fixed, int shift1, int shift2, boolean product, boolean twice) {
    int from() {
      return Math.max(0, -Math.min(shift1, shift2));
    }

    int to() {
      return Math.min(rows, rows - Math.max(shift1, shift2));
    }

    /** True when no shifted row of the loop's range is the fixed row. */
    boolean disjoint() {
      for (int k = from(); k < to(); k++) {
        if (k + shift1 == fixed || k + shift2 == fixed) {
          return false;
        }
      }
      return true;
    }
  }

  record Program(Shape shape, Model on, Model off) {
    @Override
    public String toString() {
      return shape + "\n" + CanopyLikeLoops.forwardAndGradient(on);
    }
  }

  @Provide
  Arbitrary<Program> programs() {
    Arbitrary<Integer> shift = Arbitraries.integers().between(-1, 1);
    return Combinators.combine(Arbitraries.integers().between(2, 5), Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(0, 4), shift, shift, Arbitraries.of(false, true), Arbitraries.of(false, true))
        .as((rows, cols, fixed, s1, s2, product, twice) -> new Shape(rows, cols, fixed % rows, s1, s2, product, twice))
        .filter(s -> s.to() > s.from())
        .map(ElementAccumulatorsPropertiesTest::program);
  }

  private static IExpr cell(IExpr row, Shape s, String col) {
    return iadd(imul(row, c(s.cols())), i(col));
  }

  private static Program program(Shape s) {
    int n = s.rows() * s.cols();
    Expr fixed = at("C", cell(c(s.fixed()), s, "j"));
    Expr first = at("C", cell(iadd(i("k"), c(s.shift1())), s, "j"));
    Expr second = at("C", cell(iadd(i("k"), c(s.shift2())), s, "j"));
    Expr term = s.product()
        ? sub(mul(mul(fixed, first), at("a", i("k"))), mul(v("x1"), second))
        : sub(add(mul(v("x1"), fixed), mul(at("a", i("k")), first)), mul(n(0.5), second));
    if (s.twice()) {
      term = add(term, mul(n(0.25), fixed));
    }
    List<Stmt> step = List.of(
        loop("j", c(0), c(s.cols()), loop("k", c(s.from()), c(s.to()), store("D", cell(i("k"), s, "j"), term))),
        loop("u", c(0), c(n), store("C", i("u"), add(at("C", i("u")), mul(n(0.3), at("D", i("u")))))));
    List<Stmt> body = new ArrayList<>();
    body.add(set("J", n(0)));
    body.add(set("x0", at("p", 0)));
    body.add(set("x1", at("p", 1)));
    body.add(loop("z", c(0), c(n), store("D", i("z"), n(0))));
    body.add(loop("c0", c(0), c(n), store("C", i("c0"), mul(at("s", i("c0")), f(Prim.SIN, add(v("x0"), at("s", i("c0"))))))));
    body.add(new Stmt.For("t", c(0), c(STEPS), false, step, 0));
    body.add(loop("e", c(0), c(n), set("J", add(v("J"), add(f(Prim.SIN, at("C", i("e"))), mul(at("D", i("e")), at("D", i("e"))))))));
    body.add(set("J", add(v("J"), add(mul(v("x0"), v("x0")), mul(v("x1"), v("x1"))))));
    IrFunction forward = function("forward", List.of("p"), "J", body.toArray(new Stmt[0]));
    double[] field = new double[n];
    for (int k = 0; k < n; k++) {
      field[k] = 0.9 * Math.sin(1.7 * k + 0.3);
    }
    double[] rowWeights = new double[s.rows()];
    for (int k = 0; k < rowWeights.length; k++) {
      rowWeights[k] = 0.6 - 0.35 * k;
    }
    Model m = new Model.Builder("columns").dim("row", s.rows()).dim("col", s.cols()).dim("slot", 2)
        .input("s", field, "row", "col").input("a", rowWeights, "row")
        .work("C", "row", "col").work("D", "row", "col")
        .param("p", 2, -1, 1, "slot")
        .build(forward);
    IrProgram off = withRule(false, () -> AutoDiff.differentiate(m.program()));
    IrProgram on = withRule(true, () -> AutoDiff.differentiate(m.program()));
    return new Program(s, m.with(on), m.with(off));
  }

  private static <T> T withRule(boolean on, Supplier<T> work) {
    return CanopyLikeLoops.withProperty(ElementAccumulators.PROPERTY, Boolean.toString(on), work);
  }

  @Property(tries = 120)
  void gradient_isTheOneWithoutTheRuleBitForBit(@ForAll("programs") Program prog) {
    Checks.assertSameGradientBits(prog.off(), prog.on(), P,
        prog + "\nwithout the rule:\n" + IrPrinter.print(prog.off().program().function("gradient")));
  }

  @Property(tries = 60)
  void derivativesAgreeWithReferences(@ForAll("programs") Program prog) {
    Checks.assertFiniteProgramAgrees(prog.on(), P, DIR);
  }

  @Property(tries = 15)
  void generatedClass_verifies(@ForAll("programs") Program prog) {
    CanopyLikeLoops.assertClassVerifies(prog.on());
  }

  /** The fixed row's adjoint is held in a local exactly when no shifted row of the loop reaches it. */
  @Property(tries = 120)
  void fixedElement_isHeldInALocalExactlyWhenNothingElseReachesIt(@ForAll("programs") Program prog) {
    IrFunction g = prog.on().program().function("gradient");
    boolean held = g.locals().keySet().stream().anyMatch(l -> l.startsWith("C$b$acc"));
    assertEquals(prog.shape().disjoint(), held, prog.toString());
  }
}
