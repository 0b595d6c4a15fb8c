package org.phloem.compiler.codegen;

import java.util.List;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * Estimates how many bytes of bytecode {@link MethodEmitter} writes for IR code, instruction by
 * instruction, so the splitter can cut a sweep before emitting it. Local variable accesses are counted
 * at 3 bytes (2 for a slot below 256, 4 above); the class emitter measures the real sizes afterwards
 * and splits finer when an estimate was short.
 */
final class CodeSize {
  /** An {@code xLOAD}/{@code xSTORE} of a local slot. */
  static final int LOCAL = 3;
  /** What a scalar local costs a helper that holds it: loaded from the frame at entry, stored at exit. */
  static final int FRAME_LOCAL = 2 * (LOCAL + 3 + 1 + LOCAL);
  /** What an array costs a helper: passed as an argument, loaded by the caller. */
  static final int ARRAY = 2 * LOCAL;
  /** A call to a helper, before its arguments: this, the frames, the invoke, and some flushed locals. */
  static final int CALL = 60;

  private CodeSize() {}

  static int of(List<Stmt> body) {
    int n = 0;
    for (Stmt s : body) {
      n += of(s);
    }
    return n;
  }

  static int of(Stmt s) {
    if (s instanceof Stmt.Assign) {
      Stmt.Assign a = (Stmt.Assign) s;
      return store(a.target()) + of(a.value());
    } else if (s instanceof Stmt.SetInt) {
      return of(((Stmt.SetInt) s).value()) + LOCAL;
    } else if (s instanceof Stmt.For) {
      Stmt.For f = (Stmt.For) s;
      TapeRun run = TapeRun.of(f);
      // a tape run: its entry and exit calls (about 40 bytes), and an index computation per value (8)
      int tapeRun = run == null ? 0 : 40 + 8 * run.perIteration();
      return loopHeader(f) + of(f.body()) + tapeRun;
    } else if (s instanceof Stmt.If) {
      Stmt.If i = (Stmt.If) s;
      return of(i.cond()) + of(i.then()) + 3 + of(i.otherwise());
    } else if (s instanceof Stmt.Push) {
      return LOCAL + of(((Stmt.Push) s).value()) + 3;
    } else if (s instanceof Stmt.Pop) {
      return store(((Stmt.Pop) s).target()) + LOCAL + 3;
    } else if (s instanceof Stmt.PushInt) {
      return LOCAL + of(((Stmt.PushInt) s).value()) + 3;
    } else if (s instanceof Stmt.PopInt) {
      return 2 * LOCAL + 3;
    } else if (s instanceof Stmt.Schedule) {
      int n = 2 * LOCAL + 3 + 3 + 3; // tape, schedule(), the call, the store
      for (Expr a : ((Stmt.Schedule) s).args()) {
        n += of(a);
      }
      return n;
    } else {
      return LOCAL + 3 + 3; // Fill
    }
  }

  /** A loop without its body: bounds, test, step and jump back. */
  static int loopHeader(Stmt.For f) {
    return of(f.from()) + of(f.to()) + 5 * LOCAL + 14;
  }

  private static int store(Ref target) {
    if (target instanceof Ref.Local) {
      return LOCAL;
    }
    return LOCAL + of(((Ref.Elem) target).index()) + 1;
  }

  static int of(Expr e) {
    if (e instanceof Expr.Num) {
      return pushDouble(((Expr.Num) e).value());
    } else if (e instanceof Expr.Get) {
      Ref r = ((Expr.Get) e).ref();
      return r instanceof Ref.Local ? LOCAL : LOCAL + of(((Ref.Elem) r).index()) + 1;
    } else if (e instanceof Expr.ToReal) {
      return of(((Expr.ToReal) e).value()) + 1;
    } else if (e instanceof Expr.Select) {
      Expr.Select s = (Expr.Select) e;
      return of(s.cond()) + of(s.ifTrue()) + 3 + of(s.ifFalse());
    } else {
      Expr.Call c = (Expr.Call) e;
      int n = c.prim().infix() || c.prim() == Prim.NEG ? 1 : 3; // an instruction, or a Math call
      for (Expr a : c.args()) {
        n += of(a);
      }
      return n;
    }
  }

  static int of(IExpr e) {
    if (e instanceof IExpr.Const) {
      return pushInt(((IExpr.Const) e).value());
    } else if (e instanceof IExpr.Bin) {
      IExpr.Bin b = (IExpr.Bin) e;
      return of(b.a()) + of(b.b()) + (b.op() == IExpr.IOp.WITHIN || b.exact() ? 3 : 1); // invokestatic or one arithmetic op
    }
    return LOCAL; // an int local or a dim size held in a local
  }

  /** The jump-if-false code of a condition. */
  static int of(Cond c) {
    if (c instanceof Cond.Compare) {
      return of(((Cond.Compare) c).a()) + of(((Cond.Compare) c).b()) + 4;
    } else if (c instanceof Cond.IntCompare) {
      return of(((Cond.IntCompare) c).a()) + of(((Cond.IntCompare) c).b()) + 3;
    } else if (c instanceof Cond.And) {
      return of(((Cond.And) c).a()) + of(((Cond.And) c).b());
    } else if (c instanceof Cond.Or) {
      return of(((Cond.Or) c).a()) + 3 + of(((Cond.Or) c).b());
    } else if (c instanceof Cond.Not) {
      return of(((Cond.Not) c).a()) + 3;
    } else if (c instanceof Cond.IsNaN) {
      return of(((Cond.IsNaN) c).value()) + 5;
    }
    return 3;
  }

  static int pushInt(int v) {
    if (v >= -1 && v <= 5) {
      return 1;
    }
    return v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE ? 2 : 3;
  }

  static int pushDouble(double v) {
    return Double.doubleToRawLongBits(v) == 0L || v == 1.0 ? 1 : 3;
  }
}
