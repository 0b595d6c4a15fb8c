package org.phloem.compiler.codegen;

import static org.phloem.compiler.ir.Expr.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrOutput;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.Stmt;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.OutputInfo;
import org.phloem.runtime.data.DimSpec;
import org.phloem.runtime.data.InputSpec;

/**
 * A hand-built forward IR program touching every statement and expression form, for codegen tests:
 * a scalar state carried through a loop over {@code day}, an indexed parameter, a branch, a
 * conditional expression, int arithmetic in indices, reversed loops, tape use, math calls, and loops
 * that only set elements to a constant.
 */
final class SampleIr {
  private SampleIr() {}

  static IrProgram program() {
    IExpr d = IExpr.local("d");
    IExpr k = IExpr.local("k");
    Map<String, ScalarType> locals = new LinkedHashMap<>();
    locals.put("J", ScalarType.REAL);
    locals.put("a", ScalarType.REAL);
    locals.put("s", ScalarType.REAL);
    locals.put("t", ScalarType.REAL);
    locals.put("d", ScalarType.INT);
    locals.put("k", ScalarType.INT);
    locals.put("n", ScalarType.INT);
    List<Stmt> body = List.of(
        new Stmt.Assign(new Ref.Local("J"), num(0), 1),
        new Stmt.Assign(new Ref.Local("a"), elem("p", IExpr.of(0)), 1),
        new Stmt.For("k", IExpr.of(0), new IExpr.DimSize("two"), false,
            List.of(new Stmt.Assign(new Ref.Elem("b", k), elem("p", IExpr.plus(IExpr.of(1), k)), 2)), 2),
        new Stmt.Assign(new Ref.Local("s"), num(1.5), 3),
        new Stmt.For("d", IExpr.of(0), new IExpr.DimSize("day"), false, List.of(
            new Stmt.Assign(new Ref.Local("t"),
                mul(elem("x", d), elem("b", new IExpr.Bin(IExpr.IOp.MOD, d, IExpr.of(2)))), 4),
            new Stmt.Assign(new Ref.Local("s"),
                add(mul(local("s"), call(Prim.EXP, mul(num(-0.1), local("a")))), local("t")), 5),
            new Stmt.If(new Cond.Compare(Cond.CmpOp.GT, local("s"), num(2)),
                List.of(new Stmt.Assign(new Ref.Elem("y", d), call(Prim.SQRT, local("s")), 6)),
                List.of(new Stmt.Assign(new Ref.Elem("y", d),
                    new Expr.Select(new Cond.Or(new Cond.IsNaN(elem("x", d)),
                        new Cond.IntCompare(Cond.CmpOp.EQ, d, IExpr.of(0))), num(0),
                        call(Prim.MAX, local("s"), elem("y", new IExpr.Bin(IExpr.IOp.SUB, d, IExpr.of(1))))), 7)),
                6),
            new Stmt.Push(local("s")),
            new Stmt.PushInt(d)), 4),
        new Stmt.For("d", IExpr.of(0), new IExpr.DimSize("day"), true, List.of(
            new Stmt.PopInt("n"),
            new Stmt.Pop(new Ref.Local("t")),
            new Stmt.Assign(new Ref.Local("J"),
                add(local("J"), mul(new Expr.ToReal(IExpr.local("n")), call(Prim.POW, local("t"), num(0.5)))), 8)), 8),
        new Stmt.Fill("w", 2.0),
        // loops that only set elements to a constant (emitted as Kernels.fill): part of w, none, w[0] downwards
        new Stmt.For("k", IExpr.of(1), new IExpr.DimSize("two"), false, List.of(new Stmt.Assign(new Ref.Elem("w", k), num(3), 9)), 9),
        new Stmt.For("k", IExpr.of(2), new IExpr.DimSize("two"), false, List.of(new Stmt.Assign(new Ref.Elem("w", k), num(5), 9)), 9),
        new Stmt.For("k", IExpr.of(0), IExpr.of(1), true, List.of(new Stmt.Assign(new Ref.Elem("w", k), num(-0.25), 9)), 9),
        new Stmt.Assign(new Ref.Local("J"), add(local("J"), add(elem("w", IExpr.of(1)), elem("w", IExpr.of(0)))), 9));
    IrFunction forward = new IrFunction("forward", List.of("p"), List.of("J"), locals, body);
    return new IrProgram("sample", "codegen sample", "sample.phl", List.of(),
        List.of(new DimSpec("day", -1, 1), new DimSpec("two", 2, 1)),
        List.of(new InputSpec("x", List.of("day"), null, null, true, 1)),
        List.of(new ModelLayout.ParamLayout("a", List.of(), new double[] {1}, new double[] {0.5},
                new double[] {Double.NEGATIVE_INFINITY}, new double[] {Double.POSITIVE_INFINITY}, false, "", "", 1),
            new ModelLayout.ParamLayout("b", List.of("two"), new double[] {1, 2}, new double[] {0.5},
                new double[] {Double.NEGATIVE_INFINITY}, new double[] {Double.POSITIVE_INFINITY}, false, "", "", 1)),
        List.of(new ModelLayout.ArraySlot("x", List.of("day"), ModelLayout.Fill.INPUT, null),
            new ModelLayout.ArraySlot("b", List.of("two"), ModelLayout.Fill.WORK, null),
            new ModelLayout.ArraySlot("y", List.of("day"), ModelLayout.Fill.WORK, null),
            new ModelLayout.ArraySlot("w", List.of("two"), ModelLayout.Fill.WORK, null)),
        List.of(new IrOutput("y", "", OutputInfo.Role.OUTPUT, "y", null)),
        List.of(),
        Map.of("forward", forward));
  }
}
