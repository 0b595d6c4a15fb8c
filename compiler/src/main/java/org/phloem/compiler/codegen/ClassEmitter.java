package org.phloem.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrProgram;

/**
 * Emits the class of one model: a subclass of {@code GeneratedModel} with a constructor, {@code copy()}
 * and one method per IR function, split into private helper methods when it would be too large for
 * HotSpot to compile (see {@link MethodSplitter}).
 */
public final class ClassEmitter {
  /**
   * HotSpot's {@code HugeMethodLimit}: a method with more bytes of bytecode than this is never
   * JIT-compiled (unless {@code -XX:-DontCompileHugeMethods}).
   */
  public static final int JIT_LIMIT = 8000;
  /**
   * The default estimated size at which a sweep is split, in bytes of bytecode; the system property
   * {@code phloem.methodBudget} overrides it. Below the JIT limit, leaving room for misestimates.
   */
  public static final int DEFAULT_BUDGET = 6000;
  /**
   * The most argument slots ({@code this} included) a generated helper method takes. HotSpot's C2
   * refuses ("unsupported incoming calling sequence") a method whose arguments overflow its register
   * masks (55 reference arguments on x86-64 JDK 17; the bound is platform-dependent, so this stays
   * well below), and the method then runs as C1 code for the rest of the JVM's life.
   */
  public static final int MAX_HELPER_ARGUMENTS = 32;
  /** A budget meaning: never split (one method per sweep, whatever its size). */
  public static final int NO_SPLITTING = Integer.MAX_VALUE;
  /** The smallest budget the emitter falls back to when measured methods are still over the JIT limit. */
  private static final int MIN_BUDGET = 500;

  /** Package of every generated class. */
  public static final String PACKAGE = "org/phloem/generated/";
  private static final String LAYOUT = "Lorg/phloem/runtime/ModelLayout;";
  private static final String DATA = "Lorg/phloem/runtime/data/BoundData;";
  private static final String CONSTRUCTOR = "(" + LAYOUT + DATA + ")V";

  private ClassEmitter() {}

  /** The internal (slash) name of a model's class: the model name made a valid Java identifier. */
  public static String internalName(IrProgram program) {
    StringBuilder b = new StringBuilder();
    for (char c : program.name().toCharArray()) {
      b.append(Character.isJavaIdentifierPart(c) ? c : '_');
    }
    if (b.length() == 0 || !Character.isJavaIdentifierStart(b.charAt(0))) {
      b.insert(0, 'M');
    }
    return PACKAGE + b;
  }

  /** The class file bytes for {@code program}, split at the default budget. */
  public static byte[] emit(IrProgram program) {
    return emit(program, Integer.getInteger("phloem.methodBudget", DEFAULT_BUDGET));
  }

  /**
   * Whether a time-step loop's nests in {@code sweep} become methods of their own (see
   * {@link MethodSplitter}): in the plain sweeps, not the checkpointed ones, whose gradient ran 9 % slower
   * so (hourly BETHY, tests/BENCHMARKS.md, session 11) while the plain gradient ran 5 % faster. The system
   * property {@code phloem.nestMethods=false} turns it off everywhere, for comparisons.
   */
  private static boolean nestMethods(int budget, SweepSignature sweep) {
    return budget != NO_SPLITTING && !sweep.checkpointed() && !"false".equals(System.getProperty("phloem.nestMethods"));
  }

  /**
   * The class file bytes for {@code program}, each sweep split into methods of about {@code budget}
   * estimated bytes. When a budget up to the JIT limit still leaves a method over it (an estimate fell
   * short), the class is emitted again with a smaller budget; {@link #NO_SPLITTING} emits one method
   * per sweep. Throws ASM's {@link MethodTooLargeException} when even the smallest budget leaves a
   * method over 64 KB (one statement too large for a method).
   */
  public static byte[] emit(IrProgram program, int budget) {
    if (budget <= 0) {
      throw new IllegalArgumentException("method budget must be positive: " + budget);
    }
    for (int b = budget; ; b = Math.max(MIN_BUDGET, b * 2 / 3)) {
      boolean lastTry = b <= MIN_BUDGET || budget > JIT_LIMIT;
      try {
        Emitted e = emitOnce(program, b);
        if (e.largestMethod() <= JIT_LIMIT || lastTry) {
          return e.bytes();
        }
      } catch (MethodTooLargeException e) {
        if (lastTry) {
          throw e;
        }
      }
    }
  }

  /** A class file and the size of its largest method's code. */
  private record Emitted(byte[] bytes, int largestMethod) {}

