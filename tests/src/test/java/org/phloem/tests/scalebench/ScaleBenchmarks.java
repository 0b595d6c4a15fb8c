package org.phloem.tests.scalebench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.phloem.tests.support.Repo;

/**
 * The scale measurements of issue 6 (items 5 and 6), each program in its own JVM (see
 * tests/BENCHMARKS-scale.md). Not part of the default suite (tag {@code benchmark}); run with
 * <pre>
 * mvn -B -pl tests -am test -Dtest=ScaleBenchmarks -Dsurefire.failIfNoSpecifiedTests=false -Dphloem.excludedGroups=none
 * </pre>
 * Writes {@code tests/target/scalebench/results.md}: every child's command and result lines, and the
 * summary figures. Sizes can be reduced with {@code -Dscalebench.years=N} (both benchmarks) and
 * {@code -Dscalebench.resolution=DEG}.
 */
@Tag("benchmark")
class ScaleBenchmarks {
  private static final int YEARS = Integer.getInteger("scalebench.years", 25);
  private static final String RESOLUTION = System.getProperty("scalebench.resolution", "2");
  /** Heap limits tried for the hourly gradient, MB: the smallest one a mode completes under is its heap need. */
  private static final int[] HEAP_LADDER_MB = {64, 96, 112, 128, 160, 192, 224, 256, 320, 384, 512};

  private final List<String> log = new ArrayList<>();
  private final List<String> summary = new ArrayList<>();

  @Test
  void hourlyBethyCheckpointingAndGlobalBethyLite() throws Exception {
    Path out = Files.createDirectories(Repo.root().resolve("tests/target/scalebench"));
    Path data = Files.createDirectories(out.resolve("data"));
    log.add("# Scale benchmarks, " + LocalDateTime.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, load "
        + Clock.loadAverage());
    try {
      hourly(data);
      global();
    } finally {
      List<String> text = new ArrayList<>(summary);
      text.add("");
      text.addAll(log);
      Files.write(out.resolve("results.md"), text);
      summary.forEach(System.out::println);
    }
  }

  private ChildJvm.Run child(Class<?> main, int heapMb, List<String> args) throws Exception {
    System.out.println("scalebench: -Xmx" + heapMb + "m " + main.getSimpleName() + " " + String.join(" ", args));
    ChildJvm.Run run = ChildJvm.run(main, heapMb, args, true);
    log.add("");
    log.add("## " + main.getSimpleName() + " -Xmx" + heapMb + "m " + String.join(" ", args) + " (exit " + run.exitCode()
        + (run.outOfMemory() ? ", OutOfMemoryError" : "") + ")");
    log.add("```");
    log.add(String.join(" ", run.command()).replace(System.getProperty("java.class.path"), "CLASSPATH"));
    run.output().stream().filter(l -> l.startsWith("RESULT") || l.contains("Error")).forEach(log::add);
    log.add("```");
    return run;
  }

  /** Benchmark 5: time of the two gradients (one JVM, alternating), then each mode's heap need (one JVM per limit). */
  private void hourly(Path data) throws Exception {
    List<String> base = List.of("--years", Integer.toString(YEARS), "--data", data.resolve("hourly").toString());
    List<String> timing = new ArrayList<>(base);
    timing.addAll(List.of("--modes", "plain,checkpointed", "--reps", "11"));
    ChildJvm.Run t = child(HourlyBethyBench.class, 1024, timing);
    assertEquals(0, t.exitCode(), "timing run failed");
    summary.add("## Benchmark 5: hourly BETHY site gradient, " + t.first("setup").get("steps") + " steps");
    summary.add("");
    for (String mode : List.of("plain", "checkpointed")) {
      List<Map<String, String>> reps = t.all("gradient").stream().filter(r -> mode.equals(r.get("mode"))).skip(1).toList();
      summary.add(String.format(Locale.ROOT, "- %s: gradient wall %s s, CPU %s s (process) / %s s (thread), medians of %d after a warm-up; tape peak %s MB",
          mode, median(reps, "gradient_wall_s"), median(reps, "gradient_cpu_s"), median(reps, "gradient_thread_cpu_s"), reps.size(),
          reps.get(0).get("tape_peak_mb")));
    }
    summary.add("- model arrays " + t.first("setup").get("model_arrays_mb") + " MB, live heap after binding "
        + t.first("setup").get("live_after_bind_mb") + " MB; gradients differ by " + t.first("heap").get("max_relative_gradient_difference"));
    for (String mode : List.of("checkpointed", "plain")) {
      Integer smallest = null;
      for (int mb : HEAP_LADDER_MB) {
        List<String> args = new ArrayList<>(base);
        args.addAll(List.of("--modes", mode, "--reps", "2"));
        ChildJvm.Run r = child(HourlyBethyBench.class, mb, args);
        Map<String, String> heap = r.first("heap");
        summary.add(String.format(Locale.ROOT, "- %s under -Xmx%dm: %s%s", mode, mb, r.exitCode() == 0 ? "completes" : "fails"
            + (r.outOfMemory() ? " (OutOfMemoryError)" : " (exit " + r.exitCode() + ")"),
            heap == null ? "" : ", max heap after GC " + heap.get("max_heap_after_gc_mb") + " MB"));
        if (r.exitCode() == 0) {
          smallest = mb;
          break;
        }
      }
      summary.add("- " + mode + ": smallest heap limit tried that completes: " + (smallest == null ? "none" : smallest + " MB"));
    }
    summary.add("");
  }

