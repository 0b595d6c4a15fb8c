package org.phloem.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.List;
import java.util.Map;
import java.util.Set;
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

/**
 * Emits one generated method: a sweep's own method, or a helper outlined from it (see
 * {@link MethodSplitter}). Statements are emitted the same way in either; only where scalar locals
 * start and end differs (see {@link FrameLayout}).
 */
final class MethodEmitter {
  static final String BASE = "org/phloem/runtime/GeneratedModel";
  static final String TAPE = "org/phloem/runtime/Tape";
  private static final String KERNELS = "org/phloem/runtime/Kernels";
  private static final String REAL_FRAME = "#frame$D";
  private static final String INT_FRAME = "#frame$I";

  private final MethodVisitor mv;
  private final IrProgram program;
  private final IrFunction function;
  private final String owner;
  private final Piece piece;
  private final FrameLayout frame;
  private final Map<Piece, HelperSignature> helpers;
  private final Map<String, ScalarType> locals;
  private final LocalSlots slots;
  private int tapeSlot = -1;

  /**
   * @param owner the internal name of the class being written
   * @param piece the method to emit
   * @param frame the layout of the whole sweep
   * @param helpers the signature of every helper of the sweep
   */
  MethodEmitter(MethodVisitor mv, IrProgram program, IrFunction function, String owner, Piece piece, FrameLayout frame,
      Map<Piece, HelperSignature> helpers) {
    this.mv = mv;
    this.program = program;
    this.function = function;
    this.owner = owner;
    this.piece = piece;
    this.frame = frame;
    this.helpers = helpers;
    this.locals = function.locals();
    this.slots = new LocalSlots(1 + argumentSlots());
  }

  /** The name of the field holding the {@code double[]} frame of sweep method {@code methodName}. */
  static String realFrameField(String methodName) {
    return "frame$" + methodName;
  }

  /** The name of the field holding its {@code int[]} frame. */
  static String intFrameField(String methodName) {
    return "intFrame$" + methodName;
  }

  private boolean isRoot() {
    return piece == frame.root();
  }

  private int argumentSlots() {
    if (isRoot()) {
      return function.arguments().size() + (SweepSignature.of(function.name()).resultsInArray ? 1 : 0);
    }
    return helpers.get(piece).slots() - 1;
  }

  /** Emits prologue, body and return; returns the method's size in bytes of bytecode. */
  int emit() {
    mv.visitCode();
    if (isRoot()) {
      rootPrologue();
    } else {
      helperPrologue();
    }
    nodes(piece.body());
    if (isRoot()) {
      rootEpilogue(function.arguments().size() + 1);
    } else {
      helperEpilogue();
    }
    Label end = new Label();
    mv.visitLabel(end);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    return end.getOffset();
  }

  private void rootPrologue() {
    int arg = 1;
    for (String a : function.arguments()) {
      slots.declareAt(array(a), arg++);
    }
    if (frame.reals() > 0) {
      frameFromField(REAL_FRAME, realFrameField(piece.name()), "[D");
    }
    if (frame.ints() > 0) {
      frameFromField(INT_FRAME, intFrameField(piece.name()), "[I");
    }
    loadFromFields(frame.transitive(piece));
    // Every local starts at zero, as in the interpreter (and so the verifier sees it assigned).
    Set<String> touched = frame.direct(piece).locals;
    for (Map.Entry<String, ScalarType> e : locals.entrySet()) {
      if (frame.whole() || touched.contains(e.getKey())) {
        declare(e.getKey());
        zero(e.getKey());
      }
    }
  }

  /** Loads a frame from its field and zeroes it: a sweep starts with every local at zero. */
  private void frameFromField(String key, String field, String descriptor) {
    int slot = slots.declare(key, 1);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitFieldInsn(GETFIELD, owner, field, descriptor);
    mv.visitVarInsn(ASTORE, slot);
    int k = slots.allocate(1);
    Label test = new Label();
    Label done = new Label();
    mv.visitInsn(ICONST_0);
    mv.visitVarInsn(ISTORE, k);
    mv.visitLabel(test);
    mv.visitVarInsn(ILOAD, k);
    mv.visitVarInsn(ALOAD, slot);
    mv.visitInsn(ARRAYLENGTH);
    mv.visitJumpInsn(IF_ICMPGE, done);
    mv.visitVarInsn(ALOAD, slot);
    mv.visitVarInsn(ILOAD, k);
    boolean real = descriptor.equals("[D");
    mv.visitInsn(real ? DCONST_0 : ICONST_0);
    mv.visitInsn(real ? DASTORE : IASTORE);
    mv.visitIincInsn(k, 1);
    mv.visitJumpInsn(GOTO, test);
    mv.visitLabel(done);
  }

