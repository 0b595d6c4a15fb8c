package org.phloem.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.ScalarType;
import org.phloem.compiler.ir.Stmt;

/** Emits the body of one generated method from one IR function. */
final class MethodEmitter {
  static final String BASE = "org/phloem/runtime/GeneratedModel";
  private static final String TAPE = "org/phloem/runtime/Tape";
  private static final String KERNELS = "org/phloem/runtime/Kernels";

  private final MethodVisitor mv;
  private final IrProgram program;
  private final IrFunction function;
  private final SweepSignature signature;
  private final LocalSlots slots;
  private final Map<String, ScalarType> locals;
  private int tapeSlot = -1;

  MethodEmitter(MethodVisitor mv, IrProgram program, IrFunction function) {
    this.mv = mv;
    this.program = program;
    this.function = function;
    this.signature = SweepSignature.of(function.name());
    this.locals = function.locals();
    int argumentCount = function.arguments().size() + (signature.resultsInArray ? 1 : 0);
    this.slots = new LocalSlots(1 + argumentCount);
  }

  /** Emits prologue, body and return. */
  void emit() {
    mv.visitCode();
    int arg = 1;
    for (String a : function.arguments()) {
      slots.declareAt(array(a), arg++);
    }
    int resultSlot = signature.resultsInArray ? arg : -1;
    prologue();
    block(function.body());
    epilogue(resultSlot);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private void prologue() {
    UsedNames used = UsedNames.of(function.body());
    for (String array : used.arrays) {
      if (slots.has(array(array))) {
        continue; // an argument
      }
      int slot = slots.declare(array(array), 1);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitFieldInsn(GETFIELD, BASE, "arrays", "[[D");
      pushInt(program.arrayIndex(array));
      mv.visitInsn(AALOAD);
      mv.visitVarInsn(ASTORE, slot);
    }
    for (String dim : used.dims) {
      int slot = slots.declare("size$" + dim, 1);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitFieldInsn(GETFIELD, BASE, "dimSizes", "[I");
      pushInt(program.dimIndex(dim));
      mv.visitInsn(IALOAD);
      mv.visitVarInsn(ISTORE, slot);
    }
    if (used.tape) {
      tapeSlot = slots.allocate(1);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitFieldInsn(GETFIELD, BASE, "tape", "L" + TAPE + ";");
      mv.visitVarInsn(ASTORE, tapeSlot);
    }
    // Every local starts at zero, as in the interpreter (and so the verifier sees it assigned).
    for (Map.Entry<String, ScalarType> e : locals.entrySet()) {
      if (e.getValue() == ScalarType.REAL) {
        int slot = slots.declare(e.getKey(), 2);
        mv.visitInsn(DCONST_0);
        mv.visitVarInsn(DSTORE, slot);
      } else {
        int slot = slots.declare(e.getKey(), 1);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, slot);
      }
    }
  }

  private void epilogue(int resultSlot) {
    List<String> results = function.results();
    if (signature.resultsInArray) {
      for (int k = 0; k < results.size(); k++) {
        mv.visitVarInsn(ALOAD, resultSlot);
        pushInt(k);
        mv.visitVarInsn(DLOAD, slots.of(results.get(k)));
        mv.visitInsn(DASTORE);
      }
      mv.visitInsn(RETURN);
    } else {
      mv.visitVarInsn(DLOAD, slots.of(results.get(0)));
      mv.visitInsn(DRETURN);
    }
  }

  private void block(List<Stmt> body) {
    for (Stmt s : body) {
      stmt(s);
    }
  }

  private void stmt(Stmt s) {
    if (s instanceof Stmt.Assign) {
      Stmt.Assign a = (Stmt.Assign) s;
      store(a.target(), () -> expr(a.value()));
    } else if (s instanceof Stmt.SetInt) {
      Stmt.SetInt a = (Stmt.SetInt) s;
      iexpr(a.value());
      mv.visitVarInsn(ISTORE, slots.of(a.local()));
    } else if (s instanceof Stmt.For) {
      loop((Stmt.For) s);
    } else if (s instanceof Stmt.If) {
      Stmt.If i = (Stmt.If) s;
      Label otherwise = new Label();
      Label end = new Label();
      jumpIfFalse(i.cond(), otherwise);
      block(i.then());
      mv.visitJumpInsn(GOTO, end);
      mv.visitLabel(otherwise);
      block(i.otherwise());
      mv.visitLabel(end);
    } else if (s instanceof Stmt.Push) {
      mv.visitVarInsn(ALOAD, tapeSlot);
      expr(((Stmt.Push) s).value());
      mv.visitMethodInsn(INVOKEVIRTUAL, TAPE, "pushD", "(D)V", false);
    } else if (s instanceof Stmt.Pop) {
      store(((Stmt.Pop) s).target(), () -> {
        mv.visitVarInsn(ALOAD, tapeSlot);
        mv.visitMethodInsn(INVOKEVIRTUAL, TAPE, "popD", "()D", false);
      });
    } else if (s instanceof Stmt.PushInt) {
      mv.visitVarInsn(ALOAD, tapeSlot);
      iexpr(((Stmt.PushInt) s).value());
      mv.visitMethodInsn(INVOKEVIRTUAL, TAPE, "pushI", "(I)V", false);
    } else if (s instanceof Stmt.PopInt) {
      mv.visitVarInsn(ALOAD, tapeSlot);
      mv.visitMethodInsn(INVOKEVIRTUAL, TAPE, "popI", "()I", false);
      mv.visitVarInsn(ISTORE, slots.of(((Stmt.PopInt) s).local()));
    } else if (s instanceof Stmt.Fill) {
      Stmt.Fill f = (Stmt.Fill) s;
      mv.visitVarInsn(ALOAD, slots.of(array(f.array())));
      pushDouble(f.value());
      mv.visitMethodInsn(INVOKESTATIC, KERNELS, "fill", "([DD)V", false);
    } else {
      throw new AssertionError(s);
    }
  }

