package org.phloem.tests.ad;

import static net.jqwik.api.Tuple.of;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.phloem.tests.ad.Program.Cnd;
import org.phloem.tests.ad.Program.Ex;
import org.phloem.tests.ad.Program.Ix;
import org.phloem.tests.ad.Program.St;

/**
 * jqwik arbitraries of random {@link Program}s. Every node is built by combinators (no flatMap), so
 * jqwik shrinks a failing program part by part: statements are dropped, lists shortened, expressions
 * replaced by their first alternative (a leaf, the number 0.5), picks lowered. Alternatives are listed
 * simplest first for that reason.
 */
final class ProgramArbitraries {
  /** Expression depth in statements: deep enough for nested calls, reductions and conditionals. */
  private static final int EXPR_DEPTH = 3;
  /** Statement nesting: a loop or branch inside a loop or branch inside the time loop. */
  private static final int STMT_DEPTH = 2;

  // Arbitraries are immutable: each depth's is built once (building them is most of generating a program).
  private static final Map<Integer, Arbitrary<Ex>> EXPRS = new HashMap<>();
  private static final Map<Integer, Arbitrary<Cnd>> CONDS = new HashMap<>();
  private static final Map<Integer, Arbitrary<St>> STATEMENTS = new HashMap<>();

  private ProgramArbitraries() {}

  private static synchronized <T> Arbitrary<T> memo(Map<Integer, Arbitrary<T>> cache, int depth, Supplier<Arbitrary<T>> build) {
    Arbitrary<T> a = cache.get(depth);
    if (a == null) {
      a = build.get();
      cache.put(depth, a);
    }
    return a;
  }

  /** Random programs using every construct of the language. */
  static Arbitrary<Program> programs() {
    return Combinators.combine(expr(2), fnBody(), block(0, 3), block(0, 4), block(0, 3)).as(Program::new);
  }

  /**
   * Random programs whose time loop also adds {@code 0.1 * atan(forced)} to {@code tot}, so the
   * primitive in {@code forced} surely acts on the cost.
   */
  static Arbitrary<Program> programsUsing(Ex forced) {
    St use = new St.Assign(Program.Target.TOT, new Ix.At(0), new Ix.At(0), Program.Squash.ATAN, forced, true);
    return Combinators.combine(expr(2), fnBody(), block(0, 2), block(0, 2))
        .as((f1, f2, before, step) -> new Program(f1, f2, before, append(step, use), List.of()));
  }

  private static List<St> append(List<St> list, St last) {
    List<St> out = new java.util.ArrayList<>(list);
    out.add(last);
    return out;
  }

  private static Arbitrary<Program.FnBody> fnBody() {
    Arbitrary<Ex> e = expr(2);
    return Combinators.combine(e, cond(1), e, cond(1), e, e).as(Program.FnBody::new);
  }

  // ---- statements ----

  private static Arbitrary<List<St>> block(int depth, int max) {
    return Arbitraries.lazy(() -> statement(depth)).list().ofMaxSize(max);
  }

  private static Arbitrary<St> statement(int depth) {
    return memo(STATEMENTS, depth, () -> newStatement(depth));
  }

  private static Arbitrary<St> newStatement(int depth) {
    Arbitrary<St> assign = Combinators.combine(Arbitraries.of(Program.Target.values()), index(), index(),
        Arbitraries.of(Program.Squash.values()), expr(EXPR_DEPTH), Arbitraries.of(false, true)).as(St.Assign::new);
    Arbitrary<St> let = expr(EXPR_DEPTH).map(St.Let::new);
    if (depth >= STMT_DEPTH) {
      return Arbitraries.frequencyOf(of(5, assign), of(1, let));
    }
    Arbitrary<St> branch = Combinators.combine(cond(2), block(depth + 1, 3), block(depth + 1, 2)).as(St.If::new);
    Arbitrary<St> loop = Combinators.combine(Arbitraries.of(Program.Over.values()), block(depth + 1, 3)).as(St.For::new);
    Arbitrary<St> guard = Combinators.combine(pick(), block(depth + 1, 3)).as(St.Guard::new);
    return Arbitraries.frequencyOf(of(6, assign), of(2, let), of(2, branch), of(2, loop), of(2, guard));
  }

  private static Arbitrary<Integer> pick() {
    return Arbitraries.integers().between(0, 3);
  }

  private static Arbitrary<Ix> index() {
    return Arbitraries.frequencyOf(
        of(2, Arbitraries.integers().between(0, 3).map(Ix.At::new)),
        of(4, pick().map(Ix.Loop::new)),
        of(1, pick().map(Ix.Wrap::new)));
  }

  // ---- expressions ----

  static Arbitrary<Ex> expr(int depth) {
    return memo(EXPRS, depth, () -> newExpr(depth));
  }

  private static Arbitrary<Ex> newExpr(int depth) {
    Arbitrary<Ex> leaf = Arbitraries.frequencyOf(
        of(2, Arbitraries.of(0.5, 2.0, -0.7, 1.5).map(Ex.Num::new)),
        of(3, Arbitraries.of(Program.Scalar.values()).map(Ex.Read::new)),
        of(4, Combinators.combine(Arbitraries.of(Program.Array.values()), index(), index()).as(Ex.Get::new)),
        of(2, pick().map(Ex.Local::new)),
        of(1, pick().map(Ex.LoopValue::new)),
        of(1, Combinators.combine(Arbitraries.of(Program.Array.X, Program.Array.Z, Program.Array.OBS), pick()).as(Ex.Lagged::new)));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Ex> sub = Arbitraries.lazy(() -> expr(depth - 1));
    return Arbitraries.frequencyOf(
        of(4, leaf),
        of(1, sub.map(Ex.Neg::new)),
        of(4, Combinators.combine(Arbitraries.of('+', '-', '*', '/'), sub, sub).as(Ex.Arith::new)),
        of(4, Combinators.combine(Arbitraries.of(Program.Fn1.values()), sub).as(Ex.Unary::new)),
        of(2, Combinators.combine(Arbitraries.of(Program.Fn2.values()), sub, sub).as(Ex.Binary::new)),
        of(1, Combinators.combine(cond(depth - 1), sub, sub).as(Ex.IfElse::new)),
        of(1, Combinators.combine(Arbitraries.of(Program.ReduceOp.values()), Arbitraries.of(Program.Over.values()), sub)
            .as(Ex.Reduce::new)),
        of(1, Combinators.combine(pick(), sub, sub).as(Ex.Call::new)));
  }

  private static Arbitrary<Cnd> cond(int depth) {
    return memo(CONDS, depth, () -> newCond(depth));
  }

  private static Arbitrary<Cnd> newCond(int depth) {
    Arbitrary<Cnd> compare = Combinators.combine(Arbitraries.of("<", ">", "<=", ">="), expr(depth), expr(0))
        .as(Cnd.Compare::new);
    Arbitrary<Cnd> index = Combinators.combine(pick(), Arbitraries.of(">", "==", "!=", "<="), Arbitraries.integers().between(0, 3))
        .as(Cnd.IndexTest::new);
    if (depth == 0) {
      return Arbitraries.frequencyOf(of(2, compare), of(1, index));
    }
    Arbitrary<Cnd> sub = Arbitraries.lazy(() -> cond(depth - 1));
    return Arbitraries.frequencyOf(of(4, compare), of(2, index),
        of(1, Combinators.combine(sub, sub).as(Cnd.And::new)),
        of(1, Combinators.combine(sub, sub).as(Cnd.Or::new)),
        of(1, sub.map(Cnd.Not::new)));
  }
}
