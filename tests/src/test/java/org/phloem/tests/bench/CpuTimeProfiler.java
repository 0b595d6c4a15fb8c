package org.phloem.tests.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that reports the benchmark JVM's CPU time per operation ({@code cpu.time}, in the
 * benchmark's time unit) beside the wall time. On a machine shared with other work, wall time includes
 * the time the benchmark waited for a core; CPU time does not, so ratios of CPU times are the steadier
 * figure there. It counts every thread of the forked JVM (the garbage collector's work on allocating
 * code is part of that code's cost; after warmup the JIT adds little).
 */
public final class CpuTimeProfiler implements InternalProfiler {
  /** The label of the secondary result. */
  static final String LABEL = "cpu.time";

  private long start;

  @Override
  public String getDescription() {
    return "CPU time of the benchmark JVM per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    start = processCpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
      IterationResult result) {
    long ops = result.getMetadata().getAllOps();
    if (ops <= 0) {
      return List.of();
    }
    TimeUnit unit = benchmarkParams.getTimeUnit();
    double perOp = (processCpuNanos() - start) / (double) ops / unit.toNanos(1);
    return List.of(new ScalarResult(LABEL, perOp, unitName(unit) + "/op", AggregationPolicy.AVG));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String unitName(TimeUnit unit) {
    switch (unit) {
      case NANOSECONDS:
        return "ns";
      case MICROSECONDS:
        return "us";
      case MILLISECONDS:
        return "ms";
      case SECONDS:
        return "s";
      default:
        return unit.name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
