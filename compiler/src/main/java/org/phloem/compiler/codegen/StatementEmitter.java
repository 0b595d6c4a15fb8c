package org.phloem.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.List;
import java.util.function.IntConsumer;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.phloem.compiler.ir.Cond;
import org.phloem.compiler.ir.Expr;
import org.phloem.compiler.ir.IExpr;
import org.phloem.compiler.ir.Prim;
import org.phloem.compiler.ir.Ref;
import org.phloem.compiler.ir.Stmt;

/**
 * Emits IR statements and expressions as instructions, over the local slots a method has set up:
 * scalars in their own slots, arrays and dim sizes in slots loaded by the method's prologue.
 */
final class StatementEmitter {
  private static final String TAPE = MethodEmitter.TAPE;
  private static final String KERNELS = "org/phloem/runtime/Kernels";
  private static final String REVOLVE = "org/phloem/runtime/Revolve";

  private final MethodVisitor mv;
  private final LocalSlots slots;
  private int tapeSlot = -1;

  StatementEmitter(MethodVisitor mv, LocalSlots slots) {
    this.mv = mv;
    this.slots = slots;
  }

  /** The slot holding the tape, once the method has one. */
  void tapeAt(int slot) {
    tapeSlot = slot;
  }

  /** Emits one statement. */
  void stmt(Stmt s) {
    if (s instanceof Stmt.Assign) {
      Stmt.Assign a = (Stmt.Assign) s;
      store(a.target(), () -> expr(a.value()));
    } else if (s instanceof Stmt.SetInt) {
      Stmt.SetInt a = (Stmt.SetInt) s;
      iexpr(a.value());
      mv.visitVarInsn(ISTORE, slots.of(a.local()));
    } else if (s instanceof Stmt.For f) {
      Stmt.Assign fill = constantFill(f);
      if (fill != null) {
        // The index is given a value, as a loop gives it one first: the frame analysis (ExposedReads) counts a loop's
        // index as written after it, and a method of a split sweep hands it to a helper that touches a
        // local of that name (without this store the JVM's verifier rejected such a class).
        iexpr(f.from());
        mv.visitVarInsn(ISTORE, slots.of(f.index()));
        mv.visitVarInsn(ALOAD, slots.of(LocalSlots.array(fill.target().name())));
        iexpr(f.from());
        iexpr(f.to());
        pushDouble(((Expr.Num) fill.value()).value());
        mv.visitMethodInsn(INVOKESTATIC, KERNELS, "fill", "([DIID)V", false);
      } else {
        TapeRun run = tapeSlot >= 0 ? TapeRun.of(f) : null;
        if (run != null) {
          tapeRunLoop(f, run);
        } else {
          loop(f, () -> block(f.body()));
        }
      }
    } else if (s instanceof Stmt.If) {
      Stmt.If i = (Stmt.If) s;
      branch(i.cond(), () -> block(i.then()), () -> block(i.otherwise()));
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
      mv.visitVarInsn(ALOAD, slots.of(LocalSlots.array(f.array())));
      pushDouble(f.value());
      mv.visitMethodInsn(INVOKESTATIC, KERNELS, "fill", "([DD)V", false);
    } else if (s instanceof Stmt.Schedule) {
      Stmt.Schedule c = (Stmt.Schedule) s;
      mv.visitVarInsn(ALOAD, tapeSlot);
      mv.visitMethodInsn(INVOKEVIRTUAL, TAPE, "schedule", "()L" + REVOLVE + ";", false);
      c.args().forEach(this::expr);
      mv.visitMethodInsn(INVOKEVIRTUAL, REVOLVE, c.call().method(), c.call().descriptor(), false);
      mv.visitVarInsn(ISTORE, slots.of(c.result()));
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
      mv.visitVarInsn(ALOAD, slots.of(LocalSlots.array(target.name())));
      iexpr(((Ref.Elem) target).index());
      value.run();
      mv.visitInsn(DASTORE);
    }
  }

  private void block(List<Stmt> body) {
    for (Stmt s : body) {
      stmt(s);
    }
  }

