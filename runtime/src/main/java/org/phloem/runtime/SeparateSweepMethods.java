package org.phloem.runtime;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * Asks HotSpot's JIT compilers, once per JVM, not to inline one generated method into another: a
 * sweep's helper methods (one per loop nest of a time step, see the compiler's {@code MethodSplitter})
 * are then compiled each on its own. Inlined into the step loop that calls them, the nests shared one
 * compilation whose registers had to serve every nest's arrays at once, and the adjoint's nests, which
 * touch twice the arrays, lost most (the 2-D transport's gradient/forward 2.50 with inlining, 2.35
 * without, measured in tests/BENCHMARKS.md, session 11). Calls into the runtime are still inlined.
 *
 * <p>Uses the JDK's compiler-control directives (JEP 165) through the {@code DiagnosticCommand} MBean,
 * the same command as {@code jcmd <pid> Compiler.directives_add}. Where that is unavailable (another JVM,
 * a security manager), nothing happens: the code runs as before, only slower; results never depend on it.
 * {@code -Dphloem.inlineSweepMethods=true} leaves the JIT's own choice.
 */
public final class SeparateSweepMethods {
  /** The directive: within generated classes, inline no generated method. */
  static final String DIRECTIVE =
      "[{\"match\": \"org/phloem/generated/*.*\", \"inline\": \"-org/phloem/generated/*.*\"}]";

  private static boolean asked;
  private static boolean installed;

  private SeparateSweepMethods() {}

  /**
   * Installs the directive on a daemon thread, so that setting up the JDK's management beans (0.1–0.2 s
   * in a fresh JVM) overlaps the compiler's work; the first generated class to load waits for it
   * ({@link #install} holds the lock), so no generated method is ever compiled before it.
   */
  public static void installInBackground() {
    Thread t = new Thread(SeparateSweepMethods::install, "phloem-jit-directive");
    t.setDaemon(true);
    t.start();
  }

  /** Installs the directive unless done before or switched off; true when it is in place. */
  public static synchronized boolean install() {
    if (!asked) {
      asked = true;
      installed = !Boolean.getBoolean("phloem.inlineSweepMethods") && add();
    }
    return installed;
  }

  private static boolean add() {
    Path file = null;
    try {
      file = Files.createTempFile("phloem-jit", ".json");
      Files.writeString(file, DIRECTIVE);
      Object reply = ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
          new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
      return String.valueOf(reply).contains("1 compiler directives added");
    } catch (Exception | LinkageError e) {
      return false; // slower code, same results
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (Exception e) {
          // a temporary file left behind is harmless
        }
      }
    }
  }
}
