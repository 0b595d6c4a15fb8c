package org.phloem.compiler.codegen;

/**
 * Defines generated model classes in memory. One loader per compilation, so a model recompiled after an
 * edit (the {@code watch} command) gets a fresh class of the same name and the old one can be collected.
 */
public final class ModelClassLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  public ModelClassLoader() {
    super(ModelClassLoader.class.getClassLoader());
  }

  /** Defines the class {@code binaryName} (dots) from its bytes. */
  public Class<?> define(String binaryName, byte[] bytes) {
    return defineClass(binaryName, bytes, 0, bytes.length);
  }
}
