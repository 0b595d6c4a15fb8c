package org.phloem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
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
 * gradient and forward time by thread CPU ({@link LaunchProbe}). Not in the default suite (tag
 * {@code benchmark}); run with
 * <pre>
 * mvn -B -pl tests -am test -Dtest=LaunchSpreadBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dphloem.excludedGroups=none
 * </pre>
 * Options: {@code -Dlaunchspread.launches=10}, {@code -Dlaunchspread.models=dalec/oregon.phl,bethy/hyytiala.phl},
 * {@code -Dlaunchspread.jvmOptions="-XX:+PrintCompilation"} (space-separated, added to every child).
 * Writes {@code tests/target/bench/launch-spread.md}. First, one launch of each model with
 * {@code -XX:+PrintCompilation} checks that HotSpot's C2 compiled every generated method it tried
 * (a refused method runs as C1 code for the rest of the JVM's life, which was the cause of the spread).
 */
@Tag("benchmark")
class LaunchSpreadBenchmark {
  private static final int LAUNCHES = Integer.getInteger("launchspread.launches", 10);
  private static final List<String> MODELS = List.of(System.getProperty("launchspread.models", "dalec/oregon.phl,bethy/hyytiala.phl").split(","));
  private static final List<String> JVM_OPTIONS = options(System.getProperty("launchspread.jvmOptions", ""));

  @Test
  void launchToLaunchSpread() throws Exception {
    Path out = Files.createDirectories(Repo.root().resolve("tests/target/bench"));
    List<String> report = new ArrayList<>();
    report.add("# Launch-to-launch spread, " + LocalDateTime.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, load "
        + LaunchProbe.load() + ", JVM options " + ChildJvm.JVM_OPTIONS + JVM_OPTIONS);
    report.add("");
    for (String model : MODELS) {
      // the compilation log goes to a file, not into the RESULT lines on stdout
      Path log = out.resolve("launch-spread-compilation-" + model.replace('/', '-') + ".log");
      ChildJvm.Run compiled = ChildJvm.run(LaunchProbe.class, 1024, List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintCompilation",
          "-XX:-DisplayVMOutput", "-XX:+LogVMOutput", "-XX:LogFile=" + log), probeArgs(model), false);
      List<String> refused = Files.readAllLines(log).stream().filter(l -> l.contains("org.phloem.generated") && l.contains("COMPILE SKIPPED")).toList();
      report.add("- " + model + ": generated methods C2 refused to compile: " + (refused.isEmpty() ? "none" : refused) + " (log: " + log + ")");
      assertEquals(0, compiled.exitCode(), String.join("\n", compiled.output()));
      assertTrue(refused.isEmpty(), model + ": " + refused);
    }
    report.add("");
    report.add("| model | launch | gradient median (p10), µs | forward median (p10), µs | gradient / forward | plain-Java control, µs | load before..after |");
    report.add("|---|---|---|---|---|---|---|");
    double[][] gradient = new double[MODELS.size()][LAUNCHES];
    double[][] gradientP10 = new double[MODELS.size()][LAUNCHES];
    double[][] forward = new double[MODELS.size()][LAUNCHES];
    for (int launch = 0; launch < LAUNCHES; launch++) {
      for (int k = 0; k < MODELS.size(); k++) {
        ChildJvm.Run run = ChildJvm.run(LaunchProbe.class, 1024, JVM_OPTIONS, probeArgs(MODELS.get(k)), false);
        Map<String, String> r = run.first("probe");
        assertNotNull(r, String.join("\n", run.output()));
        gradient[k][launch] = Double.parseDouble(r.get("gradient_us"));
        gradientP10[k][launch] = Double.parseDouble(r.get("gradient_p10_us"));
        forward[k][launch] = Double.parseDouble(r.get("forward_us"));
        String row = String.format(Locale.ROOT, "| %s | %d | %s (%s) | %s (%s) | %s | %s | %s |", MODELS.get(k), launch + 1, r.get("gradient_us"),
            r.get("gradient_p10_us"), r.get("forward_us"), r.get("forward_p10_us"), r.get("ratio"), r.get("control_us"), r.get("load"));
        System.out.println(row);
        report.add(row);
      }
    }
    report.add("");
    for (int k = 0; k < MODELS.size(); k++) {
      report.add(String.format(Locale.ROOT,
          "- %s, %d launches: gradient median of medians %.1f µs, spread (max/min - 1) of the medians %.1f %%, of the 10th percentiles %.1f %%;"
              + " forward spread of the medians %.1f %%",
          MODELS.get(k), LAUNCHES, LaunchProbe.median(gradient[k]), 100 * spread(gradient[k]), 100 * spread(gradientP10[k]), 100 * spread(forward[k])));
    }
    Files.write(out.resolve("launch-spread.md"), report);
    report.forEach(System.out::println);
  }

  private static List<String> probeArgs(String model) {
    boolean small = model.startsWith("dalec");
    return List.of(model, small ? "8" : "12", small ? "3000" : "400");
  }

  private static double spread(double[] x) {
    return Arrays.stream(x).max().orElseThrow() / Arrays.stream(x).min().orElseThrow() - 1;
  }

  private static List<String> options(String text) {
    return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
  }
}