  private static Emitted emitOnce(IrProgram program, int budget) {
    String name = internalName(program);
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
      @Override
      protected String getCommonSuperClass(String a, String b) {
        // Generated code only merges frames holding double[], int and Tape values; resolving
        // through class loading is neither needed nor possible for the class being written.
        return "java/lang/Object";
      }
    };
    cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, MethodEmitter.BASE, null);
    cw.visitSource(program.sourceFile(), null);
    List<IrFunction> functions = new ArrayList<>(program.functions().values());
    List<FrameLayout> layouts = new ArrayList<>();
    for (IrFunction f : functions) {
      SweepSignature sweep = SweepSignature.of(f.name());
      layouts.add(FrameLayout.of(MethodSplitter.plan(f, sweep.methodName, budget, nestMethods(budget, sweep)), f));
    }
    frameFields(cw, layouts);
    constructor(cw, name, layouts);
    copy(cw, name);
    int largest = 0;
    for (int k = 0; k < functions.size(); k++) {
      largest = Math.max(largest, sweep(cw, name, program, functions.get(k), layouts.get(k)));
    }
    cw.visitEnd();
    return new Emitted(cw.toByteArray(), largest);
  }

  /** Emits a sweep's method and its helpers; returns the size of the largest. */
  private static int sweep(ClassWriter cw, String owner, IrProgram program, IrFunction f, FrameLayout layout) {
    Map<Piece, HelperSignature> helpers = new IdentityHashMap<>();
    for (Piece p : layout.pieces()) {
      if (p != layout.root()) {
        helpers.put(p, HelperSignature.of(layout.transitive(p), layout, f.arguments()));
      }
    }
    int largest = 0;
    for (Piece p : layout.pieces()) {
      MethodVisitor mv;
      if (p == layout.root()) {
        SweepSignature sig = SweepSignature.of(f.name());
        mv = cw.visitMethod(ACC_PROTECTED | ACC_FINAL, sig.methodName, sig.descriptor, null, null);
      } else {
        mv = cw.visitMethod(ACC_PRIVATE, p.name(), helpers.get(p).descriptor(), null, null);
      }
      largest = Math.max(largest, new MethodEmitter(mv, program, f, owner, p, layout, helpers).emit());
    }
    return largest;
  }

  /** The frames of the split sweeps: one pair of arrays per model instance, reused by every call. */
  private static void frameFields(ClassWriter cw, List<FrameLayout> layouts) {
    for (FrameLayout l : layouts) {
      if (l.reals() > 0) {
        cw.visitField(ACC_PRIVATE | ACC_FINAL, MethodEmitter.realFrameField(l.root().name()), "[D", null, null).visitEnd();
      }
      if (l.ints() > 0) {
        cw.visitField(ACC_PRIVATE | ACC_FINAL, MethodEmitter.intFrameField(l.root().name()), "[I", null, null).visitEnd();
      }
    }
  }

  private static void constructor(ClassWriter cw, String name, List<FrameLayout> layouts) {
    MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", CONSTRUCTOR, null, null);
    mv.visitCode();
    mv.visitVarInsn(ALOAD, 0);
    mv.visitVarInsn(ALOAD, 1);
    mv.visitVarInsn(ALOAD, 2);
    mv.visitMethodInsn(INVOKESPECIAL, MethodEmitter.BASE, "<init>", CONSTRUCTOR, false);
    for (FrameLayout l : layouts) {
      if (l.reals() > 0) {
        newFrame(mv, name, MethodEmitter.realFrameField(l.root().name()), l.reals(), T_DOUBLE, "[D");
      }
      if (l.ints() > 0) {
        newFrame(mv, name, MethodEmitter.intFrameField(l.root().name()), l.ints(), T_INT, "[I");
      }
    }
    mv.visitInsn(RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static void newFrame(MethodVisitor mv, String owner, String field, int length, int type, String descriptor) {
    mv.visitVarInsn(ALOAD, 0);
    mv.visitLdcInsn(length);
    mv.visitIntInsn(NEWARRAY, type);
    mv.visitFieldInsn(PUTFIELD, owner, field, descriptor);
  }

  private static void copy(ClassWriter cw, String name) {
    MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "copy", "()Lorg/phloem/runtime/CompiledModel;", null, null);
    mv.visitCode();
    mv.visitTypeInsn(NEW, name);
    mv.visitInsn(DUP);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitMethodInsn(INVOKEVIRTUAL, MethodEmitter.BASE, "layout", "()" + LAYOUT, false);
    mv.visitVarInsn(ALOAD, 0);
    mv.visitMethodInsn(INVOKEVIRTUAL, MethodEmitter.BASE, "data", "()" + DATA, false);
    mv.visitMethodInsn(INVOKESPECIAL, name, "<init>", CONSTRUCTOR, false);
    mv.visitInsn(ARETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }
}
