package org.phloem.compiler.ad;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.phloem.compiler.ad.Ir.*;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrPrinter;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Stmt;

/**
 * Random time loops over per-step arrays, the pattern the element-wise to-be-recorded analysis
 * ({@code analysis.IterationPrivate}) stops recording: {@code B[t]} and {@code C[t]} written and read
 * nonlinearly in the iteration, read before they are written, written twice, written in a branch or an
 * inner loop, and the two-dim {@code D[t * size(m) + j]} in an inner loop over {@code j}. Mixed in at
 * random are the accesses that must keep the recording: a neighbour's element ({@code B[(t + 1) % T]}),
 * and a whole-array use before the loop whose reverse code needs the values the loop overwrites. The
 * derivatives are checked against finite differences and the dot-product identity, and the checkpointed
 * adjoint against the plain one.
 */
class PerStepArrayPropertiesTest {
  private static final int T = 5;
  private static final int M = 2;
  private static final List<String> REALS = List.of("x0", "x1", "x2");
  private static final double[] P = {0.6, -0.3, 0.9};
  private static final double[] DIR = {-0.4, 0.7, 0.2};

  /** A random program, differentiated with the binomial schedule (2 snapshots) and with the nested one. */
  record Program(List<Stmt> body, boolean usedBefore, Model model, Model nested) {
    @Override
    public String toString() {
      return IrPrinter.print(model.program().function("forward"));
    }
  }

  @Provide
  Arbitrary<Program> programs() {
    return Combinators.combine(block(0), Arbitraries.of(false, true)).as(PerStepArrayPropertiesTest::wrap);
  }

  static Program wrap(List<Stmt> random, boolean usedBefore) {
    List<Stmt> body = new ArrayList<>();
    body.add(set("J", n(0)));
    // every run starts from zeros, as lowering initialises work arrays
    body.add(loop("z0", c(0), c(T), store("B", i("z0"), n(0)), store("C", i("z0"), n(0))));
    body.add(loop("z1", c(0), c(T * M), store("D", i("z1"), n(0))));
    for (int k = 0; k < REALS.size(); k++) {
      body.add(set(REALS.get(k), at("p", k)));
    }
    if (usedBefore) {
      // B and D hold values before the loop, and reverse code of code before the loop reads them
      body.add(loop("b0", c(0), c(T), store("B", i("b0"), mul(v("x0"), at("in", i("b0"))))));
      body.add(loop("b1", c(0), c(T * M), store("D", i("b1"), f(Prim.SIN, mul(v("x1"), at("in", c(1)))))));
      body.add(set("J", add(v("J"), mul(f(Prim.SIN, at("B", c(2))), f(Prim.EXP, at("D", c(3)))))));
    }
    body.add(new Stmt.For("t", c(0), c(T), false, random, 0));
    for (String x : REALS) {
      body.add(set("J", add(v("J"), mul(v(x), v(x)))));
    }
    body.add(loop("e0", c(0), c(T), set("J", add(v("J"), f(Prim.SIN, at("B", i("e0")))))));
    body.add(loop("e1", c(0), c(T), set("J", add(v("J"), f(Prim.SIN, at("C", i("e1")))))));
    body.add(loop("e2", c(0), c(T * M), set("J", add(v("J"), mul(at("D", i("e2")), at("D", i("e2")))))));
    Model m = new Model.Builder("perstep").dim("time", T).dim("m", M).dim("tm", T * M)
        .input("in", new double[] {0.3, -1.2, 2.0, 0.8, -0.5}, "time")
        .work("B", "time").work("C", "time").work("D", "time", "m")
        .param("p", 3, -1, 1)
        .build(function("forward", List.of("p"), "J", body.toArray(new Stmt[0])));
    return new Program(random, usedBefore, m.with(AutoDiff.differentiate(m.program(), CheckpointOptions.revolve(2))),
        m.with(AutoDiff.differentiate(m.program(), CheckpointOptions.always(0, 2))));
  }

  /** Fresh loop index names: lowering gives every loop its own, and the analysis follows loops by index. */
  private static final java.util.concurrent.atomic.AtomicInteger LOOPS = new java.util.concurrent.atomic.AtomicInteger();

