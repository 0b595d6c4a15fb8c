package org.phloem.compiler.diagnose;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Where the fuzzer's run stage spends its CPU: {@code n} run-stage cases (seeds 1..n spread by a
 * multiplier, as jqwik would not repeat them), then the per-seed CPU table, the process's CPU, the JIT's
 * and the collector's. Run with
 * {@code mvn -B -o -pl compiler -am test -Dtest=RunStageCostBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dphloem.excludedGroups=none -Dbench.cases=300}, add {@code -Dphloem.fuzz.fullPeriods=true} for the seeds as
 * shipped (the 24-year transports in full).
 */
@Tag("benchmark")
class RunStageCostBenchmark {
  @Test
  void runStageCases_cpuBySeed() {
    int n = Integer.getInteger("bench.cases", 300);
    FuzzStats stats = new FuzzStats("run-stage cost");
    long wall = System.nanoTime();
    for (long k = 1; k <= n; k++) {
      try {
        PipelineFuzzTest.runCase(k * 0x9E3779B97F4A7C15L, stats);
      } catch (AssertionError | RuntimeException e) { // a finding: printed, and the count goes on
        System.out.println("FAILURE at case " + k + ": " + e);
      }
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.printf("%d cases in %.1f s of wall time; the process's CPU since it started %.1f s; JIT %.1f s"
        + " (compilation time as the JVM counts it)%n", n, (System.nanoTime() - wall) / 1e9, os.getProcessCpuTime() / 1e9,
        ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3);
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      System.out.printf("GC %s: %d collections, %.1f s%n", gc.getName(), gc.getCollectionCount(), gc.getCollectionTime() / 1e3);
    }
    System.out.println(stats.summary());
  }
}
