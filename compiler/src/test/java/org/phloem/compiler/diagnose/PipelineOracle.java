package org.phloem.compiler.diagnose;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;
import org.phloem.compiler.codegen.ModelClassLoader;
import org.phloem.compiler.diag.CompileException;
import org.phloem.compiler.diag.Diagnostic;
import org.phloem.compiler.driver.Compilation;
import org.phloem.compiler.driver.Pipeline;

/**
 * What the whole pipeline must do with any text: either a class that passes ASM's verifier and the
 * JVM's (it is linked and initialised here), or a {@link CompileException} whose every diagnostic is
 * positioned inside the file and says something. Anything else (an uncaught exception, a VerifyError,
 * a StackOverflowError, an InternalCompilerError) is a failure, reported with the input.
 */
final class PipelineOracle {
  private PipelineOracle() {}

  /**
   * Compiles {@code text} and checks the outcome; records it in {@code stats}; throws AssertionError on a
   * crash. Returns the verified compilation, or null when the text was refused with positioned errors.
   */
  static Compilation judge(String name, String text, Path folder, FuzzStats stats) {
    Compilation c;
    try {
      c = Pipeline.compile(name, text, folder, true);
    } catch (CompileException e) {
      checkPositioned(e, name, text);
      stats.failed(e);
      return null;
    } catch (RuntimeException | Error e) {
      throw new AssertionError("the pipeline crashed (" + e + ") on " + name + ":\n----\n" + text + "\n----", e);
    }
    verify(c, name, text);
    stats.compiled();
    return c;
  }

  /**
   * {@link #judge} and then, for a model that compiled, the run-time stage: binds it to the data under
   * {@code dataRoot}, runs the forward model and the gradient at the prior means, and requires that
   * whatever goes wrong is reported as the command line would report it, as a problem of the model or
   * its data (exit 1) and without a stack trace; exit 3 (a bug in Phloem) fails with the input.
   */
  static void judgeAndRun(String name, String text, Path folder, Path dataRoot, FuzzStats stats) {
    Compilation c = judge(name, text, folder, stats);
    if (c == null || dataRoot == null) {
      return;
    }
    String outcome;
    try {
      org.phloem.runtime.CompiledModel m = c.bind(dataRoot);
      double[] p = m.info().priorMeans();
      double cost = m.cost(p);
      m.gradient(p, new double[p.length]);
      outcome = Double.isFinite(cost) ? "ran" : "ran, cost not finite";
    } catch (Exception e) {
      StringWriter printed = new StringWriter();
      int exit = org.phloem.compiler.driver.Main.report(e, new PrintWriter(printed));
      String message = printed.toString();
      if (exit != 1 || message.contains("\tat ") || message.isBlank()) {
        throw new AssertionError("the run-time stage gave exit " + exit + " on " + name + ":\n" + message
            + "\n----\n" + text + "\n----", e);
      }
      outcome = e instanceof org.phloem.runtime.data.DataException ? "data refused"
          : e instanceof org.phloem.runtime.IndexFault ? "index fault named" : "model error";
    } catch (Error e) {
      throw new AssertionError("the run-time stage threw " + e + " on " + name + ":\n----\n" + text + "\n----", e);
    }
    stats.ran(outcome);
  }

  private static void checkPositioned(CompileException e, String name, String text) {
    if (e.diagnostics().isEmpty() || e.getMessage().isBlank()) {
      throw new AssertionError("an empty error report for " + name + ":\n" + text);
    }
    for (Diagnostic d : e.diagnostics()) {
      int lines = d.span().file().lineCount();
      if (d.span().startLine() > Math.max(1, lines) || d.message().isBlank()) {
        throw new AssertionError("a diagnostic outside the file (" + lines + " lines) or without a message: "
            + d + "\nfor " + name + ":\n" + text);
      }
    }
  }

  private static void verify(Compilation c, String name, String text) {
    byte[] bytes = c.loaded().bytes();
    StringWriter problems = new StringWriter();
    CheckClassAdapter.verify(new ClassReader(bytes), PipelineOracle.class.getClassLoader(), false, new PrintWriter(problems));
    if (!problems.toString().isEmpty()) {
      throw new AssertionError("generated class fails verification for " + name + ":\n" + problems + "\n" + text);
    }
    try {
      ModelClassLoader loader = new ModelClassLoader();
      loader.define(c.loaded().binaryName(), bytes);
      Class.forName(c.loaded().binaryName(), true, loader); // links, so the JVM's own verifier runs
    } catch (ClassNotFoundException | LinkageError e) {
      throw new AssertionError("the JVM refuses the generated class for " + name + ":\n" + text, e);
    }
  }
}
