package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.Stmt;
import org.phloem.compiler.optimize.Rewrite;
import org.phloem.compiler.optimize.Statements;

/**
 * Real locals that hold a known constant where they are read, replaced by it, and what that decides
 * folded: in a gradient, the seed {@code J$b = 1} read by every reverse statement of the cost ({@code if
 * J$b != 0 { r$b = r$b + r * J$b }}), an observation's constant sd tested for NaN on every observation
 * ({@code obs_sd = 1; if (isnan(observed) || isnan(obs_sd))}), and the adjoint locals the reverse sweep
 * zeroes after each use, which are zero again at the top of every iteration. C2 folds the first two
 * itself only partly (the seeded branch and {@code 0 + x} chains stay), and the last is what lets {@link
 * SweepTurnFusion} see that a reverse loop's iterations do not depend on one another.
 *
 * <p>A forward walk keeps the locals known to hold a number (all of them at the start: locals start at
 * zero); an assignment of a number makes its target known, any other write unknown; a branch's two ways
 * are walked apart and what both know is known after; a loop's body is walked from what is known before
 * the loop and still known after its body (repeated until that no longer shrinks: what holds at the top of
 * every iteration, and after the loop; loops nested in it count, during that search, as forgetting what
 * they write, so each loop is searched once). Every fold gives the same bits as the code it replaces: {@code
 * isnan} of a number, a comparison of two numbers (not NaN), {@code || false}, {@code && true}, a branch
 * whose condition became constant replaced by the way it takes, {@code x * 1}, {@code x / 1}, and
 * arithmetic of two numbers; never {@code x + 0} ({@code -0 + 0} is {@code +0}).
 */
final class ConstantLocals {
  /** Set to {@code false} to leave gradients as the adjoint made them (to measure or test the rule). */
  static final String PROPERTY = "phloem.constantLocals";

  private ConstantLocals() {}

