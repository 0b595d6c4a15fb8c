package org.phloem.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.tests.support.Repo;

/**
 * Nothing lost: a real {@code phloem fit} process killed with SIGKILL in the middle of its iterations
 * leaves its state behind, and {@code phloem fit --resume} continues from it to the optimum an
 * uninterrupted fit reaches.
 *
 * <p>The child runs interpreted ({@code -Xint}), so that its iterations take long enough to be killed
 * between them whatever the machine; Java's floating point is the same interpreted or compiled.
 */
class FitKilledAndResumedTest {
  private static final Pattern ITERATION = Pattern.compile("(?m)^iteration (\\d+)$");
  private static final Pattern STATUS = Pattern.compile("(?m)^status (\\S+)$");

  @TempDir Path dir;

  @Test
  void fitKilledAfterTwoIterations_resumesToTheUninterruptedOptimum() throws Exception {
    Path model = Path.of(getClass().getResource("/cli/misra1a_slow.phl").toURI());
    Path data = Repo.dataRoot(model);
    Path killed = dir.resolve("killed");
    Path state = killed.resolve("fit-state.txt");

    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xint", "-Xss16m",
        "-cp", System.getProperty("java.class.path"), "org.phloem.compiler.driver.Main",
        "fit", model.toString(), "--data", data.toString(), "--out", killed.toString(), "--method", "lbfgs", "--no-plots", "--no-check"));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    int savedIteration = -1;
    try {
      Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
      while (savedIteration < 2) {
        assertTrue(child.isAlive(), "the fit ended before it could be killed:\n" + Files.readString(dir.resolve("child.log")));
        assertTrue(Instant.now().isBefore(deadline), "no second iteration within 3 minutes:\n" + Files.readString(dir.resolve("child.log")));
        savedIteration = iterationIn(state);
        Thread.sleep(5);
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    String left = Files.readString(state);
    int iterationLeft = Integer.parseInt(find(ITERATION, left));
    assertTrue(iterationLeft >= 2, left);
    assertEquals("running", find(STATUS, left), "killed mid-run");

    Captured resumed = Captured.run("fit", model.toString(), "--data", data.toString(), "--resume", killed.toString(), "--no-plots");
    assertEquals(0, resumed.exit(), resumed.all());
    assertTrue(resumed.out().contains("after " + iterationLeft + " iteration(s)"), resumed.out());
    assertTrue(resumed.out().contains("lbfgs " + String.format("%5d", iterationLeft + 1)), "it iterated on:\n" + resumed.out());

    Path whole = dir.resolve("whole");
    Captured uninterrupted = Captured.run("fit", model.toString(), "--data", data.toString(), "--out", whole.toString(), "--method", "lbfgs",
        "--no-plots", "--no-check");
    assertEquals(0, uninterrupted.exit(), uninterrupted.all());

    double[] a = posteriors(whole.resolve("parameters.csv"));
    double[] b = posteriors(killed.resolve("parameters.csv"));
    assertEquals(2, a.length);
    for (int j = 0; j < a.length; j++) {
      assertEquals(a[j], b[j], 1e-8 * Math.abs(a[j]), "parameter " + (j + 1));
    }
    // and it is Misra1a's optimum to the accuracy the rate grid allows (it shifts b2 by ~1e-8 relative)
    assertEquals(238.94212918, a[0], 1e-4 * 238.94);
    assertEquals(5.5015643181e-4, a[1], 1e-4 * 5.5e-4);
  }

  /** The iteration the state file holds, or -1 while there is none. */
  private static int iterationIn(Path state) throws IOException {
    if (!Files.exists(state)) {
      return -1;
    }
    // the file is replaced by an atomic move, so any read sees a whole state
    String it = find(ITERATION, Files.readString(state));
    return it == null ? -1 : Integer.parseInt(it);
  }

  private static String find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static double[] posteriors(Path parameters) throws IOException {
    List<String> lines = Files.readAllLines(parameters);
    int column = List.of(lines.get(0).split(",")).indexOf("posterior");
    return lines.stream().skip(1).filter(l -> !l.isBlank()).mapToDouble(l -> Double.parseDouble(l.split(",")[column])).toArray();
  }
}
