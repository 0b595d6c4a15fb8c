package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * One division per denominator in the reverse code of one assignment. The partials of a quotient
 * {@code a / d} are {@code 1 / d} and {@code -(a / d) / d}, of a square root {@code 0.5 / s}, of
 * {@code a · b / s} again {@code 1 / s} and {@code -(v / s)}: the linearizer computes {@code 1 / d}
 * into a temporary and divides by {@code d} again in the other partials (three divisions by the same
 * square root in BETHY's electron transport {@code j}, two by each canopy layer's width and by each
 * smooth minimum's denominator). Here, where a temporary holds {@code 1 / d}, every other {@code x / d}
 * of the same reverse block becomes {@code x · (1 / d)}: a multiplication instead of a division, which
 * takes several times longer. Only partials change, by at most an ulp per operation (the derivative is
 * the same); values the reverse sweep computes again to restore the forward's are not in these blocks
 * ({@code Adjoint}'s recomputations are emitted apart), so they stay bit for bit.
 */
final class SharedReciprocals {
  private SharedReciprocals() {}

  /** {@code code} (one assignment's reverse block: temporaries, then accumulations) with the divisions shared. */
  static List<Stmt> apply(List<Stmt> code) {
    return apply(code, null);
  }

  /**
   * The same, and where no temporary holds {@code 1 / d} but the block divides by {@code d} twice or
   * more, a new temporary {@code fresh.get() = 1 / d} first: NIST Chwirut's {@code exp(-b1 x) / (b2 +
   * b3 x)} divides by its denominator in the partial of {@code b1} (through the exp) and in that of the
   * denominator ({@code -(fit / d)}), two divisions where one and two multiplications do.
   *
   * @param fresh names (and declares) a new real temporary; null: no new reciprocals
   */
  static List<Stmt> apply(List<Stmt> code, Supplier<String> fresh) {
    List<Stmt> out = new ArrayList<>(code);
    if (fresh != null) {
      addReciprocals(out, fresh);
    }
    for (int k = 0; k < out.size(); k++) {
      Expr d = reciprocalOf(out.get(k));
      if (d == null) {
        continue;
      }
      Stmt.Assign def = (Stmt.Assign) out.get(k);
      int first = firstDivisionBy(out, d, k);
      if (first < 0) {
        continue;
      }
      if (first < k) {
        // the reciprocal moves up to its first use: nothing in between may write d
        if (writesAny(out.subList(first, k), d)) {
          continue;
        }
        out.remove(k);
        out.add(first, def);
        k = first;
      }
      Expr r = new Expr.Get(def.target());
      String name = def.target().name();
      for (int j = k + 1; j < out.size(); j++) {
        Stmt s = out.get(j);
        if (!(s instanceof Stmt.Assign)) {
          break;
        }
        Stmt.Assign a = (Stmt.Assign) s;
        out.set(j, new Stmt.Assign(a.target(), replace(a.value(), d, r), a.line()));
        if (a.target().name().equals(name) || writes(a, d)) {
          break;
        }
      }
    }
    return out;
  }

  /** Before the first division by each {@code d} divided by twice or more (none holding 1 / d): {@code r = 1 / d}. */
  private static void addReciprocals(List<Stmt> out, Supplier<String> fresh) {
    Set<Expr> held = new HashSet<>();
    Map<Expr, Integer> divisions = new LinkedHashMap<>();
    for (Stmt s : out) {
      if (!(s instanceof Stmt.Assign)) {
        return;
      }
      Expr d = reciprocalOf(s);
      if (d != null) {
        held.add(d);
      }
      countDivisions(((Stmt.Assign) s).value(), divisions);
    }
    divisions.forEach((d, n) -> {
      if (n < 2 || held.contains(d)) {
        return;
      }
      int first = firstDivisionBy(out, d, -1);
      // shared only up to the next write of d: count the divisions before it
      int before = 0;
      for (int k = first; k < out.size(); k++) {
        Stmt.Assign a = (Stmt.Assign) out.get(k);
        before += countDivisionsBy(a.value(), d);
        if (writes(a, d)) {
          break;
        }
      }
      if (before >= 2) {
        out.add(first, new Stmt.Assign(new Ref.Local(fresh.get()), Expr.div(Expr.num(1), d), ((Stmt.Assign) out.get(first)).line()));
      }
    });
  }

  /** Counts {@code x / d} for each plain read {@code d} in {@code e}. */
  private static void countDivisions(Expr e, Map<Expr, Integer> out) {
    if (e instanceof Expr.Call) {
      Expr.Call c = (Expr.Call) e;
      if (c.prim() == Prim.DIV && c.args().get(1) instanceof Expr.Get && !(c.args().get(0) instanceof Expr.Num && ((Expr.Num) c.args().get(0)).value() == 1)) {
        out.merge(c.args().get(1), 1, Integer::sum);
      }
      c.args().forEach(a -> countDivisions(a, out));
    } else if (e instanceof Expr.Select) {
      countDivisions(((Expr.Select) e).ifTrue(), out);
      countDivisions(((Expr.Select) e).ifFalse(), out);
    }
  }

  private static int countDivisionsBy(Expr e, Expr d) {
    Map<Expr, Integer> all = new HashMap<>();
    countDivisions(e, all);
    return all.getOrDefault(d, 0);
  }

  /** {@code d} when {@code s} is {@code t = 1 / d} for a local {@code t}; else null. */
  private static Expr reciprocalOf(Stmt s) {
    if (!(s instanceof Stmt.Assign) || !(((Stmt.Assign) s).target() instanceof Ref.Local)) {
      return null;
    }
    Expr v = ((Stmt.Assign) s).value();
    if (v instanceof Expr.Call && ((Expr.Call) v).prim() == Prim.DIV) {
      List<Expr> args = ((Expr.Call) v).args();
      if (args.get(0) instanceof Expr.Num && ((Expr.Num) args.get(0)).value() == 1 && args.get(1) instanceof Expr.Get) {
        return args.get(1);
      }
    }
    return null;
  }

  /** The first statement of {@code code} but {@code skip} that divides by {@code d}, or -1. */
  private static int firstDivisionBy(List<Stmt> code, Expr d, int skip) {
    for (int j = 0; j < code.size(); j++) {
      Stmt s = code.get(j);
      if (j != skip && s instanceof Stmt.Assign && dividesBy(((Stmt.Assign) s).value(), d)) {
        return j;
      }
    }
    return -1;
  }

  private static boolean dividesBy(Expr e, Expr d) {
    if (e instanceof Expr.Call) {
      Expr.Call c = (Expr.Call) e;
      if (c.prim() == Prim.DIV && c.args().get(1).equals(d)) {
        return true;
      }
      for (Expr a : c.args()) {
        if (dividesBy(a, d)) {
          return true;
        }
      }
    } else if (e instanceof Expr.Select) {
      Expr.Select s = (Expr.Select) e;
      return dividesBy(s.ifTrue(), d) || dividesBy(s.ifFalse(), d);
    }
    return false;
  }

  /** {@code e} with every {@code x / d} written {@code x * r} ({@code 1 / d}: {@code r}). */
  private static Expr replace(Expr e, Expr d, Expr r) {
    if (e instanceof Expr.Select) {
      Expr.Select s = (Expr.Select) e;
      return new Expr.Select(s.cond(), replace(s.ifTrue(), d, r), replace(s.ifFalse(), d, r));
    }
    if (!(e instanceof Expr.Call)) {
      return e;
    }
    Expr.Call c = (Expr.Call) e;
    List<Expr> args = new ArrayList<>(c.args().size());
    for (Expr a : c.args()) {
      args.add(replace(a, d, r));
    }
    if (c.prim() == Prim.DIV && args.get(1).equals(d)) {
      Expr x = args.get(0);
      return x instanceof Expr.Num && ((Expr.Num) x).value() == 1 ? r : Expr.mul(x, r);
    }
    return new Expr.Call(c.prim(), args);
  }

  private static boolean writesAny(List<Stmt> code, Expr d) {
    for (Stmt s : code) {
      if (!(s instanceof Stmt.Assign) || writes((Stmt.Assign) s, d)) {
        return true;
      }
    }
    return false;
  }

  private static boolean writes(Stmt.Assign a, Expr d) {
    return a.target().name().equals(((Expr.Get) d).ref().name());
  }
}
