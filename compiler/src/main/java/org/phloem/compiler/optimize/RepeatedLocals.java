package org.phloem.compiler.optimize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.analysis.Recomputable;
import org.phloem.compiler.ir.Bodies;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * Locals assigned what an earlier local already holds. A function inlined twice with the same arguments
 * (BETHY's {@code canopy_light(l, leaf_area)}, once for the leaf's capacity and once for its light) gives
 * {@code a = e} and later {@code b = e}: when nothing {@code e} reads was written in between and
 * {@code a} still holds it, {@code b} is dropped and its reads read {@code a}. Copies made by inlining
 * ({@code l$9 = real(l)}) go first, so what they feed compares equal afterwards.
 *
 * <p>Only a local with one assignment in the function, read nowhere but after it in its block (nested
 * statements included), holds its value for every reader; only such locals are dropped or kept as the
 * holder. Expressions compare structurally (a literal by its bits), and the holder computed the same
 * operations on the same operand values: the values read are the same, bit for bit.
 */
final class RepeatedLocals {
  private final Set<String> excluded;
  private final Map<String, Integer> writeCounts = new HashMap<>();
  private final Map<Stmt, int[]> places = new IdentityHashMap<>();
  private final Map<String, int[]> readRange = new HashMap<>();
  private final Map<String, String> renamed = new HashMap<>();
  private int order;

  private RepeatedLocals(Set<String> excluded) {
    this.excluded = excluded;
  }

  /** {@code body} with repeated locals dropped; {@code excluded} (the results) are never dropped. */
  static List<Stmt> remove(List<Stmt> body, Set<String> excluded) {
    RepeatedLocals r = new RepeatedLocals(excluded);
    Statements.countWrites(body, r.writeCounts);
    r.number(body);
    return r.block(body, new AvailableValues<>());
  }

  /** Pre-order numbers: each statement's own and the last of its subtree; each name's first and last reader. */
  private int number(List<Stmt> code) {
    int last = order - 1;
    for (Stmt s : code) {
      int at = order++;
      for (String n : Recomputable.reads(s)) {
        readRange.merge(n, new int[] {at, at}, (a, b) -> new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
      }
      int end = at;
      for (List<Stmt> nested : Bodies.of(s)) {
        end = Math.max(end, number(nested));
      }
      places.put(s, new int[] {at, end});
      last = end;
    }
    return last;
  }

  /**
   * True when {@code x} (assigned by {@code def}, the {@code k}-th statement of {@code block}) is
   * assigned nowhere else and read only after {@code def} in {@code block}.
   */
  private boolean holds(String x, Stmt def, List<Stmt> block) {
    if (writeCounts.getOrDefault(x, 0) != 1 || excluded.contains(x)) {
      return false;
    }
    int[] range = readRange.get(x);
    if (range == null) {
      return true;
    }
    int end = places.get(block.get(block.size() - 1))[1];
    return range[0] > places.get(def)[0] && range[1] <= end;
  }

  /**
   * {@code code} rewritten; {@code available} maps an expression to the local holding it on entry
   * (its operands and holder unchanged since).
   */
  private List<Stmt> block(List<Stmt> code, AvailableValues<String> available) {
    List<Stmt> out = new ArrayList<>(code.size());
    for (Stmt original : code) {
      Stmt s = Rewrite.shallow(original, this::rename);
      if (s instanceof Stmt.Assign && ((Stmt.Assign) s).target() instanceof Ref.Local) {
        Stmt.Assign a = (Stmt.Assign) s;
        String x = a.target().name();
        boolean holds = holds(x, original, code);
        String holder = available.get(a.value());
        if (holds && holder != null) {
          renamed.put(x, holder);
          continue;
        }
        available.invalidate(Set.of(x));
        if (holds && !(a.value() instanceof Expr.Num) && !Reads.all(a.value()).contains(x)) {
          available.put(a.value(), x, x);
        }
        out.add(s);
        continue;
      }
      if (s instanceof Stmt.For) {
        Stmt.For f = (Stmt.For) s;
        AvailableValues<String> inside = available.copy();
        inside.invalidate(Statements.writes(List.of(f)));
        s = f.withBody(block(f.body(), inside));
      } else if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        s = i.withBranches(block(i.then(), available.copy()), block(i.otherwise(), available.copy()));
      }
      available.invalidate(Statements.writes(List.of(original)));
      out.add(s);
    }
    return out;
  }

  private Expr rename(Expr e) {
    if (e instanceof Expr.Get && ((Expr.Get) e).ref() instanceof Ref.Local) {
      String to = renamed.get(((Expr.Get) e).ref().name());
      if (to != null) {
        return new Expr.Get(new Ref.Local(to));
      }
    }
    return e;
  }
}
