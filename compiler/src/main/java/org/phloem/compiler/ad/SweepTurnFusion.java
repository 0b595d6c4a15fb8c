package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.phloem.compiler.analysis.IterationPrivate;
import org.phloem.compiler.analysis.Recomputable;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;
import org.phloem.compiler.optimize.Statements;

/**
 * The turn of a gradient's sweep: the last loop of the forward sweep (a model's observation loop, which
 * adds each observation's misfit to the cost) is followed, after a few scalar assignments (the seed,
 * parameters read again), by its own reverse, a second pass over the same range backwards that puts
 * each observation's residual into the adjoint of the modelled value. When the reverse loop's iterations
 * do not depend on one another, the two loops become one, the forward loop's body then the reverse
 * loop's, in the forward loop's order: one pass over the observations instead of two (Kirby2's gradient
 * spends about a fifth of its time in the second pass).
 *
 * <p>Fused only where every value is the same as before, so the gradient is the same bits: the loops have
 * the same index and bounds, opposite directions, and no tape operations; the scalar assignments between
 * them neither read what the first loop writes nor write what it reads or writes (they move before it);
 * each array the reverse loop writes is one the forward loop does not touch, at an element of each
 * iteration's own ({@link IterationPrivate}); each array the reverse loop reads that the forward loop
 * writes is one both loops touch at the same element of each iteration's own (written before it is read,
 * iteration by iteration); no local that one loop writes is read by the other before that loop's
 * iteration sets it (the reverse loop's adjoint locals are written before they are read once {@link
 * ConstantLocals} has put in the zero they hold at the top of every iteration); and the locals the reverse
 * loop writes, whose last values change, are not read after it before they are set again.
 */
final class SweepTurnFusion {
  /** Set to {@code false} to leave the two loops apart (to measure or test the rule). */
  static final String PROPERTY = "phloem.sweepTurnFusion";

  private SweepTurnFusion() {}