  /** Arrays, dim sizes and the tape that {@code used} needs and no argument brought. */
  private void loadFromFields(UsedNames used) {
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
      if (slots.has(size(dim))) {
        continue;
      }
      int slot = slots.declare(size(dim), 1);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitFieldInsn(GETFIELD, BASE, "dimSizes", "[I");
      pushInt(program.dimIndex(dim));
      mv.visitInsn(IALOAD);
      mv.visitVarInsn(ISTORE, slot);
    }
    if (used.tape && tapeSlot < 0) {
      tapeSlot = slots.allocate(1);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitFieldInsn(GETFIELD, BASE, "tape", "L" + TAPE + ";");
      mv.visitVarInsn(ASTORE, tapeSlot);
    }
  }

  private void helperPrologue() {
    HelperSignature sig = helpers.get(piece);
    int arg = 1;
    if (sig.realFrame()) {
      slots.declareAt(REAL_FRAME, arg++);
    }
    if (sig.intFrame()) {
      slots.declareAt(INT_FRAME, arg++);
    }
    for (String a : sig.arrays()) {
      slots.declareAt(array(a), arg++);
    }
    if (sig.tape()) {
      tapeSlot = arg++;
    }
    for (String d : sig.dims()) {
      slots.declareAt(size(d), arg++);
    }
    loadFromFields(frame.transitive(piece));
    // A local this helper surely writes before reading it needs no value at entry (and the verifier
    // checks that it is written first); one it may read first comes from the frame, or is zero when
    // nothing else touches it and this helper runs once per sweep.
    Set<String> exposed = frame.exposed(piece);
    for (String local : frame.direct(piece).locals) {
      declare(local);
      if (exposed.contains(local)) {
        if (frame.inFrame(local)) {
          fromFrame(local);
        } else {
          zero(local);
        }
      }
    }
  }

  private void declare(String local) {
    slots.declare(local, locals.get(local) == ScalarType.REAL ? 2 : 1);
  }

  private void zero(String local) {
    if (locals.get(local) == ScalarType.REAL) {
      mv.visitInsn(DCONST_0);
      mv.visitVarInsn(DSTORE, slots.of(local));
    } else {
      mv.visitInsn(ICONST_0);
      mv.visitVarInsn(ISTORE, slots.of(local));
    }
  }

  private void fromFrame(String local) {
    boolean real = locals.get(local) == ScalarType.REAL;
    mv.visitVarInsn(ALOAD, slots.of(real ? REAL_FRAME : INT_FRAME));
    pushInt(frame.index(local));
    mv.visitInsn(real ? DALOAD : IALOAD);
    mv.visitVarInsn(real ? DSTORE : ISTORE, slots.of(local));
  }

  private void toFrame(String local) {
    boolean real = locals.get(local) == ScalarType.REAL;
    mv.visitVarInsn(ALOAD, slots.of(real ? REAL_FRAME : INT_FRAME));
    pushInt(frame.index(local));
    mv.visitVarInsn(real ? DLOAD : ILOAD, slots.of(local));
    mv.visitInsn(real ? DASTORE : IASTORE);
  }

  private void rootEpilogue(int resultSlot) {
    List<String> results = function.results();
    if (SweepSignature.of(function.name()).resultsInArray) {
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

  /** Hands back what this helper wrote itself (what its own helpers wrote is in the frame already). */
  private void helperEpilogue() {
    for (String local : frame.direct(piece).written) {
      if (frame.inFrame(local)) {
        toFrame(local);
      }
    }
    mv.visitInsn(RETURN);
  }

  private void nodes(List<Piece.Node> body) {
    for (Piece.Node n : body) {
      if (n instanceof Piece.Inline) {
        stmt(((Piece.Inline) n).stmt());
      } else if (n instanceof Piece.Call) {
        call(((Piece.Call) n).helper());
      } else if (n instanceof Piece.Loop) {
        Piece.Loop l = (Piece.Loop) n;
        loop(l.loop(), () -> nodes(l.body()));
      } else {
        Piece.Branch b = (Piece.Branch) n;
        branch(b.branch().cond(), () -> nodes(b.then()), () -> nodes(b.otherwise()));
      }
    }
  }

  /**
   * Calls a helper: first puts in the frame the locals this method holds that the helper may read,
   * afterwards takes back those it may have written.
   */
  private void call(Piece helper) {
    HelperSignature sig = helpers.get(helper);
    UsedNames mine = frame.direct(piece);
    UsedNames theirs = frame.transitive(helper);
    for (String local : mine.locals) {
      if (frame.inFrame(local) && theirs.locals.contains(local)) {
        toFrame(local);
      }
    }
    mv.visitVarInsn(ALOAD, 0);
    if (sig.realFrame()) {
      mv.visitVarInsn(ALOAD, slots.of(REAL_FRAME));
    }
    if (sig.intFrame()) {
      mv.visitVarInsn(ALOAD, slots.of(INT_FRAME));
    }
    for (String a : sig.arrays()) {
      mv.visitVarInsn(ALOAD, slots.of(array(a)));
    }
    if (sig.tape()) {
      mv.visitVarInsn(ALOAD, tapeSlot);
    }
    for (String d : sig.dims()) {
      mv.visitVarInsn(ILOAD, slots.of(size(d)));
    }
    mv.visitMethodInsn(INVOKESPECIAL, owner, helper.name(), sig.descriptor(), false);
    for (String local : mine.locals) {
      if (frame.inFrame(local) && theirs.written.contains(local)) {
        fromFrame(local);
      }
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
      Stmt.For f = (Stmt.For) s;
      loop(f, () -> block(f.body()));
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

  private void block(List<Stmt> body) {
    for (Stmt s : body) {
      stmt(s);
    }
  }

  private void branch(Cond cond, Runnable then, Runnable otherwise) {
    Label elseLabel = new Label();
    Label end = new Label();
    jumpIfFalse(cond, elseLabel);
    then.run();
    mv.visitJumpInsn(GOTO, end);
    mv.visitLabel(elseLabel);
    otherwise.run();
    mv.visitLabel(end);
  }

  private void loop(Stmt.For f, Runnable body) {
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
      body.run();
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
      mv.visitVarInsn(ILOAD, slots.of(size(((IExpr.DimSize) e).dim())));
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

  /** The slot key of a dim's size (no scalar local or array key contains a '$' and a '#'). */
  private static String size(String dim) {
    return "#size$" + dim;
  }

}