  private static String fresh(String prefix) {
    return prefix + LOOPS.incrementAndGet();
  }

  private static Arbitrary<List<Stmt>> block(int depth) {
    return statement(depth).list().ofMinSize(1).ofMaxSize(depth == 0 ? 6 : 3);
  }

  private static Arbitrary<Stmt> statement(int depth) {
    Arbitrary<Stmt> local = Combinators.combine(Arbitraries.of(REALS), squashed()).as((x, e) -> set(x, e));
    Arbitrary<Stmt> perStep = Combinators.combine(Arbitraries.of("B", "C"), squashed()).as((a, e) -> store(a, i("t"), e));
    Arbitrary<Stmt> neighbour = squashed().map(e -> store("B", new IExpr.Bin(IExpr.IOp.MOD, iadd(i("t"), c(1)), c(T)), e));
    Arbitrary<Stmt> twoDim = squashed().map(e -> {
      String j = fresh("j");
      IExpr at = iadd(imul(i("t"), size("m")), i(j));
      return loop(j, c(0), size("m"), store("D", at, mul(e, f(Prim.COS, at("D", at)))));
    });
    if (depth >= 1) {
      return Arbitraries.frequencyOf(Tuple.of(3, local), Tuple.of(4, perStep));
    }
    Arbitrary<Stmt> branch = Combinators.combine(expr(1), block(depth + 1), block(depth + 1))
        .as((e, t, o) -> when(cmp(Cond.CmpOp.GT, e, n(0.1)), t, o));
    Arbitrary<Stmt> inner = block(depth + 1).map(b -> new Stmt.For(fresh("q"), c(0), c(2), false, b, 0));
    return Arbitraries.frequencyOf(Tuple.of(3, local), Tuple.of(5, perStep), Tuple.of(1, neighbour), Tuple.of(2, twoDim),
        Tuple.of(1, branch), Tuple.of(1, inner));
  }

  private static Arbitrary<Expr> squashed() {
    return Combinators.combine(Arbitraries.of(Prim.SIN, Prim.TANH, Prim.ADD), expr(3))
        .as((p, e) -> p == Prim.ADD ? mul(n(0.5), add(e, n(0.2))) : f(p, e));
  }

  private static Arbitrary<Expr> expr(int depth) {
    Arbitrary<Expr> leaf = Arbitraries.oneOf(
        Arbitraries.of(REALS).map(Ir::v),
        Arbitraries.of("B", "C").map(a -> at(a, i("t"))),
        Arbitraries.just(at("in", i("t"))),
        Arbitraries.of(0.5, 2.0, -1.5).map(Ir::n));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Expr> sub = Arbitraries.lazy(() -> expr(depth - 1));
    Arbitrary<Expr> unary = Combinators.combine(Arbitraries.of(Prim.SIN, Prim.EXP, Prim.TANH, Prim.NEG), sub)
        .as((p, a) -> p == Prim.EXP ? f(p, f(Prim.SIN, a)) : f(p, a));
    Arbitrary<Expr> binary = Combinators.combine(Arbitraries.of(Prim.ADD, Prim.MUL, Prim.DIV, Prim.POW), sub, sub)
        .as((p, a, b) -> {
          switch (p) {
            case DIV: return div(a, add(n(1.5), f(Prim.SIN, b)));
            case POW: return f(Prim.POW, add(n(1), mul(a, a)), f(Prim.SIN, b));
            default: return f(p, a, b);
          }
        });
    return Arbitraries.frequencyOf(Tuple.of(3, leaf), Tuple.of(3, unary), Tuple.of(3, binary));
  }

  @Property(tries = 100)
  void perStepArrays_derivativesAgreeWithReferences(@ForAll("programs") Program prog) {
    Checks.assertFiniteProgramAgrees(prog.model(), P, DIR);
  }

  @Property(tries = 60)
  void perStepArrays_checkpointedAdjointAgreesWithThePlainOne(@ForAll("programs") Program prog) {
    for (Model m : List.of(prog.model(), prog.nested())) {
      Checks.assertCheckpointedMatchesPlain(m, P, DIR);
    }
  }
}
