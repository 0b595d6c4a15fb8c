package org.phloem.compiler.driver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.phloem.compiler.diag.CompileException;

/**
 * What each phase of a {@code phloem watch} round cost: the CPU time of the thread that ran it (what
 * the phase would take on an idle machine, near enough: time spent waiting for a core is left out) and
 * the wall time. The JIT's and the garbage collector's threads are not counted here.
 */
final class Phases {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** One phase: its name, thread CPU and wall time in nanoseconds. */
  record Phase(String name, long cpuNanos, long wallNanos) {}

  private final List<Phase> done = new ArrayList<>();

  /** A step that may fail with a compile error. */
  interface Step<T> {
    T run() throws Exception;
  }

  /** Runs {@code step}, records its times under {@code name}, returns its result (or rethrows). */
  <T> T time(String name, Step<T> step) throws Exception {
    long cpu0 = threadCpu();
    long wall0 = System.nanoTime();
    try {
      return step.run();
    } finally {
      synchronized (done) {
        done.add(new Phase(name, threadCpu() - cpu0, System.nanoTime() - wall0));
      }
    }
  }

  /** As {@link #time}, for a step that throws only compile errors (and unchecked exceptions). */
  <T> T timeCompile(String name, Step<T> step) throws CompileException {
    try {
      return time(name, step);
    } catch (CompileException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Adds the phases {@code other} recorded (on another thread, joined since), after those recorded here. */
  void addAll(Phases other) {
    List<Phase> more = other.all();
    synchronized (done) {
      done.addAll(more);
    }
  }

  /** The phases recorded so far, in order. */
  List<Phase> all() {
    synchronized (done) {
      return List.copyOf(done);
    }
  }

  /** "parse and check 3.1/3.4, ..." in milliseconds, thread CPU / wall. */
  String format() {
    StringBuilder b = new StringBuilder();
    for (Phase p : all()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(String.format(Locale.ROOT, "%s %.1f/%.1f", p.name(), p.cpuNanos() / 1e6, p.wallNanos() / 1e6));
    }
    return b.toString();
  }

  private static long threadCpu() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }
}
