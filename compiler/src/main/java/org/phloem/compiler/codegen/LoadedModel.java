package org.phloem.compiler.codegen;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.phloem.compiler.ir.IrProgram;
import org.phloem.compiler.ir.LineNumbers;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelLayout;
import org.phloem.runtime.data.BoundData;

/**
 * A generated model class, loaded in memory and ready to be bound to data: the class file bytes (for
 * verification, {@code --emit bytecode} and writing to a jar), the layout, and a factory.
 */
public final class LoadedModel {
  private final String binaryName;
  private final byte[] bytes;
  private final ModelLayout layout;
  private final Constructor<?> constructor;
  private final boolean reused;

  private LoadedModel(String binaryName, byte[] bytes, ModelLayout layout, Constructor<?> constructor, boolean reused) {
    this.binaryName = binaryName;
    this.bytes = bytes;
    this.layout = layout;
    this.constructor = constructor;
    this.reused = reused;
  }

  /** Emits and defines the class of {@code program} in a fresh class loader. */
  public static LoadedModel load(IrProgram program) {
    return define(program, ClassEmitter.emit(program));
  }

  /**
   * The same, with the sweeps split at {@code methodBudget} estimated bytes (see
   * {@link ClassEmitter#emit(IrProgram, int)}; {@link ClassEmitter#NO_SPLITTING} keeps them whole).
   */
  public static LoadedModel load(IrProgram program, int methodBudget) {
    return define(program, ClassEmitter.emit(program, methodBudget));
  }

  /**
   * For {@code phloem watch}: emits the class of {@code program} with its literals read from a constant
   * array ({@link LiteralsAsData}), and takes it from {@code classes} when a class with the same bytes
   * was loaded before (an edit that changed only numbers, comments or priors), else defines it there.
   */
  public static LoadedModel load(IrProgram program, LoadedClasses classes) {
    IrProgram hoisted = LiteralsAsData.of(program);
    String binaryName = ClassEmitter.internalName(hoisted).replace('/', '.');
    // code of the same shape as a class emitted before (only numbers or lines changed) is not emitted again
    LineNumbers code = LineNumbers.of(hoisted);
    LoadedClasses.Emitted same = classes.byShape(code);
    if (same != null) {
      return new LoadedModel(binaryName, same.bytes(), hoisted.layout(), same.constructor(), true);
    }
    byte[] bytes = ClassEmitter.emit(hoisted);
    LoadedClasses.Found found = classes.constructor(binaryName, bytes);
    classes.emitted(code, bytes, found.constructor());
    return new LoadedModel(binaryName, bytes, hoisted.layout(), found.constructor(), found.reused());
  }

  private static LoadedModel define(IrProgram program, byte[] bytes) {
    String binaryName = ClassEmitter.internalName(program).replace('/', '.');
    Class<?> cls = new ModelClassLoader().define(binaryName, bytes);
    return new LoadedModel(binaryName, bytes, program.layout(), constructorOf(cls), false);
  }

  /** The constructor every generated class has: (layout, bound data). */
  static Constructor<?> constructorOf(Class<?> cls) {
    try {
      return cls.getConstructor(ModelLayout.class, BoundData.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("generated class lacks its constructor", e);
    }
  }

  /** A model instance bound to {@code data}. */
  public CompiledModel bind(BoundData data) {
    try {
      return (CompiledModel) constructor.newInstance(layout, data);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException(cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot instantiate generated class " + binaryName, e);
    }
  }

  /** Whether the class was one already loaded for the same bytes ({@link LoadedClasses}). */
  public boolean reused() {
    return reused;
  }

  /** The class file. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The class's binary name (dots). */
  public String binaryName() {
    return binaryName;
  }

  /** What the runtime needs to know about the model. */
  public ModelLayout layout() {
    return layout;
  }
}
