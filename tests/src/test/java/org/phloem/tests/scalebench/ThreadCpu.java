package org.phloem.tests.scalebench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time per thread over a piece of work: the busiest thread's CPU time is the work's critical path
 * when every thread has a core to itself, so total CPU of a 1-thread run over the busiest thread's CPU
 * of an n-thread run is the speed-up the code would show on n idle cores — a figure the machine's
 * other load does not change (time spent waiting for a core is not CPU time; time stalled on memory
 * bandwidth the threads share is).
 */
final class ThreadCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> start = snapshot();

  private static Map<Long, Long> snapshot() {
    Map<Long, Long> out = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      long t = THREADS.getThreadCpuTime(id);
      if (t >= 0) {
        out.put(id, t);
      }
    }
    return out;
  }

  /** Per thread CPU seconds since construction: {max over threads, sum over threads}. */
  double[] since() {
    double max = 0;
    double sum = 0;
    for (Map.Entry<Long, Long> e : snapshot().entrySet()) {
      double s = (e.getValue() - start.getOrDefault(e.getKey(), 0L)) / 1e9;
      max = Math.max(max, s);
      sum += s;
    }
    return new double[] {max, sum};
  }
}
