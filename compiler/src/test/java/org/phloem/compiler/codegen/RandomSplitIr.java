package org.phloem.compiler.codegen;

import static net.jqwik.api.Tuple.of;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrOutput;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.OutputInfo;
import org.phloem.runtime.data.BoundData;
import org.phloem.runtime.data.DimSpec;
import org.phloem.runtime.data.InputSpec;

/**
 * Random forward IR programs shaped to exercise method splitting: scalars carried from statement to
 * statement and from one time step to the next (so they cross helpers and live in the frame), an
 * integer local stepped and used in indices and loop bounds, loops that may run zero times (a local
 * written only inside one must keep its value), nested loops and branches, conditional expressions.
 * The body runs inside a time loop of a few steps, so differentiating with checkpoints forced on also
 * gives checkpointed sweeps. Every stored value is squashed into a bounded range.
 */
final class RandomSplitIr {
  static final int N = 4;
  static final double[] INPUT = {0.3, -1.2, 2.0, 0.8};
  private static final List<String> REALS = List.of("x0", "x1", "x2", "x3", "x4");

  private RandomSplitIr() {}

  /** The data every program binds to. */
  static BoundData data() {
    return new BoundData(Map.of(), Map.of(), Map.of("in", INPUT.clone()));
  }

  static Arbitrary<IrProgram> programs() {
    return block(0, List.of()).map(RandomSplitIr::program);
  }

  /** The random statements inside a time loop, with set-up before and the cost after. */
  static IrProgram program(List<Stmt> random) {
    List<Stmt> body = new ArrayList<>();
    body.add(set("J", num(0)));
    for (int k = 0; k < REALS.size(); k++) {
      body.add(set(REALS.get(k), elem("p", IExpr.of(k % 3))));
    }
    body.add(new Stmt.SetInt("k", IExpr.of(1)));
    body.add(loop("i", IExpr.of(N), store("A", IExpr.local("i"), Expr.mul(num(0.1), elem("in", IExpr.local("i"))))));
    body.add(loop("t", IExpr.of(5), random.toArray(new Stmt[0])));
    for (String x : REALS) {
      body.add(set("J", Expr.add(Expr.local("J"), Expr.mul(Expr.local(x), Expr.local(x)))));
    }
    body.add(loop("i", IExpr.of(N),
        set("J", Expr.add(Expr.local("J"), Expr.mul(elem("A", IExpr.local("i")), elem("A", IExpr.local("i")))))));
    Map<String, ScalarType> locals = new LinkedHashMap<>();
    locals.put("J", ScalarType.REAL);
    REALS.forEach(x -> locals.put(x, ScalarType.REAL));
    for (String i : List.of("k", "m", "i", "t", "j0", "j1")) {
      locals.put(i, ScalarType.INT);
    }
    IrFunction forward = new IrFunction("forward", List.of("p"), List.of("J"), locals, body);
    double[] unbounded = {Double.NEGATIVE_INFINITY};
    return new IrProgram("random", "random split program", "random.phl", List.of(),
        List.of(new DimSpec("n", N, 0), new DimSpec("three", 3, 0)),
        List.of(new InputSpec("in", List.of("n"), null, null, false, 0)),
        List.of(new ModelLayout.ParamLayout("p", List.of("three"), new double[] {0}, new double[] {1}, unbounded,
            new double[] {Double.POSITIVE_INFINITY}, false, "", "", 0)),
        List.of(new ModelLayout.ArraySlot("in", List.of("n"), ModelLayout.Fill.INPUT, null),
            new ModelLayout.ArraySlot("A", List.of("n"), ModelLayout.Fill.WORK, null)),
        List.of(new IrOutput("A", "", OutputInfo.Role.OUTPUT, "A", null)),
        List.of(),
        Map.of("forward", forward));
  }

  private static Arbitrary<List<Stmt>> block(int depth, List<String> loops) {
    return statement(depth, loops).list().ofMinSize(1).ofMaxSize(depth == 0 ? 8 : 3);
  }

