package org.phloem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.driver.Main;
import org.phloem.tests.scalebench.ChildJvm;
import org.phloem.tests.support.Repo;

/**
 * {@code phloem watch} from a save to its results (issue 17, item 4), for shipped models. The watcher
 * runs as the launcher runs it, in a JVM of its own ({@code -Xss16m} and the options the {@code phloem}
 * script adds for {@code watch}, unless {@code -Dwatchbench.jvm} says otherwise), on a copy of {@code models/} (so includes resolve) against the repository's data, with
 * {@code --phase-times}. Each save is an atomic rename of a rewritten file, one kind of edit per round,
 * in turn:
 * <ul>
 *   <li>{@code unchanged}: the same text saved again;</li>
 *   <li>{@code comment}: one more comment line at the end of the model file;</li>
 *   <li>{@code number}: a constant of an equation set to a value not used before;</li>
 *   <li>{@code expression}: a term added to an equation, a different one each time (so no earlier
 *       class can be reused).</li>
 * </ul>
 * Per round it records the wall time from the rename to the line {@code cost J = ...} (the first result)
 * and to the line {@code light check ...}, the watcher process's CPU time over the round (every thread:
 * JIT compilers and GC included), and the watcher's own per-phase thread CPU (the derivatives' phases on
 * their threads: the gradient's before the light check, and all of them, compiled after it, in a column of
 * their own; the light check's two costs, computed on the forward class beside the gradient, in a column of
 * their own too). The first rounds warm up
 * and are not counted, except the first (reported alone: the compiler's own code is not yet JIT-compiled
 * then). Not in the default suite (tag {@code benchmark}: wall times); run with
 * <pre>
 * mvn -B -pl tests -am test -Dtest=WatchLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dphloem.excludedGroups=none
 * </pre>
 * or by hand ({@link #main}). Writes {@code tests/target/bench/watch-latency.md}. Options: {@code -Dwatchbench.models=dalec/oregon.phl,...},
 * {@code -Dwatchbench.warmup=8}, {@code -Dwatchbench.rounds=8} (measured rounds per model, spread over the
 * four kinds), {@code -Dwatchbench.pause=30} (seconds before the first save, as a user takes: the
 * compiler's warm-up runs then), {@code -Dwatchbench.gap=2000} (milliseconds between a round's end and the next save,
 * as a user reads the result; 0, the default, saves back to back), {@code -Dwatchbench.jvm="none|-XX:TieredStopAtLevel=1"} (JVM options of the watcher; several
 * sets separated by {@code |} are measured one after the other, model by model; {@code launcher}, the default, means
 * the options the launcher adds for {@code watch}, {@code none} no options beyond the stack size).
 */
@Tag("benchmark")
public final class WatchLatencyBenchmark {
  private static final List<String> MODELS = List.of(System.getProperty("watchbench.models",
      "nist/misra1a.phl,dalec/oregon.phl,bethy/hyytiala.phl,eastasia/network.phl,ccdas/ccdas_short.phl").split(","));
  private static final int WARMUP = Integer.getInteger("watchbench.warmup", 8);
  private static final int ROUNDS = Integer.getInteger("watchbench.rounds", 8);
  private static final List<String> JVM = List.of(System.getProperty("watchbench.jvm", "launcher").split("\\|"));
  /** Seconds between the first round and the first save: the time a user takes, in which the compiler warms up. */
  private static final int PAUSE = Integer.getInteger("watchbench.pause", 0);
  /** Milliseconds between a round's end and the next save (0: at once, back to back). */
  private static final int GAP = Integer.getInteger("watchbench.gap", 0);
  private static final List<String> KINDS = List.of("unchanged", "comment", "number", "expression");

  /**
   * Where a model's number and expression edits go: a file under {@code models/}, the text before a
   * constant and the constant, and an expression (ending where a term can be added) with a variable of
   * it: the k-th expression edit makes it {@code EXPR + 1e-12 * V * ... * V} (k factors), code that
   * was never compiled before.
   */
  private record Edits(String file, String numberPrefix, String literal, String expression, String variable) {
    double number() {
      return Double.parseDouble(literal);
    }

