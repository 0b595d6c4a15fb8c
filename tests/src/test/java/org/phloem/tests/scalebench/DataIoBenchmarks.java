package org.phloem.tests.scalebench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.phloem.tests.support.Repo;

/**
 * The data I/O figures of issue 11 (tests/BENCHMARKS.md, "Data I/O"), each program in its own JVM. Not
 * part of the default suite (tag {@code benchmark}); run with
 * <pre>
 * mvn -B -pl tests -am test -Dtest=DataIoBenchmarks -Dsurefire.failIfNoSpecifiedTests=false -Dphloem.excludedGroups=none
 * </pre>
 * Writes {@code tests/target/iobench/results.md}. Sizes: {@code -Diobench.rows=N} (the read, default
 * 10⁶) and {@code -Diobench.n=N} (the fit, default 10⁵).
 */
@Tag("benchmark")
class DataIoBenchmarks {
  private static final int ROWS = Integer.getInteger("iobench.rows", 1_000_000);
  private static final int N = Integer.getInteger("iobench.n", 100_000);
  private static final int REPEATS = 5;

  @Test
  void readAndFit() throws Exception {
    Path out = Files.createDirectories(Repo.root().resolve("tests/target/iobench"));
    List<String> lines = new ArrayList<>();
    lines.add("# Data I/O, " + Runtime.getRuntime().availableProcessors() + " cores, load " + Clock.loadAverage());

    ChildJvm.Run read = ChildJvm.run(DataIoBench.class, 2048, List.of("read", "" + ROWS, "" + REPEATS,
        Files.createDirectories(out.resolve("read")).toString()), true);
    assertEquals(0, read.exitCode());
    List<Map<String, String>> reps = read.all("read");
    lines.add(String.format(Locale.ROOT, "read %d rows x 10 columns (%s bytes): cold %s s wall; warm (repeats 2-%d) wall %s s, CPU %s s (process), median",
        ROWS, reps.get(0).get("bytes"), reps.get(0).get("read_wall_s"), REPEATS, median(reps.subList(1, reps.size()), "read_wall_s"),
        median(reps.subList(1, reps.size()), "read_cpu_s")));

    ChildJvm.Run phases = ChildJvm.run(DataIoBench.class, 1024, List.of("phases", "" + N,
        Files.createDirectories(out.resolve("phases")).toString()), true);
    assertEquals(0, phases.exitCode());
    Map<String, String> p = phases.first("phases");
    double total = 0;
    StringBuilder each = new StringBuilder();
    for (String phase : List.of("compile", "read", "check", "minimize", "posterior", "write", "plots")) {
      double s = Double.parseDouble(p.get(phase + "_wall_s"));
      total += s;
      each.append(String.format(Locale.ROOT, " %s %.3f s (CPU %s);", phase, s, p.get(phase + "_cpu_s")));
    }
    double io = Double.parseDouble(p.get("read_wall_s")) + Double.parseDouble(p.get("write_wall_s"));
    lines.add(String.format(Locale.ROOT, "fit phases at n = %d:%s total %.3f s; read + write = %.3f s = %.1f %% of it", N, each, total, io,
        100 * io / total));

    long t0 = System.nanoTime();
    ChildJvm.Run cli = ChildJvm.run(DataIoBench.class, 1024, List.of("cli", "" + N, out.resolve("phases").toString()), false);
    double wall = (System.nanoTime() - t0) / 1e9;
    // exit 10-16 is a fit judged not converged (the report is written all the same); the time is what is measured
    assertTrue(cli.exitCode() == 0 || (cli.exitCode() >= 10 && cli.exitCode() <= 16), String.join("\n", cli.output()));
    lines.add(String.format(Locale.ROOT, "phloem fit at n = %d, the whole command in a fresh JVM (JVM start included, plots included): %.2f s wall, "
        + "exit %d, load %s", N, wall, cli.exitCode(), Clock.loadAverage()));
    Files.write(out.resolve("results.md"), lines);
    lines.forEach(System.out::println);
  }

  private static String median(List<Map<String, String>> rows, String key) {
    double[] v = rows.stream().mapToDouble(r -> Double.parseDouble(r.get(key))).sorted().toArray();
    return String.format(Locale.ROOT, "%.3f", v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
  }
}