  /** Stores the double {@code value} leaves on the stack into {@code target}. */
  private void store(Ref target, Runnable value) {
    if (target instanceof Ref.Local) {
      value.run();
      mv.visitVarInsn(DSTORE, slots.of(target.name()));
    } else {
      mv.visitVarInsn(ALOAD, slots.of(array(target.name())));
      iexpr(((Ref.Elem) target).index());
      value.run();
      mv.visitInsn(DASTORE);
    }
  }

  private void loop(Stmt.For f) {
    int index = slots.of(f.index());
    int limit = slots.allocate(1);
    Label test = new Label();
    Label end = new Label();
    if (f.descending()) {
      // index = to - 1; while (index >= from) { body; index-- }
      iexpr(f.from());
      mv.visitVarInsn(ISTORE, limit);
      iexpr(f.to());
      mv.visitInsn(ICONST_1);
      mv.visitInsn(ISUB);
      mv.visitVarInsn(ISTORE, index);
      mv.visitLabel(test);
      mv.visitVarInsn(ILOAD, index);
      mv.visitVarInsn(ILOAD, limit);
      mv.visitJumpInsn(IF_ICMPLT, end);
      block(f.body());
      mv.visitIincInsn(index, -1);
    } else {
      iexpr(f.to());
      mv.visitVarInsn(ISTORE, limit);
      iexpr(f.from());
      mv.visitVarInsn(ISTORE, index);
      mv.visitLabel(test);
      mv.visitVarInsn(ILOAD, index);
      mv.visitVarInsn(ILOAD, limit);
      mv.visitJumpInsn(IF_ICMPGE, end);
      block(f.body());
      mv.visitIincInsn(index, 1);
    }
    mv.visitJumpInsn(GOTO, test);
    mv.visitLabel(end);
  }

  private void expr(Expr e) {
    if (e instanceof Expr.Num) {
      pushDouble(((Expr.Num) e).value());
    } else if (e instanceof Expr.Get) {
      Ref r = ((Expr.Get) e).ref();
      if (r instanceof Ref.Local) {
        mv.visitVarInsn(DLOAD, slots.of(r.name()));
      } else {
        mv.visitVarInsn(ALOAD, slots.of(array(r.name())));
        iexpr(((Ref.Elem) r).index());
        mv.visitInsn(DALOAD);
      }
    } else if (e instanceof Expr.ToReal) {
      iexpr(((Expr.ToReal) e).value());
      mv.visitInsn(I2D);
    } else if (e instanceof Expr.Select) {
      Expr.Select s = (Expr.Select) e;
      Label otherwise = new Label();
      Label end = new Label();
      jumpIfFalse(s.cond(), otherwise);
      expr(s.ifTrue());
      mv.visitJumpInsn(GOTO, end);
      mv.visitLabel(otherwise);
      expr(s.ifFalse());
      mv.visitLabel(end);
    } else {
      call((Expr.Call) e);
    }
  }

  private void call(Expr.Call c) {
    for (Expr a : c.args()) {
      expr(a);
    }
    Prim p = c.prim();
    switch (p) {
      case ADD: mv.visitInsn(DADD); return;
      case SUB: mv.visitInsn(DSUB); return;
      case MUL: mv.visitInsn(DMUL); return;
      case DIV: mv.visitInsn(DDIV); return;
      case NEG: mv.visitInsn(DNEG); return;
      default:
        String descriptor = p.arity() == 1 ? "(D)D" : "(DD)D";
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", MathNames.of(p), descriptor, false);
    }
  }