  /** Benchmark 6: one cost + gradient of BETHY-lite on the grid, 1 and 2 threads, with and without checkpointing. */
  private void global() throws Exception {
    summary.add("## Benchmark 6: BETHY-lite on the " + RESOLUTION + "° grid, " + YEARS + " years daily");
    summary.add("");
    for (String checkpoint : List.of("on", "off")) {
      List<String> args = List.of("--resolution", RESOLUTION, "--years", Integer.toString(YEARS), "--block", "50",
          "--threads", "1,2", "--warmup", "1", "--rounds", checkpoint.equals("on") ? "3" : "1", "--checkpoint", checkpoint);
      ChildJvm.Run r = child(GlobalBethyLiteBench.class, checkpoint.equals("on") ? 3072 : 8192, args);
      Map<String, String> setup = r.first("setup");
      assertNotNull(setup, "the global run did not get through its setup");
      summary.add("- checkpointing " + checkpoint + ": " + setup.get("cells") + " cells × " + setup.get("days") + " days in "
          + setup.get("blocks") + " blocks; climate made in " + setup.get("climate_wall_s") + " s wall (" + setup.get("climate_cpu_s")
          + " s CPU); live heap after binding " + setup.get("live_after_bind_mb") + " MB (forcing alone "
          + setup.get("live_after_climate_mb") + " MB)" + (r.exitCode() == 0 ? "" : "; FAILED, exit " + r.exitCode()
          + (r.outOfMemory() ? " (OutOfMemoryError)" : "")));
      for (String threads : List.of("1", "2")) {
        List<Map<String, String>> runs = r.all("run").stream().filter(x -> threads.equals(x.get("threads"))).toList();
        if (runs.isEmpty()) {
          continue;
        }
        summary.add(String.format(Locale.ROOT,
            "  - %s thread(s): gradient wall %s s (CPU %s s, busiest thread %s s), cost alone wall %s s; medians of %d; load %s",
            threads, median(runs, "gradient_wall_s"), median(runs, "gradient_cpu_s"), median(runs, "gradient_busiest_thread_cpu_s"),
            median(runs, "cost_wall_s"), runs.size(), runs.get(0).get("gradient_load")));
      }
      List<Map<String, String>> one = r.all("run").stream().filter(x -> "1".equals(x.get("threads"))).toList();
      List<Map<String, String>> two = r.all("run").stream().filter(x -> "2".equals(x.get("threads"))).toList();
      if (!one.isEmpty() && !two.isEmpty()) {
        summary.add(String.format(Locale.ROOT, "  - speed-up 1 -> 2 threads: wall %.2f; CPU critical path (1-thread CPU / busiest thread with 2) %.2f",
            Double.parseDouble(median(one, "gradient_wall_s")) / Double.parseDouble(median(two, "gradient_wall_s")),
            Double.parseDouble(median(one, "gradient_busiest_thread_cpu_s")) / Double.parseDouble(median(two, "gradient_busiest_thread_cpu_s"))));
      }
      Map<String, String> heap = r.first("heap");
      if (heap != null) {
        summary.add("  - max heap after GC " + heap.get("max_heap_after_gc_mb") + " MB, live at the end " + heap.get("live_end_mb")
            + " MB, tapes " + r.first("run").get("tapes_mb") + " MB");
      }
    }
    // the checkpointed run under a 2 GB heap limit: does one cost + gradient fit?
    ChildJvm.Run tight = child(GlobalBethyLiteBench.class, 2048, List.of("--resolution", RESOLUTION, "--years", Integer.toString(YEARS),
        "--block", "50", "--threads", "2", "--warmup", "0", "--rounds", "1", "--checkpoint", "on"));
    summary.add("- checkpointing on, 2 threads, under -Xmx2048m: " + (tight.exitCode() == 0 ? "completes" : "fails"
        + (tight.outOfMemory() ? " (OutOfMemoryError)" : " (exit " + tight.exitCode() + ")")));
  }

  private static String median(List<Map<String, String>> rows, String key) {
    double[] v = rows.stream().mapToDouble(r -> Double.parseDouble(r.get(key))).sorted().toArray();
    double m = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    return String.format(Locale.ROOT, "%.3f", m);
  }
}
