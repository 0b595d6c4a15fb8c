package org.phloem.tests.scalebench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Wall time and CPU time of a piece of work, and the machine's load: on a shared 2-core machine wall
 * time measures the queue for a core as much as the code, so every figure comes with the process's
 * CPU time (all threads: workers, garbage collector, JIT), the calling thread's own CPU time (the
 * work itself when it runs in that thread) and the load average around it.
 */
record Clock(double wallSeconds, double cpuSeconds, double threadCpuSeconds, String loadBefore, String loadAfter) {

  private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Something to time. */
  interface Work {
    void run() throws Exception;
  }

  /** Runs {@code work} and reports its wall and process CPU time and the load averages before and after. */
  static Clock time(Work work) throws Exception {
    String before = loadAverage();
    long cpu0 = processCpuNanos();
    long own0 = THREADS.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    work.run();
    long t1 = System.nanoTime();
    long own1 = THREADS.getCurrentThreadCpuTime();
    long cpu1 = processCpuNanos();
    return new Clock((t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, (own1 - own0) / 1e9, before, loadAverage());
  }

  /** CPU time of this JVM process so far, all threads, nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** The 1-, 5- and 15-minute load averages ({@code /proc/loadavg}), or the JVM's 1-minute figure elsewhere. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + "/" + f[1] + "/" + f[2];
    } catch (IOException | RuntimeException e) {
      return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** {@code key=value} fields for a result line. */
  String fields(String prefix) {
    return String.format(java.util.Locale.ROOT, "%s_wall_s=%.3f %s_cpu_s=%.3f %s_thread_cpu_s=%.3f %s_load=%s..%s", prefix, wallSeconds, prefix,
        cpuSeconds, prefix, threadCpuSeconds, prefix, loadBefore, loadAfter);
  }
}