    String expression(int k) {
      return k == 0 ? expression : expression + " + 1e-12" + (" * " + variable).repeat(k);
    }
  }

  private static final Map<String, Edits> EDITS = Map.of(
      "nist/misra1a.phl", new Edits("nist/misra1a.phl", "fit[i] = b1 * (", "1", "exp(-b2 * x[i])", "b1"),
      "dalec/oregon.phl", new Edits("dalec/dalec_core.phl", "const a1 = ", "2.155", "let trange = 0.5 * (tmx - tmn)", "tmx"),
      "bethy/hyytiala.phl", photosynthesis(),
      "eastasia/network.phl", photosynthesis(),
      "ccdas/ccdas_short.phl", photosynthesis());

  /** The C3 leaf model every BETHY-based model includes. */
  private static Edits photosynthesis() {
    return new Edits("bethy/photosynthesis.phl", "const o2 = ", "0.21", "let je = j * (ci - gamma_star) / (4 * (ci + 2 * gamma_star))",
        "j");
  }

  /**
   * The same without Maven, the options as system properties: {@code java -Dphloem.repo=$PWD
   * -Dwatchbench.models=... -cp $CP org.phloem.tests.bench.WatchLatencyBenchmark} (class path as in
   * BENCHMARKS.md, "To run one program by hand").
   */
  public static void main(String[] args) throws Exception {
    new WatchLatencyBenchmark().saveToResult();
  }

