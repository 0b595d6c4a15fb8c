package org.phloem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.phloem.tests.scalebench.ChildJvm;
import org.phloem.tests.support.Repo;

/**
 * The launch-to-launch spread of compiled speed (issue 17, item 1): the DALEC demo
 * ({@code models/dalec/oregon.phl}) and the BETHY site model ({@code models/bethy/hyytiala.phl}), each
 * in a number of fresh JVMs with the launcher's options, alternating, every launch measuring the median
 * gradient and forward time and a plain-Java control by thread CPU ({@link LaunchProbe}). Not in the
 * default suite (tag {@code benchmark}); run with
 * <pre>
 * mvn -B -pl tests -am test -Dtest=LaunchSpreadBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dphloem.excludedGroups=none
 * </pre>
 * Options: {@code -Dlaunchspread.launches=10}, {@code -Dlaunchspread.maxLaunches=30} (launches go on past the
 * first 10 until 10 of them ran at the machine's quiet speed, judged by the controls alone; 10 turns that off), {@code -Dlaunchspread.models=dalec/oregon.phl,bethy/hyytiala.phl},
 * {@code -Dlaunchspread.jvmOptions="-Xms1g -XX:+AlwaysPreTouch"} (space-separated, added to every child),
 * {@code -Dlaunchspread.compareOptions="-XX:-UseTransparentHugePages"}: a second configuration measured side
 * by side, every launch number running both (in alternating order), each reported in a section of its own.
 *
 * <p>Writes {@code tests/target/bench/launch-spread.md} (rewritten after every launch, so an interrupted
 * run keeps what it measured) and, per launch, the per-call trace, the GC log and the compilation log
 * under {@code tests/target/bench/launch-spread/}. Every launch is reported; none is dropped. Beside
 * the raw spread of the gradient medians the report gives the spread of gradient / control (the
 * control runs no generated code, so what moves it is the machine), the same over the large control
 * (the same code over three times the data, a working set like the DALEC gradient's) and over the
 * gradient control (DALEC's adjoint written by hand), the gradient's median on each CPU the launch's
 * measuring thread ran on (the machine's slow state belongs to one virtual CPU at a time), the time of
 * each launch's last compilation of Phloem code against the start of its measurement (a launch
 * measured while the JIT was still compiling shows the gradient alone slow), and flags the launches whose
 * control median moved more than {@link #CONTROL_MOVED} from the median of all launches' controls.
 * Every launch's compilation log is checked for generated methods HotSpot's C2 refused to compile
 * (such a method runs as C1 code for the rest of the JVM's life, which was once the cause of the
 * spread), and the GC pauses and the compilations or deoptimizations of Phloem code that fell inside
 * the measured window are counted.
 */
@Tag("benchmark")
class LaunchSpreadBenchmark {
  private static final int LAUNCHES = Integer.getInteger("launchspread.launches", 10);
  /**
   * Launches go on past {@link #LAUNCHES}, up to this many, until each section has {@link #LAUNCHES} launches the
   * machine ran at its quiet speed ({@link LaunchSpread#quiet}): on a host whose CPUs slow down for minutes at a
   * time (controls +20 to +50 %), the raw spread is otherwise the machine's. Every launch is reported.
   */
  private static final int MAX_LAUNCHES = Integer.getInteger("launchspread.maxLaunches", 3 * LAUNCHES);
  private static final List<String> MODELS = List.of(System.getProperty("launchspread.models", "dalec/oregon.phl,bethy/hyytiala.phl").split(","));
  private static final List<String> JVM_OPTIONS = options(System.getProperty("launchspread.jvmOptions", ""));
  private static final List<String> COMPARE_OPTIONS = options(System.getProperty("launchspread.compareOptions", ""));
  /** A launch's control is flagged when its median is this far (relative) from the median of all launches' controls. */
  static final double CONTROL_MOVED = 0.05;