  /**
   * The one statement of a loop that only sets every element it visits to a constant ({@code a[i] = 0}
   * for i in from until to, either direction: how every model variable is reset at the start of a
   * run), or null. Such a loop is emitted as one call to {@link org.phloem.runtime.Kernels#fill}: a
   * method with several hot loops is compiled by HotSpot once per loop (on-stack replacement) before
   * it is compiled whole, and the DALEC gradient's 12 reset loops made its first sweep compile up to
   * a dozen times (tests/BENCHMARKS.md, "Launch-to-launch spread": time to compiled speed).
   */
  static Stmt.Assign constantFill(Stmt.For f) {
    if (f.body().size() != 1 || !(f.body().get(0) instanceof Stmt.Assign a)) {
      return null;
    }
    boolean byIndex = a.target() instanceof Ref.Elem e && e.index() instanceof IExpr.Local l && l.name().equals(f.index());
    return byIndex && a.value() instanceof Expr.Num ? a : null;
  }

  /** Emits an if/else around what {@code then} and {@code otherwise} emit. */
  void branch(Cond cond, Runnable then, Runnable otherwise) {
    Label elseLabel = new Label();
    Label end = new Label();
    jumpIfFalse(cond, elseLabel);
    then.run();
    mv.visitJumpInsn(GOTO, end);
    mv.visitLabel(elseLabel);
    otherwise.run();
    mv.visitLabel(end);
  }

  /** Emits loop {@code f} around what {@code body} emits: its bounds evaluated once, its index stepped. */
  void loop(Stmt.For f, Runnable body) {
    loop(f, limit -> {}, body);
  }

