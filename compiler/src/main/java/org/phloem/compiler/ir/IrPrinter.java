package org.phloem.compiler.ir;

import java.util.List;
import java.util.Map;
import org.phloem.runtime.ModelLayout;

/**
 * Writes IR as text a modeller can read ({@code phloem compile --emit ir}) and tests can compare.
 * Expressions are fully parenthesised only where precedence requires it.
 */
public final class IrPrinter {
  private final StringBuilder out = new StringBuilder();

  private IrPrinter() {}

  /** The whole program: arrays, then every function. */
  public static String print(IrProgram program) {
    IrPrinter p = new IrPrinter();
    p.out.append("model ").append(program.name()).append('\n');
    for (ModelLayout.ArraySlot a : program.arrays()) {
      p.out.append("  array ").append(a.name()).append(a.dims()).append(' ').append(a.fill().name().toLowerCase()).append('\n');
    }
    for (IrFunction f : program.functions().values()) {
      p.out.append('\n');
      p.function(f);
    }
    return p.out.toString();
  }

  /** One function. */
  public static String print(IrFunction f) {
    IrPrinter p = new IrPrinter();
    p.function(f);
    return p.out.toString();
  }

  /** One expression. */
  public static String print(Expr e) {
    return new IrPrinter().expr(e, 0);
  }

  private void function(IrFunction f) {
    out.append("fn ").append(f.name()).append('(').append(String.join(", ", f.arguments())).append(") -> ")
        .append(String.join(", ", f.results())).append(" {\n");
    StringBuilder reals = new StringBuilder();
    StringBuilder ints = new StringBuilder();
    for (Map.Entry<String, ScalarType> e : f.locals().entrySet()) {
      StringBuilder b = e.getValue() == ScalarType.REAL ? reals : ints;
      b.append(b.length() == 0 ? "" : ", ").append(e.getKey());
    }
    if (reals.length() > 0) {
      out.append("  real ").append(reals).append('\n');
    }
    if (ints.length() > 0) {
      out.append("  int ").append(ints).append('\n');
    }
    block(f.body(), 1);
    out.append("}\n");
  }

  private void block(List<Stmt> body, int depth) {
    for (Stmt s : body) {
      stmt(s, depth);
    }
  }

  private void indent(int depth) {
    out.append("  ".repeat(depth));
  }

  private void stmt(Stmt s, int depth) {
    indent(depth);
    if (s instanceof Stmt.Assign) {
      Stmt.Assign a = (Stmt.Assign) s;
      out.append(ref(a.target())).append(" = ").append(expr(a.value(), 0)).append('\n');
    } else if (s instanceof Stmt.SetInt) {
      Stmt.SetInt a = (Stmt.SetInt) s;
      out.append(a.local()).append(" = ").append(iexpr(a.value(), 0)).append('\n');
    } else if (s instanceof Stmt.For) {
      Stmt.For f = (Stmt.For) s;
      out.append("for ").append(f.index()).append(" in ").append(iexpr(f.from(), 0))
          .append(f.descending() ? " downfrom " : " until ").append(iexpr(f.to(), 0)).append(" {\n");
      block(f.body(), depth + 1);
      indent(depth);
      out.append("}\n");
    } else if (s instanceof Stmt.If) {
      Stmt.If i = (Stmt.If) s;
      out.append("if ").append(cond(i.cond())).append(" {\n");
      block(i.then(), depth + 1);
      if (!i.otherwise().isEmpty()) {
        indent(depth);
        out.append("} else {\n");
        block(i.otherwise(), depth + 1);
      }
      indent(depth);
      out.append("}\n");
    } else if (s instanceof Stmt.Push) {
      out.append("push ").append(expr(((Stmt.Push) s).value(), 0)).append('\n');
    } else if (s instanceof Stmt.Pop) {
      out.append("pop ").append(ref(((Stmt.Pop) s).target())).append('\n');
    } else if (s instanceof Stmt.PushInt) {
      out.append("pushi ").append(iexpr(((Stmt.PushInt) s).value(), 0)).append('\n');
    } else if (s instanceof Stmt.PopInt) {
      out.append("popi ").append(((Stmt.PopInt) s).local()).append('\n');
    } else if (s instanceof Stmt.Fill) {
      Stmt.Fill f = (Stmt.Fill) s;
      out.append("fill ").append(f.array()).append(" = ").append(number(f.value())).append('\n');
    } else if (s instanceof Stmt.Schedule) {
      Stmt.Schedule c = (Stmt.Schedule) s;
      List<String> args = new java.util.ArrayList<>();
      c.args().forEach(a -> args.add(expr(a, 0)));
      out.append(c.result()).append(" = schedule.").append(c.call().method()).append('(').append(String.join(", ", args)).append(")\n");
    } else {
      throw new AssertionError(s);
    }
  }

