package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import net.jqwik.api.Tuple;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Stmt;

/**
 * Random time-stepped stencils, the pattern of the 2-D transport: a state {@code C[j]} updated from
 * edge fluxes {@code F[e] = a C[e - 1] - b C[e]} and centre gradients {@code G[j]}, with coefficients
 * that several operands share, with either sign ({@code C[j] + q (F[j] - F[j + 1]) + q G[j]}), drawn from
 * an input array, an active local, a literal or a nonlinear function of the state. Their reverse code
 * reads each adjoint element once and computes each shared product once ({@link Adjoint}); the
 * derivatives are checked against finite differences and the dot-product identity.
 */
class StencilPropertiesTest {
  private static final int N = 4;
  private static final int STEPS = 3;
  private static final List<String> REALS = List.of("x0", "x1");
  private static final double[] P = {0.4, -0.7};
  private static final double[] DIR = {0.3, 0.8};
  private static final AtomicInteger LOOPS = new AtomicInteger();

  @Provide
  Arbitrary<RandomModel> programs() {
    return statement().list().ofMinSize(1).ofMaxSize(5).map(StencilPropertiesTest::wrap);
  }

  private static RandomModel wrap(List<Stmt> step) {
    List<Stmt> body = new ArrayList<>();
    body.add(set("J", n(0)));
    body.add(loop("z0", c(0), c(N), store("C", i("z0"), n(0)), store("G", i("z0"), n(0))));
    body.add(loop("z1", c(0), c(N + 1), store("F", i("z1"), n(0))));
    for (int k = 0; k < REALS.size(); k++) {
      body.add(set(REALS.get(k), at("p", k)));
    }
    body.add(loop("c0", c(0), c(N), store("C", i("c0"), mul(at("s", i("c0")), f(Prim.SIN, add(v("x0"), at("s", i("c0"))))))));
    body.add(new Stmt.For("t", c(0), c(STEPS), false, step, 0));
    body.add(loop("e0", c(0), c(N), set("J", add(v("J"), add(f(Prim.SIN, at("C", i("e0"))), mul(at("G", i("e0")), at("G", i("e0"))))))));
    body.add(loop("e1", c(0), c(N + 1), set("J", add(v("J"), f(Prim.TANH, at("F", i("e1")))))));
    for (String x : REALS) {
      body.add(set("J", add(v("J"), mul(v(x), v(x)))));
    }
    IrFunction forward = function("forward", List.of("p"), "J", body.toArray(new Stmt[0]));
    Model m = new Model.Builder("stencil").dim("cell", N).dim("edge", N + 1)
        .input("s", new double[] {0.3, -1.2, 0.8, 0.5}, "cell")
        .work("C", "cell").work("F", "edge").work("G", "cell")
        .param("p", 2, -1, 1)
        .build(forward);
    return new RandomModel(m.with(AutoDiff.differentiate(m.program())));
  }

  private static String fresh(String prefix) {
    return prefix + LOOPS.incrementAndGet();
  }

  /** One statement of a time step: a flux, a gradient or a state update loop, or a scalar gathering one. */
  private static Arbitrary<Stmt> statement() {
    Arbitrary<Stmt> flux = Combinators.combine(coefficient(), coefficient()).as((a, b) -> {
      String e = fresh("e");
      IExpr left = isub(i(e), c(1));
      return loop(e, c(1), c(N), store("F", i(e), sub(mul(bind(a, e), at("C", left)), mul(bind(b, e), at("C", i(e))))));
    });
    Arbitrary<Stmt> gradient = coefficient().map(a -> {
      String j = fresh("j");
      return loop(j, c(0), c(N - 1), store("G", i(j), mul(bind(a, j), sub(at("C", iadd(i(j), c(1))), at("C", i(j))))));
    });
    Arbitrary<Stmt> update = Combinators.combine(coefficient(), coefficient(), Arbitraries.of(false, true)).as((q, r, same) -> {
      String j = fresh("j");
      Expr qj = bind(q, j);
      Expr rj = same ? qj : bind(r, j);
      Expr change = add(mul(qj, sub(at("F", i(j)), at("F", iadd(i(j), c(1))))), mul(rj, sub(at("G", i(j)), at("F", i(j)))));
      return loop(j, c(0), c(N), store("C", i(j), add(at("C", i(j)), change)));
    });
    Arbitrary<Stmt> scalar = Combinators.combine(Arbitraries.of(REALS), coefficient()).as((x, q) -> {
      String j = fresh("j");
      Expr qj = bind(q, j);
      return loop(j, c(0), c(N), set(x, add(sub(v(x), mul(qj, at("C", i(j)))), mul(qj, at("G", i(j))))));
    });
    return Arbitraries.frequencyOf(Tuple.of(3, flux), Tuple.of(2, gradient), Tuple.of(4, update), Tuple.of(1, scalar));
  }

  /** A coefficient of the loop index {@code #}: filled in by {@link #bind}. */
  private static Arbitrary<String> coefficient() {
    return Arbitraries.of("input", "active", "literal", "nonlinear");
  }

  private static Expr bind(String kind, String index) {
    switch (kind) {
      case "input": return at("s", i(index));
      case "active": return mul(v("x1"), n(0.3));
      case "literal": return n(0.25);
      default: return mul(n(0.2), f(Prim.COS, at("C", i(index))));
    }
  }

  @Property(tries = 100)
  void stencils_derivativesAgreeWithReferences(@ForAll("programs") RandomModel prog) {
    Checks.assertFiniteProgramAgrees(prog.model(), P, DIR);
  }

  @Example
  void aStencilUpdate_readsItsAdjointOnceAndSharesItsProduct() {
    Stmt update = loop("j", c(0), c(N), store("C", i("j"), add(at("C", i("j")), mul(at("s", i("j")), sub(at("F", i("j")), at("F", iadd(i("j"), c(1))))))));
    Stmt flux = loop("e", c(1), c(N), store("F", i("e"), mul(v("x0"), at("C", isub(i("e"), c(1))))));
    Model m = wrap(List.of(flux, update)).model();
    String reverse = IrPrinter.print(m.program().function("gradient"));
    reverse = reverse.substring(reverse.indexOf("J$b = 1"));
    List<String> fluxAdjoints = reverse.lines().filter(l -> l.trim().startsWith("F$b[j")).toList();
    assertEquals(2, fluxAdjoints.size(), reverse);
    for (String line : fluxAdjoints) {
      assertTrue(!line.contains("*") && !line.contains("C$b"), "adds the shared product s[j] C$b[j] computed once: " + line);
    }
    assertEquals(1, reverse.lines().filter(l -> l.contains("= s[j] * ")).count(), reverse);
    Runner r = new Runner(m);
    assertTrue(Double.isFinite(r.forward(P)));
    Checks.assertAgreesWithReferences(r, P, DIR);
  }
}
