package org.phloem.tests.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The entry point of the {@code bench} Maven profile: runs the JMH benchmarks of this package (each
 * with the forks, warmup and measurement its class declares, modest enough for a 2-core machine), then
 * writes the raw scores to {@code target/bench/jmh-result.json} and the ratios to
 * {@code target/bench/ratios.md}. The {@link CpuTimeProfiler} is always on. Arguments are JMH's own (a benchmark regex, {@code -prof stack},
 * {@code -wi 1} ...), so one benchmark can be rerun or profiled through the same command.
 */
public final class RunBenchmarks {
  private RunBenchmarks() {}

  /** Runs the benchmarks; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    CommandLineOptions command = new CommandLineOptions(args);
    Path folder = Path.of("target", "bench");
    Files.createDirectories(folder);
    OptionsBuilder options = new OptionsBuilder();
    options.parent(command);
    if (command.getIncludes().isEmpty()) {
      options.include("org\\.phloem\\.tests\\.bench\\..*");
    }
    if (!command.getResult().hasValue()) {
      options.result(folder.resolve("jmh-result.json").toString());
    }
    if (!command.getResultFormat().hasValue()) {
      options.resultFormat(ResultFormatType.JSON);
    }
    options.addProfiler(CpuTimeProfiler.class);
    Collection<RunResult> results = new Runner(options.build()).run();
    String table = Ratios.table(results);
    Files.writeString(folder.resolve("ratios.md"), table, StandardCharsets.UTF_8);
    System.out.println();
    System.out.println(table);
  }
}