  @Test
  void launchToLaunchSpread() throws Exception {
    Path out = Files.createDirectories(Repo.root().resolve("tests/target/bench"));
    Path logs = Files.createDirectories(out.resolve("launch-spread"));
    List<String> header = List.of("# Launch-to-launch spread, " + LocalDateTime.now() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, load " + LaunchProbe.load() + ", JVM options " + ChildJvm.JVM_OPTIONS + JVM_OPTIONS, "",
        "Thread CPU per call; medians (10th percentiles). Slow share: calls over " + LaunchProbe.SLOW + " × their own 10th percentile."
            + " ⚑: the control moved more than " + Math.round(100 * CONTROL_MOVED) + " % from the median of all launches' controls (the machine)."
            + " In window: GC pauses / compilations or deoptimizations of Phloem code during the measured calls."
            + " Logs and per-call traces: " + logs + ".", "");
    List<List<String>> configurations = new ArrayList<>(List.of(JVM_OPTIONS));
    if (!COMPARE_OPTIONS.isEmpty()) {
      List<String> compared = new ArrayList<>(JVM_OPTIONS);
      compared.addAll(COMPARE_OPTIONS);
      configurations.add(compared);
    }
    List<String> sections = new ArrayList<>();
    List<List<LaunchSpread.Launch>> launches = new ArrayList<>();
    for (String model : MODELS) {
      for (List<String> configuration : configurations) {
        sections.add(configurations.size() == 1 ? model : model + ", child options " + (ChildJvm.JVM_OPTIONS + " " + configuration).trim());
        launches.add(new ArrayList<>());
      }
    }
    for (int launch = 1; launch <= MAX_LAUNCHES; launch++) {
      for (int m = 0; m < MODELS.size(); m++) {
        for (int turn = 0; turn < configurations.size(); turn++) {
          // alternate which configuration goes first, so neither always follows the other model's launch
          int c = (turn + launch) % configurations.size();
          int section = m * configurations.size() + c;
          if (launch > LAUNCHES && LaunchSpread.quiet(launches.get(section), CONTROL_MOVED).size() >= LAUNCHES) {
            continue;
          }
          String stem = MODELS.get(m).replace('/', '-').replace(".phl", "") + (configurations.size() == 1 ? "" : "-c" + c) + "-" + launch;
          LaunchSpread.Launch l = measure(MODELS.get(m), launch, configurations.get(c), logs.resolve(stem));
          assertTrue(l.refused().isEmpty(), sections.get(section) + ", launch " + launch + ": C2 refused " + l.refused());
          launches.get(section).add(l);
          System.out.println(sections.get(section) + ": " + l.row(launches.get(section), CONTROL_MOVED));
          List<String> report = new ArrayList<>(header);
          for (int k = 0; k < sections.size(); k++) {
            report.addAll(LaunchSpread.section(sections.get(k), launches.get(k), CONTROL_MOVED));
          }
          Files.write(out.resolve("launch-spread.md"), report);
        }
      }
      if (launch >= LAUNCHES && launches.stream().allMatch(l -> LaunchSpread.quiet(l, CONTROL_MOVED).size() >= LAUNCHES)) {
        break;
      }
    }
    Files.readAllLines(out.resolve("launch-spread.md")).forEach(System.out::println);
  }

  /** One launch of {@code model} with {@code configuration}; its trace and logs go to files named {@code stem-*}. */
  private static LaunchSpread.Launch measure(String model, int launch, List<String> configuration, Path stem) throws Exception {
    Path trace = Path.of(stem + "-trace.csv");
    Path gcLog = Path.of(stem + "-gc.log");
    Path compilationLog = Path.of(stem + "-compilation.log");
    List<String> options = new ArrayList<>(configuration);
    // the logs go to files, not into the RESULT line on stdout
    options.addAll(List.of("-Dlaunchprobe.trace=" + trace, "-Xlog:gc:file=" + gcLog + ":uptime", "-XX:+UnlockDiagnosticVMOptions",
        "-XX:+PrintCompilation", "-XX:-DisplayVMOutput", "-XX:+LogVMOutput", "-XX:LogFile=" + compilationLog));
    ChildJvm.Run run = ChildJvm.run(LaunchProbe.class, 1024, options, probeArgs(model), false);
    Map<String, String> r = run.first("probe");
    assertEquals(0, run.exitCode(), String.join("\n", run.output()));
    assertNotNull(r, String.join("\n", run.output()));
    return LaunchSpread.Launch.of(launch, r, Files.readAllLines(gcLog), Files.readAllLines(compilationLog), Files.readAllLines(trace));
  }

  private static List<String> probeArgs(String model) {
    boolean small = model.startsWith("dalec");
    return List.of(model, small ? "8" : "12", small ? "3000" : "400");
  }

  private static List<String> options(String text) {
    return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
  }
}
