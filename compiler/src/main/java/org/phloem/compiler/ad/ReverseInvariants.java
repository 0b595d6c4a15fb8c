package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.analysis.Recomputable;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;
import org.phloem.compiler.optimize.Statements;

/**
 * Loop-invariant partials leave the reverse sweep's loops. The forward's invariants have left their
 * loops before differentiation ({@code optimize.LoopInvariants}), but the partials of the code that
 * reads them are new: the reverse of BETHY's {@code jc = vmax (ci - Γ*) / (ci + Kc (1 + O/Ko))} needs
 * {@code 1 / (ci + Kc (1 + O/Ko))} and {@code ci - Γ*}, of {@code je} {@code 1 / (4 (ci + 2 Γ*))}: the
 * same numbers for every canopy layer and quadrature node of a tile-month, computed in each (nine
 * divisions where one does), inside the {@code if (ȳ != 0)} guard of the partials.
 *
 * <p>In a reverse loop with constant bounds, an assignment (at any depth of its body) of an operation
 * to a local moves before the loop when: it reads locals (not only literals, which the JIT folds) and
 * literals only (no array element, whose
 * index a branch may protect) and none the loop writes; the local is assigned nowhere else in the loop;
 * and the local is read only after it in its own block (a guard's partials' temporaries), so that
 * computing it also where the guard fails changes nothing. Inner loops go first, so a value leaves
 * every loop it does not depend on. The same operations on the same operands: the same values.
 */
final class ReverseInvariants {
  /** How many statements read each name in the whole function. */
  private final Map<String, Integer> readers;

  private ReverseInvariants(List<Stmt> function) {
    this.readers = new HashMap<>();
    countReaders(function, readers);
  }

  /**
   * {@code code} (a part of {@code function}'s reverse sweep) with invariant partials moved out of its
   * loops.
   */
  static List<Stmt> hoist(List<Stmt> code, List<Stmt> function) {
    return new ReverseInvariants(function).block(code);
  }

  private List<Stmt> block(List<Stmt> code) {
    return Statements.rewriteLoops(code, (f, body, before) -> {
      if (!constantBounds(f)) {
        return body;
      }
      Set<String> variant = new HashSet<>();
      Map<String, Integer> writes = new HashMap<>();
      Statements.countWrites(body, writes);
      variant.addAll(writes.keySet());
      variant.add(f.index());
      return hoistFrom(body, variant, writes, before);
    });
  }

  private static boolean constantBounds(Stmt.For f) {
    return f.from() instanceof IExpr.Const && f.to() instanceof IExpr.Const;
  }

  /** {@code code} (a block of the loop's body) without the assignments that move to {@code before}. */
  private List<Stmt> hoistFrom(List<Stmt> code, Set<String> variant, Map<String, Integer> writes, List<Stmt> before) {
    List<Stmt> kept = new ArrayList<>(code.size());
    for (int k = 0; k < code.size(); k++) {
      Stmt s = code.get(k);
      if (s instanceof Stmt.Assign && movable((Stmt.Assign) s, code.subList(k + 1, code.size()), variant, writes)) {
        before.add(s);
        variant.remove(((Stmt.Assign) s).target().name());
        continue;
      }
      if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        s = i.withBranches(hoistFrom(i.then(), variant, writes, before), hoistFrom(i.otherwise(), variant, writes, before));
      }
      // nested loops went first (block): what is left in them depends on their index
      kept.add(s);
    }
    return kept;
  }

  private boolean movable(Stmt.Assign a, List<Stmt> after, Set<String> variant, Map<String, Integer> writes) {
    if (!(a.target() instanceof Ref.Local) || !(a.value() instanceof Expr.Call)) {
      return false;
    }
    String x = a.target().name();
    Set<String> reads = Reads.all(a.value());
    if (writes.get(x) != 1 || !localsOnly(a.value()) || reads.isEmpty()) {
      return false; // a constant stays: the JIT folds it
    }
    for (String n : reads) {
      if (variant.contains(n)) {
        return false;
      }
    }
    Map<String, Integer> here = new HashMap<>();
    countReaders(after, here);
    return here.getOrDefault(x, 0).equals(readers.getOrDefault(x, 0));
  }

  /** True when {@code e} reads locals and literals only. */
  private static boolean localsOnly(Expr e) {
    if (e instanceof Expr.Num) {
      return true;
    }
    if (e instanceof Expr.Get) {
      return ((Expr.Get) e).ref() instanceof Ref.Local;
    }
    if (e instanceof Expr.Call) {
      for (Expr a : ((Expr.Call) e).args()) {
        if (!localsOnly(a)) {
          return false;
        }
      }
      return true;
    }
    return false; // selects (only the branch taken runs), integers used as reals
  }

  private static void countReaders(List<Stmt> code, Map<String, Integer> counts) {
    for (Stmt s : code) {
      for (String n : Recomputable.reads(s)) {
        counts.merge(n, 1, Integer::sum);
      }
      if (s instanceof Stmt.For) {
        countReaders(((Stmt.For) s).body(), counts);
      } else if (s instanceof Stmt.If) {
        countReaders(((Stmt.If) s).then(), counts);
        countReaders(((Stmt.If) s).otherwise(), counts);
      }
    }
  }
}
