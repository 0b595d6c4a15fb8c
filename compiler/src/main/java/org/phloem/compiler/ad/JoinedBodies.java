package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;
import org.phloem.compiler.optimize.Statements;

/**
 * Two loop bodies run one after the other in one iteration ({@link SweepTurnFusion}), without the work
 * the second repeats: the reverse body sets again the locals the forward body set ({@code observed =
 * y[i]}, {@code residual = modelled - observed}) and tests the same missing-observation condition. An
 * assignment of what its local still holds is dropped (the same expression, nothing it reads written
 * since: the same bits), and a branch right after one on the same condition, which the first branch's
 * code does not change, joins it. Without this, the fused loop is no faster than the two loops (it loads
 * and tests everything twice); with it, the reverse body's work runs in the shadow of the forward's cost
 * sum.
 */
final class JoinedBodies {
  private JoinedBodies() {}

  /** {@code first} then {@code second}, as one body. */
  static List<Stmt> join(List<Stmt> first, List<Stmt> second) {
    List<Stmt> code = new ArrayList<>(first);
    code.addAll(second);
    code = withoutRepeats(code, new HashMap<>());
    List<Stmt> joined = joinBranches(code);
    return joined.size() == code.size() ? code : withoutRepeats(joined, new HashMap<>());
  }

  /**
   * {@code code} without its assignments of what their local already holds after {@code before} (a
   * parameter read again for the reverse sweep, {@code b4 = p[3]}).
   */
  static List<Stmt> withoutRepeats(List<Stmt> before, List<Stmt> code) {
    Map<String, Expr> held = new HashMap<>();
    for (Stmt s : before) {
      // the top level only: a loop or branch before forgets what it writes (a function's whole forward sweep)
      if (s instanceof Stmt.Assign && ((Stmt.Assign) s).target() instanceof Ref.Local) {
        withoutRepeats(List.of(s), held);
      } else {
        forget(held, Statements.writes(List.of(s)));
      }
    }
    return withoutRepeats(code, held);
  }

  /** Adjacent branches on the same condition, which the first does not change, as one. */
  private static List<Stmt> joinBranches(List<Stmt> code) {
    List<Stmt> out = new ArrayList<>(code.size());
    for (Stmt s : code) {
      if (s instanceof Stmt.If && !out.isEmpty() && out.get(out.size() - 1) instanceof Stmt.If) {
        Stmt.If a = (Stmt.If) out.get(out.size() - 1);
        Stmt.If b = (Stmt.If) s;
        Set<String> written = Statements.writes(a.then());
        written.addAll(Statements.writes(a.otherwise()));
        if (a.cond().equals(b.cond()) && Reads.all(a.cond()).stream().noneMatch(written::contains)) {
          List<Stmt> then = new ArrayList<>(a.then());
          then.addAll(b.then());
          List<Stmt> otherwise = new ArrayList<>(a.otherwise());
          otherwise.addAll(b.otherwise());
          out.set(out.size() - 1, new Stmt.If(a.cond(), then, otherwise, a.line()));
          continue;
        }
      }
      out.add(s);
    }
    return out;
  }

  /**
   * {@code code} without assignments of what their local holds; {@code held} maps locals to the expression
   * they hold (whose reads nothing has written since), and is left as it holds after the code.
   */
  private static List<Stmt> withoutRepeats(List<Stmt> code, Map<String, Expr> held) {
    List<Stmt> out = new ArrayList<>(code.size());
    for (Stmt s : code) {
      if (s instanceof Stmt.Assign && ((Stmt.Assign) s).target() instanceof Ref.Local) {
        String v = ((Stmt.Assign) s).target().name();
        Expr e = ((Stmt.Assign) s).value();
        if (e.equals(held.get(v))) {
          continue;
        }
        forget(held, Set.of(v));
        if (!Reads.all(e).contains(v)) {
          held.put(v, e);
        }
        out.add(s);
      } else if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        Map<String, Expr> otherwise = new HashMap<>(held);
        List<Stmt> then = withoutRepeats(i.then(), held);
        List<Stmt> other = withoutRepeats(i.otherwise(), otherwise);
        held.entrySet().removeIf(h -> !h.getValue().equals(otherwise.get(h.getKey())));
        out.add(new Stmt.If(i.cond(), then, other, i.line()));
      } else if (s instanceof Stmt.For) {
        Stmt.For l = (Stmt.For) s;
        Set<String> written = Statements.writes(List.of(l));
        forget(held, written); // what the body writes may differ from the second iteration on
        List<Stmt> body = withoutRepeats(l.body(), new HashMap<>(held));
        out.add(new Stmt.For(l.index(), l.from(), l.to(), l.descending(), body, l.line()));
      } else {
        forget(held, Statements.writes(List.of(s)));
        out.add(s);
      }
    }
    return out;
  }

  /** Drops what {@code written} may have changed: their own entries and those of expressions reading them. */
  private static void forget(Map<String, Expr> held, Set<String> written) {
    held.keySet().removeAll(written);
    held.entrySet().removeIf(h -> Reads.all(h.getValue()).stream().anyMatch(written::contains));
  }
}
