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
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Stmt;

/**
 * {@link CarriedElements}: random time-stepped flux stencils of the 2-D transport's meridional shape. A
 * field {@code C[row, col]}; every step, for each row {@code k} and columns {@code e} of the range the
 * shifts allow (upwards or downwards, so the reverse loop runs the other way), a flux {@code F[k, e]}
 * reads {@code C[k, e + δ]} for two or three random shifts {@code δ} (linearly, or in products: then with
 * a tape); then {@code C += w · F} with a mask {@code w} of random zeros, so the reverse's zero-adjoint
 * guards skip random iterations (where the carried element must come from the array). The reverse of
 * the flux loop scatters into {@code C$b[k, e + δ]}: two shifts one apart make an element stored in one
 * iteration and read in the next. The gradient with the rule must be the one without it bit for bit
 * (interpreter and generated class, twice each), agree with finite differences, verify; and an element
 * must be carried exactly when two shifts are one apart and no other access of the array (a fixed
 * column, read by every flux) can be either element; never with the guarded read of the row's edge
 * (loading it where the guard skips it would leave the array). With the rule off the last fails; with the skipped
 * arm's reload removed, or without the test of the other accesses, the first two.
 */
class CarriedElementsPropertiesTest {
  private static final int STEPS = 3;
  private static final double[] P = {0.4, -0.7};
  private static final double[] DIR = {0.3, 0.8};

  /**
   * Rows, columns, the shifts, the flux loop's direction, products (a tape), the mask's zeros (bits), and a
   * fixed column every flux also reads (-1: none; its adjoint element is another access of {@code C$b}),
   * and a guarded read {@code e > 0 ? C[k, e - 1] : 0} where no shift is negative (the range then starts
   * at 0: that element lies outside the array at {@code k = 0, e = 0}, where the guard skips it).
   */
  record Shape(int rows, int cols, List<Integer> shifts, boolean descending, boolean product, int zeros, int fixed, boolean edge) {
    boolean edgeRead() {
      return edge && shifts.stream().allMatch(d -> d >= 0);
    }

    int from() {
      return Math.max(0, -shifts.stream().mapToInt(Integer::intValue).min().orElseThrow());
    }

    int to() {
      return Math.min(cols, cols - shifts.stream().mapToInt(Integer::intValue).max().orElseThrow());
    }

    /**
     * True when two of the shifts are one apart and the fixed column is none of theirs in any iteration
     * (or none of any shift's: then {@link ElementAccumulators} holds it in a local): the reverse loop
     * carries an element.
     */
    boolean carries() {
      boolean fixedHeld = shifts.stream().allMatch(this::misses) && (!edgeRead() || misses(-1));
      for (int a : shifts) {
        for (int b : shifts) {
          if (a - b == 1 && (fixedHeld || misses(a) && misses(b))) {
            return true;
          }
        }
      }
      return false;
    }