  private static Arbitrary<Stmt> statement(int depth, List<String> loops) {
    Arbitrary<Stmt> assignLocal = Combinators.combine(Arbitraries.of(REALS), squashed(loops)).as(RandomSplitIr::set);
    Arbitrary<Stmt> assignElement = Combinators.combine(index(loops), squashed(loops)).as((i, e) -> store("A", i, e));
    Arbitrary<Stmt> step = Arbitraries.just(new Stmt.SetInt("k", new IExpr.Bin(IExpr.IOp.MOD, IExpr.plus(IExpr.local("k"), IExpr.of(1)), IExpr.of(N))));
    Arbitrary<Stmt> copyIndex = index(loops).map(i -> new Stmt.SetInt("m", i));
    if (depth >= 2) {
      return Arbitraries.frequencyOf(of(4, assignLocal), of(3, assignElement), of(1, step), of(1, copyIndex));
    }
    String j = "j" + depth;
    List<String> inner = new ArrayList<>(loops);
    inner.add(j);
    // bound k may be 0: a loop that does not run
    Arbitrary<Stmt> forLoop = Combinators.combine(Arbitraries.of(IExpr.of(N), IExpr.local("k"), IExpr.local("m")),
            Arbitraries.of(false, true), block(depth + 1, inner))
        .as((to, descending, body) -> new Stmt.For(j, IExpr.of(0), to, descending, body, 0));
    Arbitrary<Cond> cond = Arbitraries.oneOf(
        expr(1, loops).map(e -> new Cond.Compare(Cond.CmpOp.GT, e, num(0.1))),
        Arbitraries.just(new Cond.IntCompare(Cond.CmpOp.LT, IExpr.local("k"), IExpr.of(2))));
    Arbitrary<Stmt> branch = Combinators.combine(cond, block(depth + 1, loops), block(depth + 1, loops).injectNull(0.3))
        .as((c, t, o) -> new Stmt.If(c, t, o == null ? List.of() : o, 0));
    return Arbitraries.frequencyOf(of(4, assignLocal), of(3, assignElement), of(1, step), of(1, copyIndex),
        of(2, forLoop), of(2, branch));
  }

  private static Arbitrary<IExpr> index(List<String> loops) {
    List<IExpr> choices = new ArrayList<>(List.of(IExpr.of(0), IExpr.of(2), IExpr.local("k"),
        new IExpr.Bin(IExpr.IOp.MOD, IExpr.local("m"), IExpr.of(N))));
    for (String j : loops) {
      choices.add(IExpr.local(j));
      choices.add(new IExpr.Bin(IExpr.IOp.MOD, IExpr.plus(IExpr.local(j), IExpr.of(1)), IExpr.of(N)));
    }
    return Arbitraries.of(choices);
  }

  /** A random expression through a bounded function, so values stay modest. */
  private static Arbitrary<Expr> squashed(List<String> loops) {
    return Combinators.combine(Arbitraries.of(Prim.SIN, Prim.TANH, Prim.ATAN), expr(3, loops))
        .as((p, e) -> Expr.call(p, e));
  }

  private static Arbitrary<Expr> expr(int depth, List<String> loops) {
    Arbitrary<Expr> leaf = Arbitraries.oneOf(
        Arbitraries.of(REALS).map(Expr::local),
        index(loops).map(i -> elem("A", i)),
        index(loops).map(i -> elem("in", i)),
        Arbitraries.just(new Expr.ToReal(IExpr.local("k"))),
        Arbitraries.of(0.5, 2.0, -1.5).map(RandomSplitIr::num));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Expr> sub = Arbitraries.lazy(() -> expr(depth - 1, loops));
    Arbitrary<Expr> unary = Combinators.combine(Arbitraries.of(Prim.SIN, Prim.COS, Prim.TANH, Prim.NEG, Prim.ABS), sub)
        .as((p, a) -> Expr.call(p, a));
    Arbitrary<Expr> binary = Combinators.combine(Arbitraries.of(Prim.ADD, Prim.SUB, Prim.MUL, Prim.MAX, Prim.DIV), sub, sub)
        .as((p, a, b) -> p == Prim.DIV ? Expr.div(a, Expr.add(num(1.5), Expr.call(Prim.SIN, b))) : Expr.call(p, a, b));
    Arbitrary<Expr> select = Combinators.combine(sub, sub, sub)
        .as((c, a, b) -> new Expr.Select(new Cond.Compare(Cond.CmpOp.LT, c, num(0)), a, b));
    return Arbitraries.frequencyOf(of(3, leaf), of(3, unary), of(3, binary), of(1, select));
  }

  private static Expr num(double v) {
    return new Expr.Num(v);
  }

  private static Expr elem(String array, IExpr index) {
    return Expr.elem(array, index);
  }

  private static Stmt set(String local, Expr value) {
    return new Stmt.Assign(new Ref.Local(local), value, 0);
  }

  private static Stmt store(String array, IExpr index, Expr value) {
    return new Stmt.Assign(new Ref.Elem(array, index), value, 0);
  }

  private static Stmt loop(String index, IExpr to, Stmt... body) {
    return new Stmt.For(index, IExpr.of(0), to, false, List.of(body), 0);
  }
}