  @Test
  void saveToResult() throws Exception {
    List<String> report = new ArrayList<>();
    report.add("# watch: save to result, " + LocalDateTime.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
    report.add("");
    report.add("Medians over the measured rounds of each kind (min..max); wall from the save (rename) to the line; "
        + "process CPU over the round (all threads); phases: the watcher thread's CPU, median, ms.");
    report.add("");
    report.add("| model | JVM options | edit | rounds | save to cost J, ms | save to light check, ms | process CPU/round, ms "
        + "| parse+check | lower | emit+load | bind | cost | derivatives | emit+load with derivatives | light check "
        + "| light check's costs, beside | all derivatives, after the light check | compilation or class reused | derivatives reused | load |");
    report.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (String model : MODELS) {
      for (String jvm : JVM) {
        for (String row : measure(model, options(jvm))) {
          report.add(row);
          System.out.println(row);
        }
      }
    }
    Path out = Files.createDirectories(Repo.root().resolve("tests/target/bench"));
    Files.write(out.resolve("watch-latency.md"), report);
    report.forEach(System.out::println);
  }

  /**
   * The watcher's JVM options for one {@code -Dwatchbench.jvm} set: {@code launcher}, those the
   * {@code phloem} launcher adds for {@code watch} (read from the script, so the two cannot drift apart);
   * {@code none}, no options beyond the stack size; otherwise the options given.
   */
  static List<String> options(String set) throws IOException {
    String s = set.trim();
    if (s.equals("none")) {
      return List.of();
    }
    if (!s.equals("launcher")) {
      return List.of(s.split("\\s+"));
    }
    Matcher m = Pattern.compile("if \\[ \"\\$\\{1:-}\" = \"watch\" ]; then\\s+java_opts\\+=\\(([^)]*)\\)")
        .matcher(Files.readString(Repo.root().resolve("phloem")));
    return m.find() ? List.of(m.group(1).trim().split("\\s+")) : List.of();
  }

  /** One round's figures. */
  private record Round(String kind, double toCost, double toLight, double cpu, Map<String, Double> phases, boolean reused,
      boolean derivativesReused) {}

  private List<String> measure(String model, List<String> jvmOptions) throws Exception {
    Edits edits = EDITS.get(model);
    Path copy = copyOfModels();
    Path file = copy.resolve(model);
    Path edited = copy.resolve(edits.file());
    Map<Path, String> texts = new LinkedHashMap<>();
    texts.put(file, Files.readString(file));
    texts.put(edited, Files.readString(edited));
    String numberText = edits.numberPrefix() + edits.literal();
    assertTrue(texts.get(edited).contains(numberText) && texts.get(edited).contains(edits.expression()),
        model + ": the edits no longer apply");
    int total = WARMUP + ROUNDS;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ChildJvm.JVM_OPTIONS);
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "watch", file.toString(),
        "--data=" + Repo.root().resolve("data"), "--phase-times", "--rounds", Integer.toString(total + 1)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Lines lines = new Lines(process);
    String loadBefore = LaunchProbe.load();
    List<Round> rounds = new ArrayList<>();
    try {
      lines.await("] light check ", 1);
      Thread.sleep(1000L * PAUSE);
      int expressions = 0;
      int numbers = 0;
      for (int round = 1; round <= total; round++) {
        String kind = KINDS.get((round - 1) % KINDS.size());
        Path target = kind.equals("number") || kind.equals("expression") ? edited : file;
        String text = texts.get(target);
        switch (kind) {
          case "comment" -> text = text + "// save " + round + "\n";
          case "number" -> {
            String next = edits.numberPrefix() + number(edits.number() * (1 + 1e-4 * ++numbers));
            text = text.replace(numberText, next);
            numberText = next;
          }
          case "expression" -> {
            text = text.replace(edits.expression(expressions), edits.expression(expressions + 1));
            expressions++;
          }
          default -> { }
        }
        texts.put(target, text);
        Thread.sleep(round == 1 ? 0 : GAP);
        double cpu0 = cpuMillis(process);
        long t0 = System.nanoTime();
        save(target, text);
        long cost = lines.await("] cost J = ", round + 1);
        long light = lines.await("] light check ", round + 1);
        lines.await("phases (thread CPU/wall, ms): ", round + 1);
        double cpu = cpuMillis(process) - cpu0;
        String phaseLine = lines.last("phases (thread CPU/wall, ms): ");
        if (round > WARMUP || round == 1) {
          rounds.add(new Round(round == 1 ? "first save after start: " + kind : kind, (cost - t0) / 1e6, (light - t0) / 1e6, cpu, phases(phaseLine),
              lines.round(round + 1).matches("(?s).*(same bytecode|no file's text changed).*"),
              lines.derivatives(round + 1).contains("the last derivatives")));
        }
      }
      assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the watcher ends after its rounds");
    } finally {
      process.destroy();
    }
    String all = String.join("\n", lines.all());
    assertTrue(!all.contains("not checked") && !all.contains("FAILED"), all);
    String load = loadBefore + ".." + LaunchProbe.load();
    String jvm = jvmOptions.isEmpty() ? "(none but -Xss16m)" : String.join(" ", jvmOptions);
    List<String> rows = new ArrayList<>();
    List<String> kinds = new ArrayList<>();
    kinds.add("first save after start: " + KINDS.get(0));
    kinds.addAll(KINDS);
    for (String kind : kinds) {
      List<Round> of = rounds.stream().filter(r -> r.kind().equals(kind)).toList();
      if (of.isEmpty()) {
        continue;
      }
      rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d of %d | %d of %d | %s |",
          model, jvm, kind, of.size(), spread(of.stream().mapToDouble(Round::toCost).toArray()),
          spread(of.stream().mapToDouble(Round::toLight).toArray()), spread(of.stream().mapToDouble(Round::cpu).toArray()),
          phase(of, "parse+check"), phase(of, "lower"), phase(of, "emit+load"), phase(of, "bind"), phase(of, "cost"),
          phase(of, "derivatives"), phase(of, "emit+load with derivatives"), phase(of, "light check"), phase(of, "light check costs"),
          phase(of, "all derivatives", "emit+load with all derivatives"),
          of.stream().filter(Round::reused).count(), of.size(), of.stream().filter(Round::derivativesReused).count(), of.size(), load));
    }
    return rows;
  }

  /** The median over rounds of the sum of the named phases' thread CPU. */
  private static String phase(List<Round> rounds, String... names) {
    double[] x = rounds.stream().mapToDouble(r -> Arrays.stream(names).mapToDouble(n -> r.phases().getOrDefault(n, 0.0)).sum()).toArray();
    return String.format(Locale.ROOT, "%.1f", LaunchProbe.median(x));
  }

  private static String spread(double[] x) {
    return String.format(Locale.ROOT, "%.0f (%.0f..%.0f)", LaunchProbe.median(x), Arrays.stream(x).min().orElseThrow(),
        Arrays.stream(x).max().orElseThrow());
  }

  /** "parse+check 3.1/3.4, lower 1.0/1.1, ..." as thread CPU by phase. */
  private static Map<String, Double> phases(String line) {
    Map<String, Double> out = new LinkedHashMap<>();
    String list = line.substring(line.indexOf("ms): ") + 5);
    for (String item : list.split(", ")) {
      int space = item.lastIndexOf(' ');
      out.put(item.substring(0, space), Double.parseDouble(item.substring(space + 1, item.indexOf('/', space))));
    }
    return out;
  }

  private static String number(double x) {
    return Double.toString(x);
  }

  /** The *.phl files of models/ and its include-root marker, copied with their folders into a temporary folder. */
  private static Path copyOfModels() throws IOException {
    Path source = Repo.root().resolve("models");
    Path dir = Files.createTempDirectory("watchbench");
    try (Stream<Path> files = Files.walk(source)) {
      // the marker lets includes reach across model folders (../bethy/photosynthesis.phl)
      for (Path f : files.filter(f -> f.toString().endsWith(".phl") || f.endsWith("phloem-include-root")).toList()) {
        Path to = dir.resolve(source.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    return dir;
  }

  /** One save as an editor makes it: written beside, renamed over. */
  private static void save(Path file, String text) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".saving");
    Files.writeString(temporary, text);
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static double cpuMillis(Process p) {
    return p.toHandle().info().totalCpuDuration().orElse(Duration.ZERO).toNanos() / 1e6;
  }

  /** The watcher's output, line by line, each with the time it was read. */
  private static final class Lines {
    private final List<String> text = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();

    Lines(Process process) {
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = in.readLine(); line != null; line = in.readLine()) {
            long now = System.nanoTime();
            synchronized (this) {
              text.add(line);
              times.add(now);
              notifyAll();
            }
          }
        } catch (IOException e) {
          // the process ended
        }
      }, "watchbench-lines");
      reader.setDaemon(true);
      reader.start();
    }

    /** The time the {@code n}th line holding {@code marker} was read, waiting up to 10 minutes for it. */
    synchronized long await(String marker, int n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (true) {
        int seen = 0;
        for (int k = 0; k < text.size(); k++) {
          if (text.get(k).contains(marker) && ++seen == n) {
            return times.get(k);
          }
          if (text.get(k).contains("not checked")) {
            throw new AssertionError("a round was not checked:\n" + String.join("\n", text));
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("no '" + marker + "' number " + n + " within 10 minutes:\n" + String.join("\n", text));
        }
        wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      }
    }

    /** The lines of the {@code n}th round from its cost to its light check (where the derivatives are compiled). */
    synchronized String derivatives(int n) {
      StringBuilder b = new StringBuilder();
      int costs = 0;
      for (String line : text) {
        costs += line.contains("] cost J = ") ? 1 : 0;
        if (costs == n) {
          b.append(line).append('\n');
          if (line.contains("] light check ")) {
            break;
          }
        }
      }
      return b.toString();
    }

    /** The last line holding {@code marker}. */
    synchronized String last(String marker) {
      for (int k = text.size() - 1; k >= 0; k--) {
        if (text.get(k).contains(marker)) {
          return text.get(k);
        }
      }
      throw new AssertionError("no line with '" + marker + "'");
    }

    /** The lines of the {@code n}th round: after the light check of the one before, up to its own cost. */
    synchronized String round(int n) {
      StringBuilder b = new StringBuilder();
      int lights = 0;
      int costs = 0;
      for (String line : text) {
        costs += line.contains("] cost J = ") ? 1 : 0;
        if (lights >= n - 1 && costs <= n) {
          b.append(line).append('\n');
        }
        lights += line.contains("] light check ") ? 1 : 0;
        if (costs == n) {
          break;
        }
      }
      return b.toString();
    }

    synchronized List<String> all() {
      return List.copyOf(text);
    }
  }
}
