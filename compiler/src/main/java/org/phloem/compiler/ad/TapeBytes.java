package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.phloem.compiler.analysis.Reads;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.Stmt;

/**
 * How many bytes of tape a piece of the adjoint's forward sweep records, as a real expression of the
 * dim sizes (known once the data are bound): 8 per real pushed, 4 per integer, times the trip count of
 * each enclosing loop, the larger branch of an {@code if} ({@link #of}: an upper bound for the step of a
 * schedule). The generated model compares the tape of its checkpointed loops with its tape budget to
 * choose between the plain and the checkpointed gradient (the tape a checkpointed loop saves is what its
 * plain sweep would record); that count ({@link #countLoop}) is code, not one expression, so that a branch
 * whose condition reads only loop indices and data (constant arrays: inputs, bound once) counts the side
 * the data take, iteration by iteration. Counting both sides' larger one there overstated the
 * East-Asian network model's tape elevenfold (its tile loop runs only for the 14 of 156 site-PFT pairs
 * with cover, {@code if cover[s, k] > 0}: 24 MB estimated, 2.2 MB recorded) and sent it to the
 * checkpointed sweeps, 4.5x slower than the plain ones.
 *
 * <p>An inner loop whose bounds read a local (not only literals and dim sizes) cannot be sized before
 * the run; it counts as one trip, so the estimate is then a lower bound.
 */
final class TapeBytes {

  /** The real local {@link #function} counts into (a {@code $} name: no model's name). */
  static final String COUNTER = "bytes$";

  private TapeBytes() {}

  /** {@code name() -> bytes$}: runs {@code count} (code adding to {@link #COUNTER}) from zero. */
  static IrFunction function(String name, List<Stmt> count, Set<String> indices) {
    Map<String, ScalarType> locals = new LinkedHashMap<>();
    locals.put(COUNTER, ScalarType.REAL);
    for (String i : indices) {
      locals.put(i, ScalarType.INT);
    }
    List<Stmt> body = new ArrayList<>();
    body.add(new Stmt.Assign(new Ref.Local(COUNTER), Expr.num(0), 0));
    body.addAll(count);
    return new IrFunction(name, List.of(), List.of(COUNTER), locals, body);
  }

  /** The bytes {@code code} records when it runs once. */
  static Expr of(List<Stmt> code) {
    Expr total = Expr.num(0);
    for (Stmt s : code) {
      total = plus(total, of(s));
    }
    return total;
  }

  /**
   * Code adding to the real local {@code into} the bytes loop {@code l}'s plain forward sweep records, its
   * body's forward sweep being {@code body}: a branch whose condition reads only indices of the loops
   * around it and arrays {@code data} accepts counts the side taken (the count then runs those loops);
   * any other counts its larger side. The loop indices the code runs are added to {@code ints}.
   */
  static List<Stmt> countLoop(Stmt.For l, List<Stmt> body, Predicate<String> data, String into, Set<String> ints) {
    Stmt.For whole = new Stmt.For(l.index(), l.from(), l.to(), false, body, l.line());
    Count c = new Counter(data, into, ints).count(List.of(whole), Set.of());
    return c.andAdd(into);
  }

  /** Bytes = {@code closed} + what {@code code} adds to the counter. */
  private record Count(Expr closed, List<Stmt> code) {
    /** The code, then the closed part added to {@code into}. */
    List<Stmt> andAdd(String into) {
      List<Stmt> out = new ArrayList<>(code);
      if (!isZero(closed)) {
        out.add(new Stmt.Assign(new Ref.Local(into), Expr.add(Expr.local(into), closed), 0));
      }
      return out;
    }
  }

  private record Counter(Predicate<String> data, String into, Set<String> ints) {
    Count count(List<Stmt> code, Set<String> indices) {
      Expr closed = Expr.num(0);
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : code) {
        if (s instanceof Stmt.For) {
          Stmt.For l = (Stmt.For) s;
          Set<String> inner = indices;
          if (sized(l)) {
            inner = new LinkedHashSet<>(indices);
            inner.add(l.index());
          }
          Count body = count(l.body(), inner);
          if (body.code().isEmpty()) {
            closed = plus(closed, sized(l) ? times(trips(l), body.closed()) : body.closed());
          } else if (sized(l)) {
            ints.add(l.index());
            out.add(new Stmt.For(l.index(), l.from(), l.to(), false, body.andAdd(into), l.line()));
          } else {
            out.addAll(body.code());
            closed = plus(closed, body.closed());
          }
        } else if (s instanceof Stmt.If && decidable((Stmt.If) s, indices)) {
          Stmt.If i = (Stmt.If) s;
          Count then = count(i.then(), indices);
          Count otherwise = count(i.otherwise(), indices);
          if (then.code().isEmpty() && otherwise.code().isEmpty() && then.closed().equals(otherwise.closed())) {
            closed = plus(closed, then.closed());
          } else {
            out.add(i.withBranches(then.andAdd(into), otherwise.andAdd(into)));
          }
        } else {
          closed = plus(closed, of(s));
        }
      }
      return new Count(closed, out);
    }

    /** True when the condition reads only indices of loops the count runs and data. */
    private boolean decidable(Stmt.If i, Set<String> indices) {
      for (String n : Reads.all(i.cond())) {
        if (!indices.contains(n) && !data.test(n)) {
          return false;
        }
      }
      return true;
    }
  }

  private static Expr of(Stmt s) {
    if (s instanceof Stmt.Push) {
      return Expr.num(8);
    }
    if (s instanceof Stmt.PushInt) {
      return Expr.num(4);
    }
    if (s instanceof Stmt.For) {
      Stmt.For l = (Stmt.For) s;
      Expr body = of(l.body());
      return sized(l) ? times(trips(l), body) : body;
    }
    if (s instanceof Stmt.If) {
      Expr then = of(((Stmt.If) s).then());
      Expr otherwise = of(((Stmt.If) s).otherwise());
      if (then instanceof Expr.Num && otherwise instanceof Expr.Num) {
        return Expr.num(Math.max(((Expr.Num) then).value(), ((Expr.Num) otherwise).value()));
      }
      return Expr.call(Prim.MAX, then, otherwise);
    }
    return Expr.num(0);
  }

  /** True when the loop's bounds read no local: its trip count is known once the dims are. */
  private static boolean sized(Stmt.For l) {
    return Reads.all(l.from()).isEmpty() && Reads.all(l.to()).isEmpty();
  }

  /** max(0, to − from) as a real. */
  private static Expr trips(Stmt.For l) {
    Expr n = new Expr.ToReal(new IExpr.Bin(IExpr.IOp.SUB, l.to(), l.from()));
    return Expr.call(Prim.MAX, Expr.num(0), n);
  }

  private static Expr plus(Expr a, Expr b) {
    if (a instanceof Expr.Num && b instanceof Expr.Num) {
      return Expr.num(((Expr.Num) a).value() + ((Expr.Num) b).value());
    }
    if (isZero(a)) {
      return b;
    }
    return isZero(b) ? a : Expr.add(a, b);
  }

  private static Expr times(Expr a, Expr b) {
    if (isZero(a) || isZero(b)) {
      return Expr.num(0);
    }
    return Expr.mul(a, b);
  }

  private static boolean isZero(Expr e) {
    return e instanceof Expr.Num && ((Expr.Num) e).value() == 0;
  }
}
