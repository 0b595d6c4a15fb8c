package org.phloem.tests.reliability;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.phloem.compiler.driver.Main;

/**
 * Runs the command line in this JVM with what it prints captured per thread, so that several runs can
 * go at once (the concurrent-fits fuzz stage). While installed, System.out and System.err write to the
 * buffer of the current thread's run (threads a run starts inherit it); anything printed by a thread
 * outside a run goes to a shared buffer that the fuzz oracle checks too.
 */
final class ThreadCapture {
  private static final InheritableThreadLocal<ByteArrayOutputStream> CURRENT = new InheritableThreadLocal<>();
  private static final ByteArrayOutputStream STRAY = new ByteArrayOutputStream();
  private static PrintStream savedOut;
  private static PrintStream savedErr;

  private ThreadCapture() {}

  /** One run's exit code and everything it printed (stdout and stderr interleaved). */
  record Run(int exit, String printed) {}

  /** Routes System.out and System.err through the per-thread buffers (idempotent). */
  static synchronized void install() {
    if (savedOut != null) {
      return;
    }
    savedOut = System.out;
    savedErr = System.err;
    PrintStream demux = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) {
        target().write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        target().write(b, off, len);
      }
    }, true, StandardCharsets.UTF_8);
    System.setOut(demux);
    System.setErr(demux);
  }

  /** Puts System.out and System.err back. */
  static synchronized void uninstall() {
    if (savedOut != null) {
      System.setOut(savedOut);
      System.setErr(savedErr);
      savedOut = null;
      savedErr = null;
    }
  }

  private static ByteArrayOutputStream target() {
    ByteArrayOutputStream b = CURRENT.get();
    return b != null ? b : STRAY;
  }

  /** {@code phloem args...} in this thread, captured. */
  static Run run(String... args) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    CURRENT.set(buffer);
    try {
      int exit = Main.execute(args);
      System.out.flush();
      return new Run(exit, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      CURRENT.remove();
    }
  }

  /** What threads outside any run printed since the last call, and clears it. */
  static String stray() {
    synchronized (STRAY) {
      String s = STRAY.toString(StandardCharsets.UTF_8);
      STRAY.reset();
      return s;
    }
  }
}
