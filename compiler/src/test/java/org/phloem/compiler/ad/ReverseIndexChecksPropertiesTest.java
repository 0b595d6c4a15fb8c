package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phloem.compiler.ad.Ir.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Stmt;

/**
 * Random time-stepped stencils on 2-D arrays ({@code C[row, col]}) whose column indices are shifted
 * ({@code j - 1}, {@code j}, {@code j + 1}) over loops that may run past either edge, each index checked
 * against its dim ({@code within}), some through an integer local that a later statement overwrites (so
 * the reverse sweep must restore it). The reverse sweep leaves out the checks its forward statement has
 * made ({@link ForwardCheckedIndices}): an index one column past the edge stays inside the flat array (it
 * is the next row's first element), so only the check reports it. Checked: the gradient stops with the
 * index fault exactly when the forward does, and otherwise agrees with finite differences, the
 * Hessian-vector product with finite differences of the gradient, and the dot-product test.
 */
class ReverseIndexChecksPropertiesTest {
  private static final int ROWS = 2;
  private static final int COLS = 4;
  private static final int STEPS = 2;
  private static final double[] P = {0.4, -0.7};
  private static final double[] DIR = {0.3, 0.8};
  private static final AtomicInteger NAMES = new AtomicInteger();

  @Provide
  Arbitrary<RandomModel> programs() {
    return statement().list().ofMinSize(1).ofMaxSize(4).map(ReverseIndexChecksPropertiesTest::wrap);
  }

  /** {@code array[r, col]} with the column checked against its dim. */
  private static Expr cell(String array, String r, IExpr col) {
    return at(array, flat(r, col));
  }

  private static IExpr flat(String r, IExpr col) {
    return iadd(imul(i(r), size("col")), IExpr.within(col, size("col")));
  }

  private static IExpr shifted(String j, int shift) {
    return shift == 0 ? i(j) : iadd(i(j), c(shift));
  }

  private static RandomModel wrap(List<Stmt> step) {
    List<Stmt> body = new ArrayList<>();
    body.add(set("J", n(0)));
    body.add(seti("q", c(0)));
    body.add(loop("z", c(0), c(ROWS * COLS), store("C", i("z"), n(0)), store("F", i("z"), n(0))));
    body.add(loop("c0", c(0), c(ROWS * COLS),
        store("C", i("c0"), mul(at("s", i("c0")), f(Prim.SIN, add(at("p", 0), at("s", i("c0"))))))));
    body.add(new Stmt.For("t", c(0), c(STEPS), false, step, 0));
    body.add(loop("e0", c(0), c(ROWS * COLS),
        set("J", add(v("J"), add(f(Prim.SIN, at("C", i("e0"))), mul(at("F", i("e0")), at("F", i("e0"))))))));
    body.add(set("J", add(v("J"), mul(at("p", 1), at("p", 1)))));
    IrFunction forward = function("forward", List.of("p"), "J", body.toArray(new Stmt[0]));
    Model m = new Model.Builder("edges").dim("row", ROWS).dim("col", COLS)
        .input("s", new double[] {0.3, -1.2, 0.8, 0.5, -0.4, 0.9, 1.1, -0.6}, "row", "col")
        .work("C", "row", "col").work("F", "row", "col")
        .param("p", 2, -1, 1)
        .build(forward);
    return new RandomModel(m.with(AutoDiff.differentiate(m.program())));
  }