  private String ref(Ref r) {
    if (r instanceof Ref.Local) {
      return r.name();
    }
    return r.name() + "[" + iexpr(((Ref.Elem) r).index(), 0) + "]";
  }

  // Precedence levels: 0 top, 1 additive, 2 multiplicative, 3 unary.
  private String expr(Expr e, int context) {
    if (e instanceof Expr.Num) {
      double v = ((Expr.Num) e).value();
      return v < 0 && context > 0 ? "(" + number(v) + ")" : number(v);
    }
    if (e instanceof Expr.Get) {
      return ref(((Expr.Get) e).ref());
    }
    if (e instanceof Expr.ToReal) {
      return "real(" + iexpr(((Expr.ToReal) e).value(), 0) + ")";
    }
    if (e instanceof Expr.Select) {
      Expr.Select s = (Expr.Select) e;
      String text = "if " + cond(s.cond()) + " then " + expr(s.ifTrue(), 0) + " else " + expr(s.ifFalse(), 0);
      return context > 0 ? "(" + text + ")" : text;
    }
    Expr.Call c = (Expr.Call) e;
    switch (c.prim()) {
      case ADD:
      case SUB: {
        String text = expr(c.args().get(0), 1) + " " + c.prim().symbol() + " " + expr(c.args().get(1), 2);
        return context > 1 ? "(" + text + ")" : text;
      }
      case MUL:
      case DIV: {
        String text = expr(c.args().get(0), 2) + " " + c.prim().symbol() + " " + expr(c.args().get(1), 3);
        return context > 2 ? "(" + text + ")" : text;
      }
      case NEG:
        return "-" + expr(c.args().get(0), 3);
      default: {
        StringBuilder b = new StringBuilder(c.prim().symbol()).append('(');
        for (int k = 0; k < c.args().size(); k++) {
          b.append(k == 0 ? "" : ", ").append(expr(c.args().get(k), 0));
        }
        return b.append(')').toString();
      }
    }
  }

  private String iexpr(IExpr e, int context) {
    if (e instanceof IExpr.Const) {
      return Integer.toString(((IExpr.Const) e).value());
    }
    if (e instanceof IExpr.Local) {
      return ((IExpr.Local) e).name();
    }
    if (e instanceof IExpr.DimSize) {
      return "size(" + ((IExpr.DimSize) e).dim() + ")";
    }
    IExpr.Bin b = (IExpr.Bin) e;
    if (b.op() == IExpr.IOp.WITHIN) {
      return "within(" + iexpr(b.a(), 0) + ", " + iexpr(b.b(), 0) + ")";
    }
    int level = b.op() == IExpr.IOp.ADD || b.op() == IExpr.IOp.SUB ? 1 : 2;
    String text = iexpr(b.a(), level) + " " + b.op().symbol() + " " + iexpr(b.b(), level + 1);
    return context > level ? "(" + text + ")" : text;
  }

  private String cond(Cond c) {
    if (c instanceof Cond.Compare) {
      Cond.Compare k = (Cond.Compare) c;
      return expr(k.a(), 1) + " " + k.op().symbol() + " " + expr(k.b(), 1);
    }
    if (c instanceof Cond.IntCompare) {
      Cond.IntCompare k = (Cond.IntCompare) c;
      return iexpr(k.a(), 1) + " " + k.op().symbol() + " " + iexpr(k.b(), 1);
    }
    if (c instanceof Cond.And) {
      return "(" + cond(((Cond.And) c).a()) + " && " + cond(((Cond.And) c).b()) + ")";
    }
    if (c instanceof Cond.Or) {
      return "(" + cond(((Cond.Or) c).a()) + " || " + cond(((Cond.Or) c).b()) + ")";
    }
    if (c instanceof Cond.Not) {
      return "!(" + cond(((Cond.Not) c).a()) + ")";
    }
    if (c instanceof Cond.IsNaN) {
      return "isnan(" + expr(((Cond.IsNaN) c).value(), 0) + ")";
    }
    return Boolean.toString(((Cond.Const) c).value());
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
