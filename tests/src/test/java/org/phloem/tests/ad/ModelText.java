package org.phloem.tests.ad;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.phloem.tests.ad.Program.Array;
import org.phloem.tests.ad.Program.Cnd;
import org.phloem.tests.ad.Program.Dim;
import org.phloem.tests.ad.Program.Ex;
import org.phloem.tests.ad.Program.Ix;
import org.phloem.tests.ad.Program.Over;
import org.phloem.tests.ad.Program.St;

/**
 * Prints a {@link Program} as Phloem model text: the fixed declarations, the two fns, the program's
 * statements around a time loop that carries the state {@code s}, and the observations. References
 * are resolved against what is in scope where they are printed; every math function gets an argument
 * inside its domain ({@code log(1 + x ^ 2)}, {@code asin(0.9 * tanh(x))}, a divisor {@code 1.5 + sin(x)}),
 * and every assigned value is squashed, so a program neither fails nor overflows at any parameter value.
 */
final class ModelText {

  /** The declarations every generated model shares. */
  static final String HEADER = String.join("\n",
      "model generated \"a random program\"",
      "",
      "dim day = 4",
      "dim k = 3",
      "const c0 = 0.7",
      "const obs[day] = {0.4, -0.3, 0.9, 0.1}",
      "const w[k] = {0.5, -0.2, 0.9}",
      "param a = 0.8 sd 0.3 in [0.2, 2]",
      "param b = 0.3 sd 0.2 in [-1, 1]",
      "param r = 0.5 sd 0.2 in [0.1, 2] log",
      "param e0 = 0.4",
      "param v[k] = {0.5, 0.9, 1.2} sd 0.3 in [0.1, 3]",
      "state s = a",
      "state pool[k] = {1, 0.5, -0.5}",
      "var y",
      "var x[day]",
      "var m2[day, k]",
      "output tot",
      "output z[day]",
      "");

  /** The observations every generated model shares: each kind of modelled value, with and without a filter. */
  static final String OBSERVATIONS = String.join("\n",
      "observe x[d] ~ normal(obs[d], 0.5) for d in day",
      "observe z[d] ~ normal(obs[d], 1) for d in day if d > 1",
      "observe pool[j] ~ normal(w[j], 0.7) for j in k",
      "observe m2[d, j] ~ normal(0.2, 1.5) for d in day, j in k if j != 1 && d >= 1",
      "observe tot ~ normal(1, 2)",
      "observe y ~ normal(0.5, 1)",
      "observe s ~ normal(0.3, 0.4)",
      "");

  /** A loop index in scope; {@code dim} is null for a range index ({@code 1..2}, which fits every position). */
  private record Index(String name, Dim dim) {}

  /** What is in scope: real locals (lets, fn arguments), loop indices, guarded day indices, callable fns. */
  private record Scope(List<String> locals, List<Index> loops, Set<String> guarded, int callable) {
    Scope withLocal(String name) {
      List<String> l = new ArrayList<>(locals);
      l.add(name);
      return new Scope(l, loops, guarded, callable);
    }

    Scope withLoops(List<Index> more) {
      List<Index> l = new ArrayList<>(loops);
      l.addAll(more);
      return new Scope(locals, l, guarded, callable);
    }

    Scope withGuard(String index) {
      Set<String> g = new HashSet<>(guarded);
      g.add(index);
      return new Scope(locals, loops, g, callable);
    }
  }

  private final StringBuilder out = new StringBuilder();
  private int fresh;

  private ModelText() {}

  /** The model text of {@code program}. */
  static String of(Program program) {
    return new ModelText().print(program);
  }

  private String print(Program p) {
    out.append(HEADER);
    Scope f1 = new Scope(List.of("u1", "u2"), List.of(), Set.of(), 0);
    out.append("fn f1(u1, u2) = ").append(expr(p.f1(), f1)).append('\n');
    Program.FnBody f = p.f2();
    Scope f2 = new Scope(List.of("u"), List.of(), Set.of(), 1);
    out.append("fn f2(u) {\n  let q = ").append(expr(f.let(), f2)).append('\n');
    f2 = f2.withLocal("q");
    out.append("  if ").append(cond(f.c1(), f2)).append(" {\n    return ").append(expr(f.r1(), f2)).append('\n');
    out.append("  } else if ").append(cond(f.c2(), f2)).append(" {\n    return ").append(expr(f.r2(), f2)).append('\n');
    out.append("  }\n  return ").append(expr(f.last(), f2)).append("\n}\n");

    Scope main = new Scope(List.of(), List.of(), Set.of(), 2);
    block(p.before(), main, "");
    out.append("for t in day {\n");
    out.append("  s = tanh(0.8 * s + a * obs[t] - b * r + 0.1 * e0 * v[t % 3])\n");
    block(p.step(), main.withLoops(List.of(new Index("t", Dim.DAY))), "  ");
    out.append("}\n");
    block(p.after(), main, "");
    out.append(OBSERVATIONS);
    return out.toString();
  }

  // ---- statements ----