  /** {@code f} with each such pair of top-level loops fused; {@code f} itself when the rule is off. */
  static IrFunction apply(IrFunction f, Function<String, List<String>> dimsOf) {
    if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
      return f;
    }
    List<Stmt> body = new ArrayList<>(f.body());
    boolean changed = false;
    for (int k = 0; k < body.size(); k++) {
      if (!(body.get(k) instanceof Stmt.For)) {
        continue;
      }
      int m = k + 1;
      while (m < body.size() && (body.get(m) instanceof Stmt.Assign || body.get(m) instanceof Stmt.SetInt)) {
        m++;
      }
      if (m == body.size() || !(body.get(m) instanceof Stmt.For)) {
        continue;
      }
      Stmt.For first = (Stmt.For) body.get(k);
      Stmt.For second = (Stmt.For) body.get(m);
      if (!pairs(first, second)) {
        continue;
      }
      // the parameters the reverse sweep reads again hold those values already: no need to move them
      List<Stmt> between = JoinedBodies.withoutRepeats(body.subList(0, k + 1), body.subList(k + 1, m));
      List<Stmt> rest = body.subList(m + 1, body.size());
      IrFunction now = new IrFunction(f.name(), f.arguments(), f.results(), f.locals(), body);
      if (!fusable(f, first, between, second, rest, dimsOf, ConstantLocals.constantAtTop(now))) {
        continue;
      }
      List<Stmt> fusedBody = JoinedBodies.join(first.body(), second.body());
      List<Stmt> out = new ArrayList<>(body.subList(0, k));
      out.addAll(between);
      int at = out.size();
      out.add(new Stmt.For(first.index(), first.from(), first.to(), first.descending(), fusedBody, first.line()));
      out.addAll(rest);
      body = out;
      changed = true;
      k = at;
    }
    return changed ? new IrFunction(f.name(), f.arguments(), f.results(), f.locals(), body) : f;
  }

  /** Loops over the same index and range in opposite directions: a loop and its reverse. */
  private static boolean pairs(Stmt.For first, Stmt.For second) {
    return first.index().equals(second.index()) && first.from().equals(second.from()) && first.to().equals(second.to())
        && first.descending() != second.descending();
  }

  private static boolean fusable(IrFunction f, Stmt.For first, List<Stmt> between, Stmt.For second, List<Stmt> rest,
      Function<String, List<String>> dimsOf, Map<Stmt.For, Set<String>> constantAtTop) {
    if (tape(first.body()) || tape(second.body())) {
      return false;
    }
    Set<String> locals = f.locals().keySet();
    Set<String> firstWrites = Statements.writes(List.of(first));
    Set<String> firstReads = Recomputable.readsDeep(List.of(first));
    Set<String> secondWrites = Statements.writes(List.of(second));
    Set<String> secondReads = Recomputable.readsDeep(List.of(second));
    // the assignments between move before the first loop (its bounds then read what they wrote, as the second's did)
    Set<String> betweenWrites = Statements.writes(between);
    if (!Collections.disjoint(Recomputable.readsDeep(between), firstWrites) || !Collections.disjoint(betweenWrites, firstReads)
        || !Collections.disjoint(betweenWrites, firstWrites)) {
      return false;
    }
    IterationPrivate firstPrivate = IterationPrivate.analyze(List.of(first), dimsOf);
    IterationPrivate secondPrivate = IterationPrivate.analyze(List.of(second), dimsOf);
    for (String a : secondWrites) {
      if (!locals.contains(a) && (firstReads.contains(a) || firstWrites.contains(a) || !secondPrivate.privateTo(second).contains(a))) {
        return false;
      }
    }
    for (String a : secondReads) {
      if (!locals.contains(a) && firstWrites.contains(a)) {
        Set<IExpr> at = indices(first.body(), a);
        if (!firstPrivate.privateTo(first).contains(a) || !secondPrivate.privateTo(second).contains(a) || at.size() != 1
            || !at.equals(indices(second.body(), a))) {
          return false;
        }
      }
    }
    Set<String> index = Set.of(first.index());
    // a local the reverse loop reads before setting it must not carry a value from iteration to
    // iteration: one it never writes (nor the forward loop), or one that holds the same number at the top
    // of every iteration (an adjoint zeroed after use, or left zero by its guard)
    Set<String> sameAtTop = constantAtTop.getOrDefault(second, Set.of());
    for (String v : exposed(second.body(), index)) {
      if (locals.contains(v) && (firstWrites.contains(v) || secondWrites.contains(v) && !sameAtTop.contains(v))) {
        return false;
      }
    }
    for (String v : exposed(first.body(), index)) {
      if (locals.contains(v) && secondWrites.contains(v)) {
        return false;
      }
    }
    Set<String> readAfter = exposed(rest, Set.of());
    readAfter.addAll(f.results());
    for (String v : secondWrites) {
      if (locals.contains(v) && readAfter.contains(v)) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code code} records on or reads back from the tape (its order is the tape's). */
  private static boolean tape(List<Stmt> code) {
    for (Stmt s : code) {
      if (s instanceof Stmt.Push || s instanceof Stmt.Pop || s instanceof Stmt.PushInt || s instanceof Stmt.PopInt
          || s instanceof Stmt.Schedule) {
        return true;
      }
      if (s instanceof Stmt.For && tape(((Stmt.For) s).body())
          || s instanceof Stmt.If && (tape(((Stmt.If) s).then()) || tape(((Stmt.If) s).otherwise()))) {
        return true;
      }
    }
    return false;
  }

  /** The indices {@code code} reads or writes {@code array} at. */
  private static Set<IExpr> indices(List<Stmt> code, String array) {
    Set<IExpr> out = new HashSet<>();
    for (Stmt s : code) {
      if (s instanceof Stmt.Assign) {
        ref(((Stmt.Assign) s).target(), array, out);
        expr(((Stmt.Assign) s).value(), array, out);
      } else if (s instanceof Stmt.For) {
        out.addAll(indices(((Stmt.For) s).body(), array));
      } else if (s instanceof Stmt.If) {
        cond(((Stmt.If) s).cond(), array, out);
        out.addAll(indices(((Stmt.If) s).then(), array));
        out.addAll(indices(((Stmt.If) s).otherwise(), array));
      } else if (s instanceof Stmt.Fill && ((Stmt.Fill) s).array().equals(array)) {
        out.add(new IExpr.Const(-1)); // the whole array: never one element's
        out.add(new IExpr.Const(-2));
      }
    }
    return out;
  }

  private static void ref(Ref r, String array, Set<IExpr> out) {
    if (r instanceof Ref.Elem && r.name().equals(array)) {
      out.add(((Ref.Elem) r).index());
    }
  }

  private static void expr(Expr e, String array, Set<IExpr> out) {
    if (e instanceof Expr.Get) {
      ref(((Expr.Get) e).ref(), array, out);
    } else if (e instanceof Expr.Call) {
      ((Expr.Call) e).args().forEach(a -> expr(a, array, out));
    } else if (e instanceof Expr.Select) {
      cond(((Expr.Select) e).cond(), array, out);
      expr(((Expr.Select) e).ifTrue(), array, out);
      expr(((Expr.Select) e).ifFalse(), array, out);
    }
  }

  private static void cond(Cond c, String array, Set<IExpr> out) {
    if (c instanceof Cond.Compare) {
      expr(((Cond.Compare) c).a(), array, out);
      expr(((Cond.Compare) c).b(), array, out);
    } else if (c instanceof Cond.IsNaN) {
      expr(((Cond.IsNaN) c).value(), array, out);
    } else if (c instanceof Cond.And) {
      cond(((Cond.And) c).a(), array, out);
      cond(((Cond.And) c).b(), array, out);
    } else if (c instanceof Cond.Or) {
      cond(((Cond.Or) c).a(), array, out);
      cond(((Cond.Or) c).b(), array, out);
    } else if (c instanceof Cond.Not) {
      cond(((Cond.Not) c).a(), array, out);
    }
  }

  /**
   * The names {@code code} may read before it sets them itself (upward-exposed), given that {@code defined}
   * are set on entry; a loop's body counts as run from its start, a branch's way as possibly not taken.
   */
  static Set<String> exposed(List<Stmt> code, Set<String> defined) {
    Set<String> out = new LinkedHashSet<>();
    exposed(code, new HashSet<>(defined), out);
    return out;
  }

  private static void exposed(List<Stmt> code, Set<String> defined, Set<String> out) {
    for (Stmt s : code) {
      for (String r : Recomputable.reads(s)) {
        if (!defined.contains(r)) {
          out.add(r);
        }
      }
      if (s instanceof Stmt.For) {
        Set<String> inner = new HashSet<>(defined);
        inner.add(((Stmt.For) s).index());
        exposed(((Stmt.For) s).body(), inner, out);
      } else if (s instanceof Stmt.If) {
        Set<String> then = new HashSet<>(defined);
        Set<String> otherwise = new HashSet<>(defined);
        exposed(((Stmt.If) s).then(), then, out);
        exposed(((Stmt.If) s).otherwise(), otherwise, out);
        then.retainAll(otherwise);
        defined.addAll(then);
      } else if (s instanceof Stmt.Assign && ((Stmt.Assign) s).target() instanceof Ref.Local
          || s instanceof Stmt.SetInt || s instanceof Stmt.Pop && ((Stmt.Pop) s).target() instanceof Ref.Local
          || s instanceof Stmt.PopInt) {
        String w = s instanceof Stmt.PopInt ? ((Stmt.PopInt) s).local()
            : s instanceof Stmt.Pop ? ((Stmt.Pop) s).target().name() : Recomputable.target(s);
        defined.add(w);
      }
    }
  }
}
