package org.phloem.tests.scalebench;

import org.phloem.compiler.driver.Main;

/**
 * {@code phloem}'s command line, which also prints its own process's CPU time when the JVM exits (a
 * {@code RESULT kind=cpu seconds=S} line): for benchmarks that compare commands in child JVMs on a loaded
 * machine, where the CPU a command used means more than its wall time.
 */
public final class CpuReportingMain {
  private CpuReportingMain() {}

  public static void main(String[] args) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("RESULT kind=cpu seconds=" + Clock.processCpuNanos() / 1e9);
      System.out.flush();
    }));
    Main.main(args);
  }
}
