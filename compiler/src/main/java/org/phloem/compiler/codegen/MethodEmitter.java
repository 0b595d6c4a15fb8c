package org.phloem.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.ScalarType;

/**
 * Emits one generated method: a sweep's own method, or a helper outlined from it (see
 * {@link MethodSplitter}). Statements are emitted the same way in either; only where scalar locals
 * start and end differs (see {@link FrameLayout}).
 */
final class MethodEmitter {
  static final String BASE = "org/phloem/runtime/GeneratedModel";
  static final String TAPE = "org/phloem/runtime/Tape";
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
  private final StatementEmitter code;
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
    this.code = new StatementEmitter(mv, slots);
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
      slots.declareAt(LocalSlots.array(a), arg++);
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
      if (slots.has(LocalSlots.array(array))) {
        continue; // an argument
      }
      int slot = slots.declare(LocalSlots.array(array), 1);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitFieldInsn(GETFIELD, BASE, "arrays", "[[D");
      code.pushInt(program.arrayIndex(array));
      mv.visitInsn(AALOAD);
      mv.visitVarInsn(ASTORE, slot);
    }
    for (String dim : used.dims) {
      if (slots.has(LocalSlots.size(dim))) {
        continue;
      }
      int slot = slots.declare(LocalSlots.size(dim), 1);
      mv.visitVarInsn(ALOAD, 0);
      mv.visitFieldInsn(GETFIELD, BASE, "dimSizes", "[I");
      code.pushInt(program.dimIndex(dim));
      mv.visitInsn(IALOAD);
      mv.visitVarInsn(ISTORE, slot);
    }
    if (used.tape && tapeSlot < 0) {
      tapeSlot = slots.allocate(1);
      code.tapeAt(tapeSlot);
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
      slots.declareAt(LocalSlots.array(a), arg++);
    }
    if (sig.tape()) {
      tapeSlot = arg++;
      code.tapeAt(tapeSlot);
    }
    for (String d : sig.dims()) {
      slots.declareAt(LocalSlots.size(d), arg++);
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
    code.pushInt(frame.index(local));
    mv.visitInsn(real ? DALOAD : IALOAD);
    mv.visitVarInsn(real ? DSTORE : ISTORE, slots.of(local));
  }

  private void toFrame(String local) {
    boolean real = locals.get(local) == ScalarType.REAL;
    mv.visitVarInsn(ALOAD, slots.of(real ? REAL_FRAME : INT_FRAME));
    code.pushInt(frame.index(local));
    mv.visitVarInsn(real ? DLOAD : ILOAD, slots.of(local));
    mv.visitInsn(real ? DASTORE : IASTORE);
  }

  private void rootEpilogue(int resultSlot) {
    List<String> results = function.results();
    if (SweepSignature.of(function.name()).resultsInArray) {
      for (int k = 0; k < results.size(); k++) {
        mv.visitVarInsn(ALOAD, resultSlot);
        code.pushInt(k);
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
        code.stmt(((Piece.Inline) n).stmt());
      } else if (n instanceof Piece.Call) {
        call(((Piece.Call) n).helper());
      } else if (n instanceof Piece.Loop) {
        Piece.Loop l = (Piece.Loop) n;
        code.loop(l.loop(), () -> nodes(l.body()));
      } else {
        Piece.Branch b = (Piece.Branch) n;
        code.branch(b.branch().cond(), () -> nodes(b.then()), () -> nodes(b.otherwise()));
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
      mv.visitVarInsn(ALOAD, slots.of(LocalSlots.array(a)));
    }
    if (sig.tape()) {
      mv.visitVarInsn(ALOAD, tapeSlot);
    }
    for (String d : sig.dims()) {
      mv.visitVarInsn(ILOAD, slots.of(LocalSlots.size(d)));
    }
    mv.visitMethodInsn(INVOKESPECIAL, owner, helper.name(), sig.descriptor(), false);
    for (String local : mine.locals) {
      if (frame.inFrame(local) && theirs.written.contains(local)) {
        fromFrame(local);
      }
    }
  }
}