  /** {@code f} with its known constant locals folded in; {@code f} itself when the rule is off. */
  static IrFunction apply(IrFunction f) {
    if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
      return f;
    }
    // the assignments stay (the seed J$b = 1 marks the sweep's turn for a reader; C2 drops dead stores)
    Set<String> tracked = tracked(f);
    return new IrFunction(f.name(), f.arguments(), f.results(), f.locals(), new Walk(tracked).block(f.body(), atStart(tracked)));
  }

  /**
   * For each loop of {@code f}, the real locals that hold the same number at the top of every iteration
   * (an adjoint the reverse code zeroes, or leaves zero, on every way through the body): a loop's
   * iterations may read them before setting them and still not depend on one another.
   */
  static Map<Stmt.For, Set<String>> constantAtTop(IrFunction f) {
    Set<String> tracked = tracked(f);
    Walk w = new Walk(tracked);
    w.tops = new IdentityHashMap<>();
    w.block(f.body(), atStart(tracked));
    return w.tops;
  }

  /**
   * The real locals some statement sets to a number (seeds, constant sds, adjoints zeroed after use): the
   * only ones that can be known anywhere but before their first assignment. Following only them keeps the
   * walk's facts small in models with thousands of locals.
   */
  private static Set<String> tracked(IrFunction f) {
    Set<String> out = new HashSet<>();
    tracked(f.body(), f.locals(), out);
    return out;
  }

  private static void tracked(List<Stmt> code, Map<String, ScalarType> locals, Set<String> out) {
    for (Stmt s : code) {
      if (s instanceof Stmt.Assign && ((Stmt.Assign) s).target() instanceof Ref.Local && ((Stmt.Assign) s).value() instanceof Expr.Num
          && locals.get(((Stmt.Assign) s).target().name()) == ScalarType.REAL) {
        out.add(((Stmt.Assign) s).target().name());
      } else if (s instanceof Stmt.For) {
        tracked(((Stmt.For) s).body(), locals, out);
      } else if (s instanceof Stmt.If) {
        tracked(((Stmt.If) s).then(), locals, out);
        tracked(((Stmt.If) s).otherwise(), locals, out);
      }
    }
  }

  /** Locals start at zero. */
  private static Facts atStart(Set<String> tracked) {
    Facts start = new Facts();
    for (String name : tracked) {
      start.known.put(name, 0.0);
    }
    return start;
  }

  /**
   * What holds of the real locals at a point: those {@code known} to hold a number, and those {@code
   * unsigned} whose value is not -0 (an adjoint that started at +0 and had a value added: {@code a + b} is
   * -0 only when both are). Where the test {@code a$b != 0} fails on such a local, it holds +0 exactly: the
   * adjoint guard's untaken way leaves the adjoint known to be zero, as its taken way does by zeroing it.
   */
  private static final class Facts {
    final Map<String, Double> known = new HashMap<>();
    final Set<String> unsigned = new HashSet<>();

    Facts copy() {
      Facts c = new Facts();
      c.known.putAll(known);
      c.unsigned.addAll(unsigned);
      return c;
    }

    boolean notMinusZero(String v) {
      Double k = known.get(v);
      return k != null ? !isMinusZero(k) : unsigned.contains(v);
    }

    boolean notMinusZero(Expr e) {
      if (e instanceof Expr.Num) {
        return !isMinusZero(((Expr.Num) e).value());
      }
      if (e instanceof Expr.Get && ((Expr.Get) e).ref() instanceof Ref.Local) {
        return notMinusZero(((Expr.Get) e).ref().name());
      }
      if (e instanceof Expr.Call && ((Expr.Call) e).prim() == Prim.ADD) {
        return notMinusZero(((Expr.Call) e).args().get(0)) || notMinusZero(((Expr.Call) e).args().get(1));
      }
      if (e instanceof Expr.Call && ((Expr.Call) e).prim() == Prim.SUB) {
        return notMinusZero(((Expr.Call) e).args().get(0)); // a - b is -0 only for a = -0, b = +0
      }
      return false;
    }

    void forget(String v) {
      known.remove(v);
      unsigned.remove(v);
    }

    /** Keeps what also holds in {@code other} (after a branch's two ways, at the top of a loop). */
    void meet(Facts other) {
      Set<String> stillUnsigned = new HashSet<>();
      for (String v : union(unsigned, known.keySet())) {
        if (notMinusZero(v) && other.notMinusZero(v)) {
          stillUnsigned.add(v);
        }
      }
      known.entrySet().removeIf(e -> !same(other.known.get(e.getKey()), e.getValue()));
      unsigned.clear();
      stillUnsigned.removeAll(known.keySet());
      unsigned.addAll(stillUnsigned);
    }

    boolean sameAs(Facts other) {
      if (!unsigned.equals(other.unsigned) || !known.keySet().equals(other.known.keySet())) {
        return false;
      }
      return known.entrySet().stream().allMatch(e -> same(other.known.get(e.getKey()), e.getValue()));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
      Set<String> u = new HashSet<>(a);
      u.addAll(b);
      return u;
    }

    private static boolean isMinusZero(double x) {
      return Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(-0.0);
    }

    private static boolean same(Double a, double b) {
      return a != null && Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }
  }

  private static final class Walk {
    private final Set<String> tracked;
    /** When asked for: each loop's locals known at the top of its iterations. */
    Map<Stmt.For, Set<String>> tops;
    /** Walking a loop's body to find what holds at its top: nested loops are summarised, nothing is kept. */
    private boolean summarising;

    Walk(Set<String> tracked) {
      this.tracked = tracked;
    }

    /** {@code code} folded, starting from {@code facts}, which it leaves as they hold after the code. */
    List<Stmt> block(List<Stmt> code, Facts facts) {
      List<Stmt> out = new ArrayList<>(code.size());
      for (Stmt s : code) {
        statement(s, facts, out);
      }
      return out;
    }

    private void statement(Stmt s, Facts facts, List<Stmt> out) {
      if (s instanceof Stmt.Assign) {
        Stmt.Assign a = (Stmt.Assign) s;
        Expr v = expr(a.value(), facts.known);
        if (a.target() instanceof Ref.Local && tracked.contains(a.target().name())) {
          String t = a.target().name();
          boolean unsigned = facts.notMinusZero(v);
          facts.forget(t);
          if (v instanceof Expr.Num) {
            facts.known.put(t, ((Expr.Num) v).value());
          } else if (unsigned) {
            facts.unsigned.add(t);
          }
        }
        out.add(v == a.value() ? s : new Stmt.Assign(a.target(), v, a.line()));
      } else if (s instanceof Stmt.If) {
        Stmt.If i = (Stmt.If) s;
        Cond c = cond(i.cond(), facts.known);
        if (c instanceof Cond.Const) {
          // the way it always takes, in place of the branch
          out.addAll(block(((Cond.Const) c).value() ? i.then() : i.otherwise(), facts));
          return;
        }
        Facts otherwise = facts.copy();
        String zeroUnlessTaken = zeroTest(c, Cond.CmpOp.NE, facts);
        if (zeroUnlessTaken != null) {
          otherwise.forget(zeroUnlessTaken);
          otherwise.known.put(zeroUnlessTaken, 0.0);
        }
        String zeroIfTaken = zeroTest(c, Cond.CmpOp.EQ, facts);
        if (zeroIfTaken != null) {
          facts.forget(zeroIfTaken);
          facts.known.put(zeroIfTaken, 0.0);
        }
        List<Stmt> then = block(i.then(), facts);
        List<Stmt> other = block(i.otherwise(), otherwise);
        facts.meet(otherwise);
        out.add(new Stmt.If(c, then, other, i.line()));
      } else if (s instanceof Stmt.For) {
        Stmt.For l = (Stmt.For) s;
        if (summarising) {
          // inside an enclosing loop's search for what holds at its top: this loop forgets what it writes
          // (less known, never wrong), so that nested loops cost one walk each, not one per enclosing try
          for (String w : Statements.writes(List.of(l))) {
            facts.forget(w);
          }
          out.add(s);
          return;
        }
        // what holds at the top of every iteration: what holds before, and still after the body run from there
        Facts top = facts.copy();
        summarising = true;
        while (true) {
          Facts end = top.copy();
          block(l.body(), end);
          Facts next = top.copy();
          next.meet(end);
          if (next.sameAs(top)) {
            break;
          }
          top = next;
        }
        summarising = false;
        facts.meet(top);
        if (tops != null) {
          tops.put(l, Set.copyOf(top.known.keySet()));
        }
        List<Stmt> body = block(l.body(), top.copy());
        out.add(new Stmt.For(l.index(), l.from(), l.to(), l.descending(), body, l.line()));
      } else if (s instanceof Stmt.Pop) {
        facts.forget(((Stmt.Pop) s).target().name());
        out.add(s);
      } else if (s instanceof Stmt.Push) {
        Expr v = expr(((Stmt.Push) s).value(), facts.known);
        out.add(v == ((Stmt.Push) s).value() ? s : new Stmt.Push(v));
      } else if (s instanceof Stmt.Schedule) {
        Stmt.Schedule k = (Stmt.Schedule) s;
        List<Expr> args = new ArrayList<>();
        for (Expr a : k.args()) {
          args.add(expr(a, facts.known));
        }
        out.add(new Stmt.Schedule(k.result(), k.call(), args));
      } else {
        out.add(s); // integer locals, fills and integer tape operations write no real local
      }
    }

    /**
     * The local {@code c} compares with zero by {@code op} ({@code v != 0}, {@code v == 0}), when it is
     * never -0: on the way where it equals zero, it is +0.
     */
    private static String zeroTest(Cond c, Cond.CmpOp op, Facts facts) {
      if (!(c instanceof Cond.Compare) || ((Cond.Compare) c).op() != op) {
        return null;
      }
      Expr a = ((Cond.Compare) c).a();
      Expr b = ((Cond.Compare) c).b();
      Expr local = Simplify.isZero(b) ? a : Simplify.isZero(a) ? b : null;
      if (local instanceof Expr.Get && ((Expr.Get) local).ref() instanceof Ref.Local && facts.notMinusZero(((Expr.Get) local).ref().name())) {
        return ((Expr.Get) local).ref().name();
      }
      return null;
    }

    private static Expr expr(Expr e, Map<String, Double> known) {
      return Rewrite.expr(e, n -> fold(n, known));
    }

    private static Cond cond(Cond c, Map<String, Double> known) {
      return Folds.cond(Rewrite.cond(c, n -> fold(n, known)));
    }

    private static Expr fold(Expr e, Map<String, Double> known) {
      if (e instanceof Expr.Get && ((Expr.Get) e).ref() instanceof Ref.Local) {
        Double v = known.get(((Expr.Get) e).ref().name());
        return v == null ? e : Expr.num(v);
      }
      return Folds.expr(e);
    }
  }

  /** Folds that give the same bits as the code they replace. */
  static final class Folds {
    private Folds() {}

    /** {@code e} folded at its top (its operands are folded already). */
    static Expr expr(Expr e) {
      if (e instanceof Expr.Call) {
        Expr.Call c = (Expr.Call) e;
        if (c.prim() == Prim.MUL && Simplify.isNum(c.args().get(1), 1)) {
          return c.args().get(0);
        }
        if (c.prim() == Prim.MUL && Simplify.isNum(c.args().get(0), 1)) {
          return c.args().get(1);
        }
        if (c.prim() == Prim.DIV && Simplify.isNum(c.args().get(1), 1)) {
          return c.args().get(0);
        }
        if ((c.prim().infix() || c.prim() == Prim.NEG) && c.args().stream().allMatch(a -> a instanceof Expr.Num)) {
          double a = ((Expr.Num) c.args().get(0)).value();
          double b = c.args().size() > 1 ? ((Expr.Num) c.args().get(1)).value() : 0.0;
          return Expr.num(c.prim().apply(a, b));
        }
      }
      if (e instanceof Expr.Select) {
        Expr.Select s = (Expr.Select) e;
        Cond c = cond(s.cond());
        if (c instanceof Cond.Const) {
          return ((Cond.Const) c).value() ? s.ifTrue() : s.ifFalse();
        }
      }
      return e;
    }

    /** {@code c} folded (its expressions are folded already). */
    static Cond cond(Cond c) {
      if (c instanceof Cond.IsNaN && ((Cond.IsNaN) c).value() instanceof Expr.Num) {
        return new Cond.Const(Double.isNaN(((Expr.Num) ((Cond.IsNaN) c).value()).value()));
      }
      if (c instanceof Cond.Compare) {
        Cond.Compare k = (Cond.Compare) c;
        if (k.a() instanceof Expr.Num && k.b() instanceof Expr.Num) {
          double a = ((Expr.Num) k.a()).value();
          double b = ((Expr.Num) k.b()).value();
          if (!Double.isNaN(a) && !Double.isNaN(b)) {
            return new Cond.Const(k.op().test(a, b));
          }
        }
        return c;
      }
      if (c instanceof Cond.Not) {
        Cond a = cond(((Cond.Not) c).a());
        return a instanceof Cond.Const ? new Cond.Const(!((Cond.Const) a).value()) : a == ((Cond.Not) c).a() ? c : new Cond.Not(a);
      }
      if (c instanceof Cond.Or) {
        Cond a = cond(((Cond.Or) c).a());
        Cond b = cond(((Cond.Or) c).b());
        if (isConst(a, true)) {
          return a; // the right side is never evaluated
        }
        if (isConst(a, false)) {
          return b;
        }
        if (isConst(b, false)) {
          return a;
        }
        return a == ((Cond.Or) c).a() && b == ((Cond.Or) c).b() ? c : new Cond.Or(a, b);
      }
      if (c instanceof Cond.And) {
        Cond a = cond(((Cond.And) c).a());
        Cond b = cond(((Cond.And) c).b());
        if (isConst(a, false)) {
          return a;
        }
        if (isConst(a, true)) {
          return b;
        }
        if (isConst(b, true)) {
          return a;
        }
        return a == ((Cond.And) c).a() && b == ((Cond.And) c).b() ? c : new Cond.And(a, b);
      }
      return c;
    }

    private static boolean isConst(Cond c, boolean value) {
      return c instanceof Cond.Const && ((Cond.Const) c).value() == value;
    }
  }
}
