package org.phloem.compiler.codegen;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.phloem.compiler.ir.IrFunction;
import org.phloem.compiler.ir.IrProgram;

/**
 * Emits the class of one model: a subclass of {@code GeneratedModel} with a constructor, {@code copy()}
 * and one method per IR function.
 */
public final class ClassEmitter {
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

  /** The class file bytes for {@code program}. */
  public static byte[] emit(IrProgram program) {
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
    constructor(cw);
    copy(cw, name);
    for (IrFunction f : program.functions().values()) {
      SweepSignature sig = SweepSignature.of(f.name());
      MethodVisitor mv = cw.visitMethod(ACC_PROTECTED | ACC_FINAL, sig.methodName, sig.descriptor, null, null);
      new MethodEmitter(mv, program, f).emit();
    }
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static void constructor(ClassWriter cw) {
    MethodVisitor mv = cw.visitMethod(ACC_PUBLIC, "<init>", CONSTRUCTOR, null, null);
    mv.visitCode();
    mv.visitVarInsn(ALOAD, 0);
    mv.visitVarInsn(ALOAD, 1);
    mv.visitVarInsn(ALOAD, 2);
    mv.visitMethodInsn(INVOKESPECIAL, MethodEmitter.BASE, "<init>", CONSTRUCTOR, false);
    mv.visitInsn(RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
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