    /** True when column {@code e + d} is never the fixed one over the loop's range. */
    boolean misses(int d) {
      for (int e = from(); e < to(); e++) {
        if (e + d == fixed) {
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
    Arbitrary<Integer> shift = Arbitraries.integers().between(-1, 2);
    Arbitrary<List<Integer>> shifts = shift.list().ofMinSize(2).ofMaxSize(3);
    return Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(2, 6), shifts,
            Arbitraries.of(false, true), Arbitraries.of(false, true), Arbitraries.integers().between(0, 255),
            Arbitraries.integers().between(-1, 5), Arbitraries.of(false, true))
        .as(Shape::new)
        .filter(s -> s.to() > s.from() && s.fixed() < s.cols())
        .map(CarriedElementsPropertiesTest::program);
  }

  private static IExpr cell(IExpr row, Shape s, IExpr col) {
    return iadd(imul(row, c(s.cols())), col);
  }

  private static Program program(Shape s) {
    int n = s.rows() * s.cols();
    List<Expr> reads = new ArrayList<>();
    for (int d : s.shifts()) {
      reads.add(at("C", cell(i("k"), s, iadd(i("e"), c(d)))));
    }
    Expr term = s.product()
        ? sub(mul(mul(reads.get(0), reads.get(1)), at("a", i("e"))), mul(v("x1"), reads.get(reads.size() - 1)))
        : sub(mul(v("x1"), reads.get(0)), mul(at("a", i("e")), reads.get(1)));
    if (reads.size() > 2) {
      term = add(term, mul(n(0.25), reads.get(2)));
    }
    if (s.edgeRead()) {
      Expr previous = at("C", cell(i("k"), s, iadd(i("e"), c(-1))));
      term = add(term, select(cmp(Cond.CmpOp.GT, new Expr.ToReal(i("e")), n(0)), mul(n(0.4), previous), n(0)));
    }
    if (s.fixed() >= 0) {
      term = add(term, mul(n(0.5), at("C", cell(i("k"), s, c(s.fixed())))));
    }
    Stmt flux = new Stmt.For("e", c(s.from()), c(s.to()), s.descending(),
        List.of(store("F", cell(i("k"), s, i("e")), term)), 0);
    List<Stmt> step = List.of(
        loop("k", c(0), c(s.rows()), flux),
        loop("u", c(0), c(n), store("C", i("u"), add(at("C", i("u")), mul(at("w", i("u")), at("F", i("u")))))));
    List<Stmt> body = new ArrayList<>();
    body.add(set("J", n(0)));
    body.add(set("x0", at("p", 0)));
    body.add(set("x1", at("p", 1)));
    body.add(loop("z", c(0), c(n), store("F", i("z"), n(0))));
    body.add(loop("c0", c(0), c(n), store("C", i("c0"), mul(at("s", i("c0")), f(Prim.SIN, add(v("x0"), at("s", i("c0"))))))));
    body.add(new Stmt.For("t", c(0), c(STEPS), false, step, 0));
    body.add(loop("q", c(0), c(n), set("J", add(v("J"), add(f(Prim.SIN, at("C", i("q"))), mul(at("F", i("q")), at("F", i("q"))))))));
    body.add(set("J", add(v("J"), add(mul(v("x0"), v("x0")), mul(v("x1"), v("x1"))))));
    IrFunction forward = function("forward", List.of("p"), "J", body.toArray(new Stmt[0]));
    double[] field = new double[n];
    double[] mask = new double[n];
    for (int k = 0; k < n; k++) {
      field[k] = 0.9 * Math.sin(1.7 * k + 0.3);
      mask[k] = (s.zeros() >> (k % 8) & 1) == 1 ? 0 : 0.3 + 0.05 * k;
    }
    double[] colWeights = new double[s.cols()];
    for (int k = 0; k < colWeights.length; k++) {
      colWeights[k] = 0.6 - 0.2 * k;
    }
    Model m = new Model.Builder("stencil").dim("row", s.rows()).dim("col", s.cols()).dim("slot", 2)
        .input("s", field, "row", "col").input("w", mask, "row", "col").input("a", colWeights, "col")
        .work("C", "row", "col").work("F", "row", "col")
        .param("p", 2, -1, 1, "slot")
        .build(forward);
    IrProgram off = withRule(false, () -> AutoDiff.differentiate(m.program()));
    IrProgram on = withRule(true, () -> AutoDiff.differentiate(m.program()));
    return new Program(s, m.with(on), m.with(off));
  }

  private static <T> T withRule(boolean on, Supplier<T> work) {
    return CanopyLikeLoops.withProperty(CarriedElements.PROPERTY, Boolean.toString(on), work);
  }

  @Property(tries = 150)
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

  /** The field's adjoint is carried exactly when two shifts are one apart and the fixed column never meets them. */
  @Property(tries = 150)
  void element_isCarriedExactlyWhenTwoShiftsAreOneApartAndNothingElseMeetsThem(@ForAll("programs") Program prog) {
    IrFunction g = prog.on().program().function("gradient");
    boolean carried = g.locals().keySet().stream().anyMatch(l -> l.startsWith("C$b$carry"));
    assertEquals(prog.shape().carries(), carried, prog.toString());
  }
}