  /**
   * One statement of a time step, over rows and a column range {@code lo .. hi - 1} that may leave the
   * dim by one at either end once shifted: a flux from two shifted cells, an update from two shifted
   * fluxes, or a nonlinear update through an integer local holding the shifted column.
   */
  private static Arbitrary<Stmt> statement() {
    Arbitrary<Integer> shift = Arbitraries.integers().between(-1, 1);
    Arbitrary<Integer> lo = Arbitraries.frequency(Tuple.of(4, 1), Tuple.of(1, 0));
    Arbitrary<Integer> hi = Arbitraries.frequency(Tuple.of(4, COLS - 1), Tuple.of(1, COLS));
    Arbitrary<Stmt> flux = Combinators.combine(shift, shift, lo, hi).as((a, b, from, to) -> {
      String r = fresh("r");
      String j = fresh("j");
      Expr value = sub(mul(add(at("p", 1), n(0.5)), cell("C", r, shifted(j, a))), mul(cell("s", r, i(j)), cell("C", r, shifted(j, b))));
      return loop(r, c(0), c(ROWS), loop(j, c(from), c(to), store("F", flat(r, i(j)), value)));
    });
    Arbitrary<Stmt> update = Combinators.combine(shift, shift, lo, hi).as((a, b, from, to) -> {
      String r = fresh("r");
      String j = fresh("j");
      Expr change = mul(cell("s", r, i(j)), sub(cell("F", r, shifted(j, a)), cell("F", r, shifted(j, b))));
      return loop(r, c(0), c(ROWS), loop(j, c(from), c(to), store("C", flat(r, i(j)), add(cell("C", r, i(j)), change))));
    });
    Arbitrary<Stmt> throughLocal = Combinators.combine(shift, lo, hi).as((a, from, to) -> {
      String r = fresh("r");
      String j = fresh("j");
      Expr value = mul(cell("C", r, i("q")), f(Prim.COS, mul(n(0.3), cell("F", r, i(j)))));
      return loop(r, c(0), c(ROWS), loop(j, c(from), c(to),
          seti("q", shifted(j, a)), store("C", flat(r, i(j)), value), seti("q", c(0))));
    });
    return Arbitraries.frequencyOf(Tuple.of(3, flux), Tuple.of(3, update), Tuple.of(2, throughLocal));
  }

  private static String fresh(String prefix) {
    return prefix + NAMES.incrementAndGet();
  }

  /** True when {@code run} stopped with an index out of range (the checks' and the JVM's fault). */
  private static boolean faults(Runnable run) {
    try {
      run.run();
      return false;
    } catch (IndexOutOfBoundsException e) {
      return true;
    }
  }

  @Property(tries = 150)
  void shiftedIndices_gradientFaultsExactlyWhenTheForwardDoes_andAgreesOtherwise(@ForAll("programs") RandomModel prog) {
    Runner r = new Runner(prog.model());
    boolean forwardFaults = faults(() -> r.forward(P));
    assertEquals(forwardFaults, faults(() -> r.gradient(P, new double[P.length])), "gradient faults as the forward does");
    assertEquals(forwardFaults, faults(() -> r.hessianVector(P, DIR, new double[P.length])), "Hessian-vector faults as the forward does");
    Assume.that(!forwardFaults);
    Checks.assertFiniteProgramAgrees(prog.model(), P, DIR);
  }

  @Example
  void aCheckedStencil_isCheckedInTheForwardSweepOnly() {
    Stmt flux = loop("r", c(0), c(ROWS), loop("j", c(1), c(COLS),
        store("F", flat("r", i("j")), mul(at("p", 1), cell("C", "r", shifted("j", -1))))));
    Stmt update = loop("r2", c(0), c(ROWS), loop("k", c(0), c(COLS - 1), store("C", flat("r2", i("k")),
        add(cell("C", "r2", i("k")), mul(cell("s", "r2", i("k")), sub(cell("F", "r2", i("k")), cell("F", "r2", shifted("k", 1))))))));
    Model m = wrap(List.of(flux, update)).model();
    String gradient = IrPrinter.print(m.program().function("gradient"));
    String reverse = gradient.substring(gradient.indexOf("J$b = 1"));
    assertTrue(gradient.substring(0, gradient.indexOf("J$b = 1")).contains("within(k + 1, size(col))"), gradient);
    assertTrue(!reverse.contains("within("), "the reverse sweep repeats only indices the forward sweep checked: " + reverse);
    Runner r = new Runner(m);
    assertTrue(Double.isFinite(r.forward(P)));
    Checks.assertAgreesWithReferences(r, P, DIR);
  }

  @Example
  void aStencilPastTheEdge_faultsInTheGradientToo() {
    // k + 1 reaches column COLS: inside the flat array (the next row), outside its dim
    Stmt update = loop("r", c(0), c(ROWS), loop("k", c(0), c(COLS), store("C", flat("r", i("k")),
        add(cell("C", "r", i("k")), mul(at("p", 1), cell("C", "r", shifted("k", 1)))))));
    Runner r = new Runner(wrap(List.of(update)).model());
    assertTrue(faults(() -> r.forward(P)));
    assertTrue(faults(() -> r.gradient(P, new double[P.length])));
  }
}