  private void iexpr(IExpr e) {
    if (e instanceof IExpr.Const) {
      pushInt(((IExpr.Const) e).value());
    } else if (e instanceof IExpr.Local) {
      mv.visitVarInsn(ILOAD, slots.of(((IExpr.Local) e).name()));
    } else if (e instanceof IExpr.DimSize) {
      mv.visitVarInsn(ILOAD, slots.of("size$" + ((IExpr.DimSize) e).dim()));
    } else {
      IExpr.Bin b = (IExpr.Bin) e;
      iexpr(b.a());
      iexpr(b.b());
      switch (b.op()) {
        case ADD: mv.visitInsn(IADD); break;
        case SUB: mv.visitInsn(ISUB); break;
        case MUL: mv.visitInsn(IMUL); break;
        case MOD: mv.visitInsn(IREM); break;
        default: throw new AssertionError(b.op());
      }
    }
  }

  /** Jumps to {@code target} when {@code c} is false; falls through when true. */
  private void jumpIfFalse(Cond c, Label target) {
    if (c instanceof Cond.Compare) {
      Cond.Compare k = (Cond.Compare) c;
      expr(k.a());
      expr(k.b());
      // As javac does: the NaN-biased compare makes every ordered comparison with NaN false.
      switch (k.op()) {
        case LT: mv.visitInsn(DCMPG); mv.visitJumpInsn(IFGE, target); return;
        case LE: mv.visitInsn(DCMPG); mv.visitJumpInsn(IFGT, target); return;
        case GT: mv.visitInsn(DCMPL); mv.visitJumpInsn(IFLE, target); return;
        case GE: mv.visitInsn(DCMPL); mv.visitJumpInsn(IFLT, target); return;
        case EQ: mv.visitInsn(DCMPL); mv.visitJumpInsn(IFNE, target); return;
        case NE: mv.visitInsn(DCMPL); mv.visitJumpInsn(IFEQ, target); return;
        default: throw new AssertionError(k.op());
      }
    } else if (c instanceof Cond.IntCompare) {
      Cond.IntCompare k = (Cond.IntCompare) c;
      iexpr(k.a());
      iexpr(k.b());
      switch (k.op()) {
        case LT: mv.visitJumpInsn(IF_ICMPGE, target); return;
        case LE: mv.visitJumpInsn(IF_ICMPGT, target); return;
        case GT: mv.visitJumpInsn(IF_ICMPLE, target); return;
        case GE: mv.visitJumpInsn(IF_ICMPLT, target); return;
        case EQ: mv.visitJumpInsn(IF_ICMPNE, target); return;
        case NE: mv.visitJumpInsn(IF_ICMPEQ, target); return;
        default: throw new AssertionError(k.op());
      }
    } else if (c instanceof Cond.And) {
      jumpIfFalse(((Cond.And) c).a(), target);
      jumpIfFalse(((Cond.And) c).b(), target);
    } else if (c instanceof Cond.Or) {
      Label taken = new Label();
      jumpIfTrue(((Cond.Or) c).a(), taken);
      jumpIfFalse(((Cond.Or) c).b(), target);
      mv.visitLabel(taken);
    } else if (c instanceof Cond.Not) {
      jumpIfTrue(((Cond.Not) c).a(), target);
    } else if (c instanceof Cond.IsNaN) {
      expr(((Cond.IsNaN) c).value());
      mv.visitInsn(DUP2);
      mv.visitInsn(DCMPL); // 0 exactly when the value equals itself, i.e. is not NaN
      mv.visitJumpInsn(IFEQ, target);
    } else {
      if (!((Cond.Const) c).value()) {
        mv.visitJumpInsn(GOTO, target);
      }
    }
  }

  /** Jumps to {@code target} when {@code c} is true; falls through when false. */
  private void jumpIfTrue(Cond c, Label target) {
    Label fallThrough = new Label();
    jumpIfFalse(c, fallThrough);
    mv.visitJumpInsn(GOTO, target);
    mv.visitLabel(fallThrough);
  }

  private void pushInt(int v) {
    if (v >= -1 && v <= 5) {
      mv.visitInsn(ICONST_0 + v);
    } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
      mv.visitIntInsn(BIPUSH, v);
    } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
      mv.visitIntInsn(SIPUSH, v);
    } else {
      mv.visitLdcInsn(v);
    }
  }

  private void pushDouble(double v) {
    if (Double.doubleToRawLongBits(v) == 0L) {
      mv.visitInsn(DCONST_0);
    } else if (v == 1.0) {
      mv.visitInsn(DCONST_1);
    } else {
      mv.visitLdcInsn(v);
    }
  }

  /**
   * The slot key of array {@code name}. Arrays and scalar locals are separate namespaces in the IR (a
   * loop index may be called {@code p} like the parameter vector, a fn argument like an output array),
   * so they must not share keys here.
   */
  private static String array(String name) {
    return "[]" + name;
  }

}
