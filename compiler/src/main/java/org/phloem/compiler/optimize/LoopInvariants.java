package org.phloem.compiler.optimize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * Loop-invariant code motion of pure expressions. In a loop with constant bounds that runs at least
 * once, a statement of its body (not one nested in a branch) that assigns a local the result of an
 * operation, when nothing it reads is written in the loop, the local is assigned nowhere else in the loop
 * and not read in the body before it, moves before the loop; and in any assignment of the body, an
 * operand with a transcendental
 * function (exp, pow, sqrt, ...) or a division that reads nothing the loop writes is computed once before the loop into
 * a new local. The loop runs its body at least once, so nothing is computed that was not computed before,
 * and the values are the same, bit for bit: the same operations on operands the loop does not change.
 * Inner loops go first, so an expression leaves every loop it does not depend on (BETHY's Arrhenius
 * factors depend on the leaf temperature only: they leave the loops over quadrature nodes and canopy
 * layers, 9 evaluations become 1). The branches of a select are not searched: only the one taken runs.
 * Copies of a literal or of one element stay where they are: moving them saves nothing, and the sites
 * model's observation loop ({@code observed = nee_obs[d]}, {@code obs_sd = 1}) with them moved out of
 * its loop over sites made the gradient a third slower.
 */
final class LoopInvariants {
  private final Function<String, String> freshReal;

  private LoopInvariants(Function<String, String> freshReal) {
    this.freshReal = freshReal;
  }

  /** {@code body} with invariant code moved out of loops; {@code freshReal} names and declares a new real local. */
  static List<Stmt> hoist(List<Stmt> body, Function<String, String> freshReal) {
    return new LoopInvariants(freshReal).block(body);
  }

  private List<Stmt> block(List<Stmt> code) {
    return Statements.rewriteLoops(code, (f, body, before) -> runsAtLeastOnce(f) ? hoistFrom(f, body, before) : body);
  }

  private static boolean runsAtLeastOnce(Stmt.For f) {
    return f.from() instanceof IExpr.Const && f.to() instanceof IExpr.Const
        && ((IExpr.Const) f.to()).value() > ((IExpr.Const) f.from()).value();
  }

  /** {@code body} of loop {@code f} without what moves to {@code before}. */
  private List<Stmt> hoistFrom(Stmt.For f, List<Stmt> body, List<Stmt> before) {
    Map<String, Integer> writes = new HashMap<>();
    Statements.countWrites(body, writes);
    Set<String> variant = new LinkedHashSet<>(writes.keySet());
    variant.add(f.index());
    Set<String> readBefore = new LinkedHashSet<>();
    List<Stmt> kept = new ArrayList<>(body.size());
    for (Stmt s : body) {
      Set<String> reads = Statements.readsDeep(s);
      if (s instanceof Stmt.Assign) {
        Stmt.Assign a = (Stmt.Assign) s;
        String x = a.target().name();
        if (a.target() instanceof Ref.Local && a.value() instanceof Expr.Call && writes.get(x) == 1 && !readBefore.contains(x)
            && disjoint(reads, variant)) {
          before.add(s);
          variant.remove(x);
          readBefore.addAll(reads);
          continue;
        }
        Expr value = extract(a.value(), variant, a.line(), before);
        s = value == a.value() ? s : new Stmt.Assign(a.target(), value, a.line());
      }
      readBefore.addAll(reads);
      kept.add(s);
    }
    return kept;
  }

  /**
   * {@code e} with its largest operands that have a transcendental function and read nothing
   * {@code variant} read from new locals computed in {@code before}. The branches of a select are left
   * alone (only the one taken runs).
   */
  private Expr extract(Expr e, Set<String> variant, int line, List<Stmt> before) {
    if (!(e instanceof Expr.Call)) {
      return e;
    }
    Set<String> reads = Reads.all(e);
    if (costly(e) && !reads.isEmpty() && disjoint(reads, variant)) {
      String h = freshReal.apply("invariant");
      before.add(new Stmt.Assign(new Ref.Local(h), e, line));
      return new Expr.Get(new Ref.Local(h));
    }
    Expr.Call c = (Expr.Call) e;
    List<Expr> args = new ArrayList<>(c.args().size());
    boolean same = true;
    for (Expr a : c.args()) {
      Expr b = extract(a, variant, line, before);
      same &= b == a;
      args.add(b);
    }
    return same ? e : new Expr.Call(c.prim(), args);
  }

  /** True when {@code e} applies a transcendental function or divides, outside the branches of a select. */
  private static boolean costly(Expr e) {
    if (!(e instanceof Expr.Call)) {
      return false;
    }
    Expr.Call c = (Expr.Call) e;
    if (!c.prim().arithmetic() || c.prim() == Prim.DIV) {
      return true;
    }
    for (Expr a : c.args()) {
      if (costly(a)) {
        return true;
      }
    }
    return false;
  }

  private static boolean disjoint(Set<String> a, Set<String> b) {
    for (String n : a) {
      if (b.contains(n)) {
        return false;
      }
    }
    return true;
  }
}