  private void block(List<St> statements, Scope scope, String indent) {
    Scope s = scope;
    for (St st : statements) {
      s = statement(st, s, indent);
    }
  }

  /** Prints one statement; returns the scope after it (a let adds a local). */
  private Scope statement(St st, Scope sc, String indent) {
    if (st instanceof St.Assign a) {
      out.append(indent).append(a.target().name).append(indices(a.target().dims, a.i(), a.j(), sc));
      String value = squash(a.squash(), expr(a.e(), sc));
      out.append(a.accumulate() ? " += 0.1 * " : " = ").append(value).append('\n');
      return sc;
    }
    if (st instanceof St.Let l) {
      String name = "l" + (++fresh);
      out.append(indent).append("let ").append(name).append(" = ").append(expr(l.e(), sc)).append('\n');
      return sc.withLocal(name);
    }
    if (st instanceof St.If i) {
      ifChain(i, sc, indent, indent);
      return sc;
    }
    if (st instanceof St.For f) {
      List<Index> loops = loopIndices(f.over());
      out.append(indent).append("for ").append(header(loops)).append(" {\n");
      block(f.body(), sc.withLoops(loops), indent + "  ");
      out.append(indent).append("}\n");
      return sc;
    }
    St.Guard g = (St.Guard) st;
    Index t = pick(sc.loops(), g.pick(), ModelText::dayIndex);
    if (t == null) {
      block(g.body(), sc, indent); // nothing to guard: the body stands in the enclosing block
      return sc;
    }
    out.append(indent).append("if ").append(t.name()).append(" > 0 {\n");
    block(g.body(), sc.withGuard(t.name()), indent + "  ");
    out.append(indent).append("}\n");
    return sc;
  }

  /** {@code lead if c { ... } else ...}: an else holding a single if continues the chain as {@code else if}. */
  private void ifChain(St.If i, Scope sc, String lead, String indent) {
    out.append(lead).append("if ").append(cond(i.c(), sc)).append(" {\n");
    block(i.then(), sc, indent + "  ");
    if (i.otherwise().size() == 1 && i.otherwise().get(0) instanceof St.If next) {
      ifChain(next, sc, indent + "} else ", indent);
      return;
    }
    if (!i.otherwise().isEmpty()) {
      out.append(indent).append("} else {\n");
      block(i.otherwise(), sc, indent + "  ");
    }
    out.append(indent).append("}\n");
  }

  private static String squash(Program.Squash s, String e) {
    return s.name().toLowerCase(Locale.ROOT) + "(" + e + ")";
  }

  private List<Index> loopIndices(Over over) {
    int n = ++fresh;
    switch (over) {
      case DAY: return List.of(new Index("t" + n, Dim.DAY));
      case K: return List.of(new Index("j" + n, Dim.K));
      case RANGE: return List.of(new Index("i" + n, null));
      default: return List.of(new Index("t" + n, Dim.DAY), new Index("j" + n, Dim.K));
    }
  }

  private static String header(List<Index> loops) {
    List<String> parts = new ArrayList<>();
    for (Index i : loops) {
      parts.add(i.name() + " in " + (i.dim() == null ? "1..2" : i.dim().name));
    }
    return String.join(", ", parts);
  }

  // ---- indices ----

  /** The pick-th loop index in scope that {@code fits}, or null when none does. */
  private static Index pick(List<Index> loops, int pick, Predicate<Index> fits) {
    List<Index> fit = new ArrayList<>();
    for (Index i : loops) {
      if (fits.test(i)) {
        fit.add(i);
      }
    }
    return fit.isEmpty() ? null : fit.get(Math.floorMod(pick, fit.size()));
  }

  private static boolean anyIndex(Index i) {
    return true;
  }

  private static boolean dayIndex(Index i) {
    return i.dim() == Dim.DAY;
  }