  /**
   * Emits a {@link TapeRun} loop: before it, one tape call that reserves (or takes back) all its values and
   * the offset its positions count from; in it, the pushes and pops as stores and loads of the tape's
   * array at {@code offset ± k·index ± j}; after it, one call that counts the stored values as recorded.
   */
  private void tapeRunLoop(Stmt.For f, TapeRun run) {
    int k = run.perIteration();
    int index = slots.of(f.index());
    int count = slots.allocate(1);
    int longCount = slots.allocate(2);
    int array = slots.allocate(1);
    int offset = slots.allocate(1);
    // The positions rise with the index when pushes run upwards or pops run downwards.
    boolean rising = run.records() != f.descending();
    loop(f, limit -> {
      // values = k * max(0, trips), the index now at its first value; in long arithmetic, since in int a
      // long loop's trips or product can wrap around to a small or negative count (the tape then
      // refuses a count it cannot hold, Tape.reserveReals, instead of the stores running off its array)
      if (f.descending()) {
        mv.visitVarInsn(ILOAD, index);
        mv.visitInsn(I2L);
        mv.visitInsn(LCONST_1);
        mv.visitInsn(LADD);
        mv.visitVarInsn(ILOAD, limit);
        mv.visitInsn(I2L);
      } else {
        mv.visitVarInsn(ILOAD, limit);
        mv.visitInsn(I2L);
        mv.visitVarInsn(ILOAD, index);
        mv.visitInsn(I2L);
      }
      mv.visitInsn(LSUB);
      mv.visitInsn(LCONST_0);
      mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "max", "(JJ)J", false);
      if (k != 1) {
        mv.visitLdcInsn((long) k);
        mv.visitInsn(LMUL);
      }
      mv.visitVarInsn(LSTORE, longCount);
      if (run.records()) {
        mv.visitVarInsn(ALOAD, tapeSlot);
        mv.visitVarInsn(LLOAD, longCount);
        mv.visitMethodInsn(INVOKEVIRTUAL, TAPE, "reserveReals", "(J)[D", false);
      } else {
        mv.visitVarInsn(ALOAD, tapeSlot);
        mv.visitMethodInsn(INVOKEVIRTUAL, TAPE, "recordedReals", "()[D", false);
      }
      mv.visitVarInsn(ASTORE, array);
      // an int from here on: the tape holds it (reserved just now, or recorded by the forward sweep's run)
      mv.visitVarInsn(LLOAD, longCount);
      mv.visitInsn(L2I);
      mv.visitVarInsn(ISTORE, count);
      // offset = (the next free position, or the last recorded one) -/+ k * first index; should this wrap
      // around in int, it does so harmlessly: each position offset ± k·index ± j is exact modulo 2^32, and
      // its true value lies inside the array
      mv.visitVarInsn(ALOAD, tapeSlot);
      mv.visitMethodInsn(INVOKEVIRTUAL, TAPE, "realTop", "()I", false);
      if (!run.records()) {
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ISUB);
      }
      mv.visitVarInsn(ILOAD, index);
      times(k);
      mv.visitInsn(rising ? ISUB : IADD);
      mv.visitVarInsn(ISTORE, offset);
      if (!run.records()) {
        mv.visitVarInsn(ALOAD, tapeSlot);
        mv.visitVarInsn(ILOAD, count);
        mv.visitMethodInsn(INVOKEVIRTUAL, TAPE, "dropReals", "(I)V", false);
      }
    }, () -> {
      int j = 0;
      for (Stmt s : f.body()) {
        if (s instanceof Stmt.Push p) {
          mv.visitVarInsn(ALOAD, array);
          position(offset, index, k, rising, run.records() ? j++ : -j++);
          expr(p.value());
          mv.visitInsn(DASTORE);
        } else if (s instanceof Stmt.Pop p) {
          int within = run.records() ? j++ : -j++;
          store(p.target(), () -> {
            mv.visitVarInsn(ALOAD, array);
            position(offset, index, k, rising, within);
            mv.visitInsn(DALOAD);
          });
        } else {
          stmt(s);
        }
      }
    });
    if (run.records()) {
      mv.visitVarInsn(ALOAD, tapeSlot);
      mv.visitVarInsn(ILOAD, count);
      mv.visitMethodInsn(INVOKEVIRTUAL, TAPE, "advanceReals", "(I)V", false);
    }
  }

  /** Leaves {@code offset ± k·index + within} on the stack (+ when {@code rising}). */
  private void position(int offset, int index, int k, boolean rising, int within) {
    mv.visitVarInsn(ILOAD, offset);
    mv.visitVarInsn(ILOAD, index);
    times(k);
    mv.visitInsn(rising ? IADD : ISUB);
    if (within != 0) {
      pushInt(within);
      mv.visitInsn(IADD);
    }
  }

  /** Multiplies the int on the stack by {@code k} (nothing for 1). */
  private void times(int k) {
    if (k != 1) {
      pushInt(k);
      mv.visitInsn(IMUL);
    }
  }

  /**
   * Emits loop {@code f}: its bounds evaluated once, then {@code atEntry} (given the slot of the bound the
   * index runs to: {@code to} ascending, {@code from} descending), then the test, {@code body} and step.
   */
  private void loop(Stmt.For f, IntConsumer atEntry, Runnable body) {
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
      atEntry.accept(limit);
      mv.visitLabel(test);
      mv.visitVarInsn(ILOAD, index);
      mv.visitVarInsn(ILOAD, limit);
      mv.visitJumpInsn(IF_ICMPLT, end);
      body.run();
      mv.visitIincInsn(index, -1);
    } else {
      iexpr(f.to());
      mv.visitVarInsn(ISTORE, limit);
      iexpr(f.from());
      mv.visitVarInsn(ISTORE, index);
      atEntry.accept(limit);
      mv.visitLabel(test);
      mv.visitVarInsn(ILOAD, index);
      mv.visitVarInsn(ILOAD, limit);
      mv.visitJumpInsn(IF_ICMPGE, end);
      body.run();
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
        mv.visitVarInsn(ALOAD, slots.of(LocalSlots.array(r.name())));
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
      mv.visitVarInsn(ILOAD, slots.of(LocalSlots.size(((IExpr.DimSize) e).dim())));
    } else {
      IExpr.Bin b = (IExpr.Bin) e;
      iexpr(b.a());
      iexpr(b.b());
      if (b.exact() && b.op().exactMethod() != null) {
        // Math.addExact and its kin are HotSpot intrinsics: the operation and a jump on overflow.
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", b.op().exactMethod(), "(II)I", false);
        return;
      }
      switch (b.op()) {
        case ADD: mv.visitInsn(IADD); break;
        case SUB: mv.visitInsn(ISUB); break;
        case MUL: mv.visitInsn(IMUL); break;
        case MOD: mv.visitInsn(IREM); break;
        case WITHIN: mv.visitMethodInsn(INVOKESTATIC, KERNELS, "checkIndex", "(II)I", false); break;
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

  /** Pushes an int constant with the shortest instruction. */
  void pushInt(int v) {
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
}
