package org.phloem.tests.ad;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/** ASM's own verifier over a generated class: structure, and a data-flow analysis of every method. */
final class Bytecode {
  private Bytecode() {}

  /**
   * What {@link CheckClassAdapter#verify} reports for {@code classFile}: empty when the class is sound.
   * Types are resolved through this test's class loader, which sees the runtime's classes.
   */
  static String problems(byte[] classFile) {
    StringWriter report = new StringWriter();
    try (PrintWriter w = new PrintWriter(report)) {
      CheckClassAdapter.verify(new ClassReader(classFile), Bytecode.class.getClassLoader(), false, w);
    } catch (RuntimeException e) {
      // the structural checks throw instead of printing
      return e.toString();
    }
    return report.toString().strip();
  }
}
