package org.phloem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.driver.Main;
import org.phloem.tests.support.Repo;

/**
 * {@code phloem watch} from a save to the printed result (issue 17, item 4), for shipped models: the
 * watcher runs in this JVM on a copy of the model's folder (so includes resolve) against the
 * repository's data; each save rewrites the model file by an atomic rename with one more comment line,
 * and the time runs from the rename to the line that ends the round ({@code check passed} or
 * {@code FAILED}). The first rounds warm the JIT and are not counted. Not in the default suite (tag
 * {@code benchmark}, wall-time figures); run with
 * <pre>
 * mvn -B -pl tests -am test -Dtest=WatchLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dphloem.excludedGroups=none
 * </pre>
 * Writes {@code tests/target/bench/watch-latency.md}. Models: {@code -Dwatchbench.models=dalec/oregon.phl,...}.
 */
@Tag("benchmark")
class WatchLatencyBenchmark {
  private static final List<String> MODELS = List.of(System.getProperty("watchbench.models",
      "nist/misra1a.phl,dalec/oregon.phl,bethy/hyytiala.phl").split(","));
  private static final int WARMUP = Integer.getInteger("watchbench.warmup", 5);
  private static final int ROUNDS = Integer.getInteger("watchbench.rounds", 10);

  @Test
  void saveToResult() throws Exception {
    List<String> report = new ArrayList<>();
    report.add("# watch: save to result, " + LocalDateTime.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    report.add("");
    report.add("| model | rounds | save to result, median (min..max), ms | process CPU per round, median, ms | load |");
    report.add("|---|---|---|---|---|");
    for (String model : MODELS) {
      report.add(measure(model));
      System.out.println(report.get(report.size() - 1));
    }
    Path out = Files.createDirectories(Repo.root().resolve("tests/target/bench"));
    Files.write(out.resolve("watch-latency.md"), report);
    report.forEach(System.out::println);
  }

  private String measure(String model) throws Exception {
    Path source = Repo.model(model);
    Path dir = Files.createTempDirectory("watchbench");
    try (Stream<Path> files = Files.list(source.getParent())) {
      for (Path f : files.filter(f -> f.toString().endsWith(".phl")).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    Path file = dir.resolve(source.getFileName());
    String text = Files.readString(file);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
    int total = WARMUP + ROUNDS;
    double[] wall = new double[ROUNDS];
    double[] cpu = new double[ROUNDS];
    String load = LaunchProbe.load();
    Thread watcher = null;
    System.setOut(both);
    System.setErr(both);
    try {
      CompletableFuture<Integer> result = new CompletableFuture<>();
      watcher = new Thread(() -> result.complete(Main.execute("watch", file.toString(), "--data=" + Repo.root().resolve("data"),
          "--rounds", Integer.toString(total + 1))));
      watcher.start();
      awaitRounds(captured, 1);
      for (int round = 1; round <= total; round++) {
        Path temporary = dir.resolve("save.tmp");
        Files.writeString(temporary, text + "\n// save " + round + "\n");
        long cpu0 = processCpu();
        long t0 = System.nanoTime();
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        awaitRounds(captured, round + 1);
        long t1 = System.nanoTime();
        if (round > WARMUP) {
          wall[round - WARMUP - 1] = (t1 - t0) / 1e6;
          cpu[round - WARMUP - 1] = (processCpu() - cpu0) / 1e6;
        }
      }
      assertEquals(0, result.get(120, TimeUnit.SECONDS));
    } finally {
      if (watcher != null) {
        watcher.interrupt();
        watcher.join(10_000);
      }
      System.setOut(out);
      System.setErr(err);
    }
    String all = captured.toString(StandardCharsets.UTF_8);
    assertTrue(!all.contains("not checked"), all);
    return String.format(Locale.ROOT, "| %s | %d | %.0f (%.0f..%.0f) | %.0f | %s..%s |", model, ROUNDS, LaunchProbe.median(wall),
        Arrays.stream(wall).min().orElseThrow(), Arrays.stream(wall).max().orElseThrow(), LaunchProbe.median(cpu), load, LaunchProbe.load());
  }

  /** Waits (polling every millisecond) until {@code rounds} rounds have printed their result line. */
  private static void awaitRounds(ByteArrayOutputStream captured, int rounds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (count(captured.toString(StandardCharsets.UTF_8)) < rounds) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no round " + rounds + " within 5 minutes:\n" + captured.toString(StandardCharsets.UTF_8));
      }
      Thread.sleep(1);
    }
  }

  private static int count(String text) {
    return text.split("\\] check (passed|FAILED)|: not checked", -1).length - 1;
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
