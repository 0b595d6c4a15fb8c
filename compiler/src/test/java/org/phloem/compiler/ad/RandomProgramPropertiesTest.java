package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phloem.compiler.ad.Ir.*;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Stmt;

/**
 * Random IR programs (shrunk by jqwik to a minimal failing one): assignments to scalars and array
 * elements, overwrites that read what they overwrite, an integer local stepped modulo the array size
 * and used in indices and loop bounds, loops, and branches on active values. Every assigned value is
 * squashed into a bounded range so no program overflows.
 */
class RandomProgramPropertiesTest {
  private static final int N = 4;
  private static final List<String> REALS = List.of("x0", "x1", "x2", "x3");
  private static final double[] P = {0.7, -0.4, 1.1};
  private static final double[] DIR = {0.3, -0.8, 0.5};

  /** A random body and the model built around it. */
  record Program(List<Stmt> body, Model model) {
    @Override
    public String toString() {
      return IrPrinter.print(model.program().function("forward"));
    }
  }

  @Provide
  Arbitrary<Program> programs() {
    return block(0, List.of()).map(RandomProgramPropertiesTest::wrap);
  }

  private static Program wrap(List<Stmt> random) {
    return wrap(random, CheckpointOptions.defaults());
  }

  private static Program wrap(List<Stmt> random, CheckpointOptions options) {
    List<Stmt> body = new ArrayList<>();
    body.add(set("J", n(0)));
    for (int k = 0; k < 3; k++) {
      body.add(set(REALS.get(k), at("p", k)));
    }
    body.add(set("x3", n(0.5)));
    body.add(seti("k", c(1)));
    body.add(loop("i", c(0), c(N), store("A", i("i"), mul(n(0.1), at("in", i("i"))))));
    body.addAll(random);
    for (String x : REALS) {
      body.add(set("J", add(v("J"), mul(v(x), v(x)))));
    }
    body.add(loop("i", c(0), c(N), set("J", add(v("J"), mul(at("A", i("i")), at("A", i("i")))))));
    Model m = new Model.Builder("random").dim("n", N)
        .input("in", new double[] {0.3, -1.2, 2.0, 0.8}, "n")
        .work("A", "n")
        .param("p", 3, -1, 1)
        .build(function("forward", List.of("p"), "J", body.toArray(new Stmt[0])));
    return new Program(random, m.with(AutoDiff.differentiate(m.program(), options)));
  }

  private static Arbitrary<List<Stmt>> block(int depth, List<String> loops) {
    return statement(depth, loops).list().ofMinSize(1).ofMaxSize(depth == 0 ? 6 : 3);
  }

