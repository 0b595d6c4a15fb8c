package org.phloem.compiler.codegen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.data.DimSpec;

/**
 * Moves the real literals of a program out of its code into a constant array the runtime fills (as it
 * fills every array constant, from the layout), so that two programs that differ only in their numbers
 * emit the same bytecode. For {@code phloem watch}: after a changed constant, the class already loaded
 * and JIT-compiled runs again with the new numbers ({@link LoadedClasses}), instead of a fresh class
 * that starts out interpreted. Every literal becomes {@code LITERALS[k]}, k its position in the walk
 * (each occurrence its own element, so which literals happen to be equal does not change the code);
 * 0 and 1 stay in the code (their own instructions, and the simplifier's special cases make a change
 * to or from them a change of the code anyway). The values computed are the same, bit for bit: a load
 * from the array gives the double the literal would have pushed.
 *
 * <p>Not for fits: a literal in the code is a constant the JIT folds; an element of an array is a load.
 */
public final class LiteralsAsData {
  /** The constant array's (and its dim's) name; not a name a model can declare. */
  public static final String ARRAY = "$literals";

  private final List<Double> values = new ArrayList<>();

  private LiteralsAsData() {}

  /** {@code program} with its literals (other than 0 and 1) read from {@link #ARRAY}; unchanged when it has none. */
  public static IrProgram of(IrProgram program) {
    LiteralsAsData l = new LiteralsAsData();
    Map<String, IrFunction> functions = new LinkedHashMap<>();
    for (IrFunction f : program.functions().values()) {
      functions.put(f.name(), new IrFunction(f.name(), f.arguments(), f.results(), f.locals(), l.stmts(f.body())));
    }
    if (l.values.isEmpty()) {
      return program;
    }
    double[] values = l.values.stream().mapToDouble(Double::doubleValue).toArray();
    List<DimSpec> dims = new ArrayList<>(program.dims());
    dims.add(new DimSpec(ARRAY, values.length, 0));
    List<ModelLayout.ArraySlot> arrays = new ArrayList<>(program.arrays());
    arrays.add(new ModelLayout.ArraySlot(ARRAY, List.of(ARRAY), ModelLayout.Fill.CONSTANT, values));
    return new IrProgram(program.name(), program.title(), program.sourceFile(), program.tables(), dims, program.inputs(),
        program.params(), arrays, program.outputs(), program.observations(), functions);
  }

  private List<Stmt> stmts(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>(body.size());
    for (Stmt s : body) {
      out.add(stmt(s));
    }
    return out;
  }

  private Stmt stmt(Stmt s) {
    if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(a.target(), expr(a.value()), a.line());
    } else if (s instanceof Stmt.For f) {
      return f.withBody(stmts(f.body()));
    } else if (s instanceof Stmt.If i) {
      return new Stmt.If(cond(i.cond()), stmts(i.then()), stmts(i.otherwise()), i.line());
    } else if (s instanceof Stmt.Push p) {
      return new Stmt.Push(expr(p.value()));
    }
    return s; // integer statements and fills hold no real literal to move
  }

  private Expr expr(Expr e) {
    if (e instanceof Expr.Num n) {
      double v = n.value();
      if (Double.doubleToRawLongBits(v) == 0L || v == 1.0) {
        return e;
      }
      values.add(v);
      return new Expr.Get(new Ref.Elem(ARRAY, new IExpr.Const(values.size() - 1)));
    } else if (e instanceof Expr.Call c) {
      List<Expr> args = new ArrayList<>(c.args().size());
      for (Expr a : c.args()) {
        args.add(expr(a));
      }
      return new Expr.Call(c.prim(), args);
    } else if (e instanceof Expr.Select s) {
      return new Expr.Select(cond(s.cond()), expr(s.ifTrue()), expr(s.ifFalse()));
    }
    return e; // Get, ToReal
  }

  private Cond cond(Cond c) {
    if (c instanceof Cond.Compare k) {
      return new Cond.Compare(k.op(), expr(k.a()), expr(k.b()));
    } else if (c instanceof Cond.And a) {
      return new Cond.And(cond(a.a()), cond(a.b()));
    } else if (c instanceof Cond.Or o) {
      return new Cond.Or(cond(o.a()), cond(o.b()));
    } else if (c instanceof Cond.Not n) {
      return new Cond.Not(cond(n.a()));
    } else if (c instanceof Cond.IsNaN n) {
      return new Cond.IsNaN(expr(n.value()));
    }
    return c; // IntCompare, Const
  }
}
