package org.phloem.compiler.ad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.Stmt;

/** A terse way to write IR by hand in tests. */
final class Ir {
  private Ir() {}

  static Expr n(double v) {
    return Expr.num(v);
  }

  static Expr v(String local) {
    return Expr.local(local);
  }

  static Expr at(String array, IExpr index) {
    return Expr.elem(array, index);
  }

  static Expr at(String array, int index) {
    return Expr.elem(array, IExpr.of(index));
  }

  static Expr f(Prim p, Expr... args) {
    return Expr.call(p, args);
  }

  static Expr add(Expr a, Expr b) {
    return Expr.add(a, b);
  }

  static Expr sub(Expr a, Expr b) {
    return Expr.sub(a, b);
  }

  static Expr mul(Expr a, Expr b) {
    return Expr.mul(a, b);
  }

  static Expr div(Expr a, Expr b) {
    return Expr.div(a, b);
  }

  static Expr select(Cond c, Expr a, Expr b) {
    return new Expr.Select(c, a, b);
  }

  static Cond cmp(Cond.CmpOp op, Expr a, Expr b) {
    return new Cond.Compare(op, a, b);
  }

  static Cond notNaN(Expr e) {
    return new Cond.Not(new Cond.IsNaN(e));
  }

  static IExpr i(String local) {
    return IExpr.local(local);
  }

  static IExpr c(int v) {
    return IExpr.of(v);
  }

  static IExpr size(String dim) {
    return new IExpr.DimSize(dim);
  }

  static IExpr iadd(IExpr a, IExpr b) {
    return new IExpr.Bin(IExpr.IOp.ADD, a, b);
  }

  static IExpr isub(IExpr a, IExpr b) {
    return new IExpr.Bin(IExpr.IOp.SUB, a, b);
  }

  static IExpr imul(IExpr a, IExpr b) {
    return new IExpr.Bin(IExpr.IOp.MUL, a, b);
  }

  static Stmt set(String local, Expr e) {
    return new Stmt.Assign(new Ref.Local(local), e, 0);
  }

  static Stmt store(String array, IExpr index, Expr e) {
    return new Stmt.Assign(new Ref.Elem(array, index), e, 0);
  }

  static Stmt store(String array, int index, Expr e) {
    return store(array, IExpr.of(index), e);
  }

  static Stmt seti(String local, IExpr e) {
    return new Stmt.SetInt(local, e);
  }

  static Stmt loop(String index, IExpr from, IExpr to, Stmt... body) {
    return new Stmt.For(index, from, to, false, List.of(body), 0);
  }

  static Stmt when(Cond c, List<Stmt> then, List<Stmt> otherwise) {
    return new Stmt.If(c, then, otherwise, 0);
  }

  /** A function whose locals are inferred: assigned locals are reals, loop indices and SetInt targets ints. */
  static IrFunction function(String name, List<String> args, String result, Stmt... body) {
    Map<String, ScalarType> locals = new LinkedHashMap<>();
    locals.put(result, ScalarType.REAL);
    declare(List.of(body), locals);
    return new IrFunction(name, args, List.of(result), locals, new ArrayList<>(List.of(body)));
  }

  private static void declare(List<Stmt> body, Map<String, ScalarType> locals) {
    for (Stmt s : body) {
      if (s instanceof Stmt.Assign && ((Stmt.Assign) s).target() instanceof Ref.Local) {
        locals.putIfAbsent(((Stmt.Assign) s).target().name(), ScalarType.REAL);
      } else if (s instanceof Stmt.SetInt) {
        locals.putIfAbsent(((Stmt.SetInt) s).local(), ScalarType.INT);
      } else if (s instanceof Stmt.For) {
        locals.putIfAbsent(((Stmt.For) s).index(), ScalarType.INT);
        declare(((Stmt.For) s).body(), locals);
      } else if (s instanceof Stmt.If) {
        declare(((Stmt.If) s).then(), locals);
        declare(((Stmt.If) s).otherwise(), locals);
      }
    }
  }
}