  private String indices(List<Dim> dims, Ix i, Ix j, Scope sc) {
    if (dims.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("[").append(index(i, dims.get(0), sc));
    if (dims.size() == 2) {
      b.append(", ").append(index(j, dims.get(1), sc));
    }
    return b.append(']').toString();
  }

  private String index(Ix ix, Dim dim, Scope sc) {
    if (ix instanceof Ix.Loop l) {
      // a dim index of the position's dim, or a range index (1..2 lies inside both dims)
      Index i = pick(sc.loops(), l.pick(), x -> x.dim() == dim || x.dim() == null);
      return i == null ? Integer.toString(Math.floorMod(l.pick(), dim.size)) : i.name();
    }
    if (ix instanceof Ix.Wrap w) {
      Index i = pick(sc.loops(), w.pick(), ModelText::anyIndex);
      return i == null ? Integer.toString(Math.floorMod(w.pick(), dim.size)) : "(" + i.name() + " + 1) % size(" + dim.name + ")";
    }
    return Integer.toString(Math.floorMod(((Ix.At) ix).n(), dim.size));
  }

  // ---- expressions ----

  private String expr(Ex e, Scope sc) {
    if (e instanceof Ex.Num n) {
      return n.value() < 0 ? "(" + num(n.value()) + ")" : num(n.value());
    }
    if (e instanceof Ex.Read r) {
      return r.scalar().text;
    }
    if (e instanceof Ex.Get g) {
      return g.array().name + indices(g.array().dims, g.i(), g.j(), sc);
    }
    if (e instanceof Ex.Local l) {
      return sc.locals().isEmpty() ? "c0" : sc.locals().get(Math.floorMod(l.pick(), sc.locals().size()));
    }
    if (e instanceof Ex.LoopValue v) {
      Index i = pick(sc.loops(), v.pick(), ModelText::anyIndex);
      return i == null ? "1" : i.name();
    }
    if (e instanceof Ex.Lagged l) {
      Array a = l.array().dims.equals(List.of(Dim.DAY)) ? l.array() : Array.X;
      Index t = pick(sc.loops(), l.pick(), ModelText::dayIndex);
      if (t == null) {
        return a.name + "[" + Math.floorMod(l.pick(), Dim.DAY.size) + "]";
      }
      String lagged = a.name + "[" + t.name() + " - 1]";
      return sc.guarded().contains(t.name()) ? lagged : "(if " + t.name() + " > 0 then " + lagged + " else 0)";
    }
    if (e instanceof Ex.Neg n) {
      return "(-" + expr(n.a(), sc) + ")";
    }
    if (e instanceof Ex.Arith a) {
      String l = expr(a.a(), sc);
      String r = expr(a.b(), sc);
      return a.op() == '/' ? "(" + l + " / (1.5 + sin(" + r + ")))" : "(" + l + " " + a.op() + " " + r + ")";
    }
    if (e instanceof Ex.Unary u) {
      return unary(u.fn(), expr(u.a(), sc));
    }
    if (e instanceof Ex.Binary b) {
      return binary(b.fn(), expr(b.a(), sc), expr(b.b(), sc));
    }
    if (e instanceof Ex.IfElse i) {
      return "(if " + cond(i.c(), sc) + " then " + expr(i.a(), sc) + " else " + expr(i.b(), sc) + ")";
    }
    if (e instanceof Ex.Reduce r) {
      List<Index> loops = loopIndices(r.over());
      String body = expr(r.body(), sc.withLoops(loops));
      String op = r.op().name().toLowerCase(Locale.ROOT);
      if (r.op() == Program.ReduceOp.PROD) {
        body = "1 + 0.1 * tanh(" + body + ")"; // a product of factors near 1 stays moderate
      }
      return "(" + op + "(" + header(loops) + ") (" + body + "))";
    }
    Ex.Call c = (Ex.Call) e;
    String a = expr(c.a(), sc);
    if (sc.callable() == 0) {
      return a;
    }
    return Math.floorMod(c.pick(), sc.callable()) == 0 ? "f1(" + a + ", " + expr(c.b(), sc) + ")" : "f2(" + a + ")";
  }

  private static String unary(Program.Fn1 fn, String a) {
    switch (fn) {
      case EXP: return "exp(tanh(" + a + "))";
      case LOG: return "log(1 + " + a + " ^ 2)";
      case LOG10: return "log10(2 + cos(" + a + "))";
      case SQRT: return "sqrt(1 + " + a + " * " + a + ")";
      case SINH: return "sinh(tanh(" + a + "))";
      case COSH: return "cosh(atan(" + a + "))";
      case TAN: return "tan(tanh(" + a + "))";
      case ASIN: return "asin(0.9 * tanh(" + a + "))";
      case ACOS: return "acos(0.9 * tanh(" + a + "))";
      default: return fn.name().toLowerCase(Locale.ROOT) + "(" + a + ")";
    }
  }

  private static String binary(Program.Fn2 fn, String a, String b) {
    switch (fn) {
      case MIN: return "min(" + a + ", " + b + ")";
      case MAX: return "max(" + a + ", " + b + ")";
      case POW: return "pow(1 + " + a + " ^ 2, tanh(" + b + "))";
      case POW_OPERATOR: return "((1.5 + sin(" + a + ")) ^ atan(" + b + "))";
      default: return "(" + a + " ^ 2)";
    }
  }

  private String cond(Cnd c, Scope sc) {
    if (c instanceof Cnd.Compare k) {
      return expr(k.a(), sc) + " " + k.op() + " " + expr(k.b(), sc);
    }
    if (c instanceof Cnd.IndexTest t) {
      Index i = pick(sc.loops(), t.pick(), ModelText::anyIndex);
      return i == null ? "b " + t.op() + " " + num(t.value() / 4.0) : i.name() + " " + t.op() + " " + t.value();
    }
    if (c instanceof Cnd.And a) {
      return "(" + cond(a.a(), sc) + " && " + cond(a.b(), sc) + ")";
    }
    if (c instanceof Cnd.Or o) {
      return "(" + cond(o.a(), sc) + " || " + cond(o.b(), sc) + ")";
    }
    return "!(" + cond(((Cnd.Not) c).a(), sc) + ")";
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : Double.toString(v);
  }
}