  private static Arbitrary<Stmt> statement(int depth, List<String> loops) {
    Arbitrary<Stmt> assignLocal = Combinators.combine(Arbitraries.of(REALS), squashed(loops))
        .as((x, e) -> set(x, e));
    Arbitrary<Stmt> assignElement = Combinators.combine(index(loops), squashed(loops))
        .as((idx, e) -> store("A", idx, e));
    Arbitrary<Stmt> step = Arbitraries.just(seti("k", new IExpr.Bin(IExpr.IOp.MOD, iadd(i("k"), c(1)), c(N))));
    if (depth >= 2) {
      return Arbitraries.frequencyOf(
          net.jqwik.api.Tuple.of(4, assignLocal), net.jqwik.api.Tuple.of(3, assignElement), net.jqwik.api.Tuple.of(1, step));
    }
    String j = "j" + depth;
    List<String> inner = new ArrayList<>(loops);
    inner.add(j);
    Arbitrary<Stmt> forLoop = Combinators.combine(Arbitraries.of(c(N), iadd(i("k"), c(1))), block(depth + 1, inner))
        .as((to, body) -> new Stmt.For(j, c(0), to, false, body, 0));
    Arbitrary<Stmt> branch = Combinators.combine(expr(1, loops), block(depth + 1, loops), block(depth + 1, loops))
        .as((e, t, o) -> when(cmp(Cond.CmpOp.GT, e, n(0.1)), t, o));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, assignLocal), net.jqwik.api.Tuple.of(3, assignElement), net.jqwik.api.Tuple.of(1, step),
        net.jqwik.api.Tuple.of(1, forLoop), net.jqwik.api.Tuple.of(1, branch));
  }

  private static Arbitrary<IExpr> index(List<String> loops) {
    List<IExpr> choices = new ArrayList<>(List.of(c(0), c(2), i("k")));
    for (String j : loops) {
      choices.add(i(j));
      choices.add(new IExpr.Bin(IExpr.IOp.MOD, iadd(i(j), c(1)), c(N)));
    }
    return Arbitraries.of(choices);
  }

  /** A random expression passed through a bounded function, so values stay in a modest range. */
  private static Arbitrary<Expr> squashed(List<String> loops) {
    return Combinators.combine(Arbitraries.of(Prim.SIN, Prim.TANH, Prim.ATAN, Prim.ADD), expr(3, loops))
        .as((p, e) -> p == Prim.ADD ? mul(n(0.5), add(e, n(0.2))) : f(p, e));
  }

  private static Arbitrary<Expr> expr(int depth, List<String> loops) {
    Arbitrary<Expr> leaf = Arbitraries.oneOf(
        Arbitraries.of(REALS).map(Ir::v),
        index(loops).map(idx -> at("A", idx)),
        index(loops).map(idx -> at("in", idx)),
        Arbitraries.of(0.5, 2.0, -1.5).map(Ir::n));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Expr> sub = Arbitraries.lazy(() -> expr(depth - 1, loops));
    Arbitrary<Expr> unary = Combinators.combine(
        Arbitraries.of(Prim.SIN, Prim.COS, Prim.TANH, Prim.ATAN, Prim.EXP, Prim.NEG, Prim.ABS), sub)
        .as((p, a) -> p == Prim.EXP ? f(p, f(Prim.SIN, a)) : f(p, a));
    Arbitrary<Expr> binary = Combinators.combine(
        Arbitraries.of(Prim.ADD, Prim.SUB, Prim.MUL, Prim.MIN, Prim.MAX, Prim.DIV, Prim.POW), sub, sub)
        .as((p, a, b) -> {
          switch (p) {
            case DIV: return div(a, add(n(1.5), f(Prim.SIN, b)));              // denominator in [0.5, 2.5]
            case POW: return f(Prim.POW, add(n(1), mul(a, a)), f(Prim.SIN, b)); // positive base
            default: return f(p, a, b);
          }
        });
    Arbitrary<Expr> select = Combinators.combine(sub, sub, sub)
        .as((c, a, b) -> select(cmp(Cond.CmpOp.LT, c, n(0)), a, b));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(3, unary), net.jqwik.api.Tuple.of(3, binary),
        net.jqwik.api.Tuple.of(1, select));
  }

  @Property(tries = 150)
  void randomProgram_derivativesAgreeWithReferences(@ForAll("programs") Program prog) {
    Runner r = new Runner(prog.model());
    double j = r.forward(P);
    Assume.that(Double.isFinite(j));
    double[] g = new double[P.length];
    assertEquals(j, r.gradient(P, g), "gradient returns forward's cost");
    assertEquals(j, r.tangent(P, DIR)[0], "tangent returns forward's cost");
    assertEquals(j, r.hessianVector(P, DIR, new double[P.length]), "hessianVector returns forward's cost");
    Checks.assertAgreesWithReferences(r, P, DIR);
  }

  /**
   * The checkpointed adjoint (a top-level loop of constant length that records, split into √7 → 3
   * segments) gives the plain adjoint's gradient and Hessian-vector product: the random bodies carry
   * scalars, array elements at computed indices, and the stepped integer local from one iteration to the
   * next, which is what its snapshots must get right.
   */
  @Property(tries = 150)
  void randomProgram_checkpointedAdjointAgreesWithThePlainOne(@ForAll("programs") Program random) {
    // the random body as the body of a time loop of 7 steps, under the binomial schedule with 2
    // snapshots (the loop is re-run from them) and under the nested one
    for (CheckpointOptions options : List.of(CheckpointOptions.revolve(2), CheckpointOptions.always(0, 2))) {
      Program prog = wrap(List.of(new Stmt.For("T", c(0), c(7), false, random.body(), 0)), options);
      Assume.that(prog.model().program().functions().containsKey(AutoDiff.GRADIENT_CHECKPOINTED));
      Runner plain = new Runner(prog.model());
      Runner ckpt = new Runner(prog.model());
      Assume.that(Double.isFinite(plain.forward(P)));
      double[] g = new double[P.length];
      double[] gc = new double[P.length];
      double j = plain.gradient(P, g);
      assertEquals(j, ckpt.run(AutoDiff.GRADIENT_CHECKPOINTED, P, gc)[0], "checkpointed gradient returns forward's cost");
      double[] hv = new double[P.length];
      double[] hvc = new double[P.length];
      plain.hessianVector(P, DIR, hv);
      ckpt.run(AutoDiff.HESSIAN_VECTOR_CHECKPOINTED, P, DIR, hvc);
      for (int k = 0; k < P.length; k++) {
        assertEquals(g[k], gc[k], 1e-12 * Math.max(1, Math.abs(g[k])), "gradient slot " + k);
        assertEquals(hv[k], hvc[k], 1e-12 * Math.max(1, Math.abs(hv[k])), "Hessian-vector slot " + k);
      }
    }
  }
}
