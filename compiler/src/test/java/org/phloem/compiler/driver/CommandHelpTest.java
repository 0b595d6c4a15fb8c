package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command explains itself with --help, and wrong usage ends with picocli's message and exit code 2. */
class CommandHelpTest {

  private static final Map<String, List<String>> OPTIONS = Map.of(
      "compile", List.of("--emit"),
      "run", List.of("--data", "--params", "--out"),
      "check", List.of("--data", "--at", "--random", "--seed"),
      "fit", List.of("--data", "--start", "--out", "--max-iter", "--method", "--no-check", "--no-plots", "--resume"),
      "watch", List.of("--data"));

  @Test
  void everyCommand_hasHelpWithADescriptionAndItsOptions() {
    for (Map.Entry<String, List<String>> command : OPTIONS.entrySet()) {
      Cli.Run r = Cli.run(command.getKey(), "--help");
      assertEquals(0, r.exit(), r.all());
      assertTrue(r.out().startsWith("Usage: phloem " + command.getKey()), r.all());
      String[] lines = r.out().split("\n");
      assertTrue(lines.length > 3 && r.out().contains("MODEL"), r.all());
      for (String option : command.getValue()) {
        assertTrue(r.out().contains(option), command.getKey() + " --help documents " + option + ":\n" + r.out());
      }
    }
    Cli.Run top = Cli.run("--help");
    for (String command : OPTIONS.keySet()) {
      assertTrue(top.out().contains("  " + command + " "), "the top-level help lists " + command + ":\n" + top.out());
    }
  }

  @Test
  void hiddenTestOptionsOfWatch_areNotInItsHelp() {
    Cli.Run r = Cli.run("watch", "--help");
    assertTrue(!r.out().contains("--rounds") && !r.out().contains("--poll-ms"), r.out());
  }

  @Test
  void wrongUsage_exitsWithTwoAndPicocliMessage(@TempDir Path dir) throws Exception {
    String model = Cli.misra1a(dir).toString();
    assertUsage(Cli.run("fit"), "Missing required parameter");
    assertUsage(Cli.run("check", model, "--random", "many"), "Invalid value for option '--random'");
    assertUsage(Cli.run("fit", model, "--bogus"), "Unknown option");
    assertUsage(Cli.run("fit", model, "--method", "bfgs"), "expected one of [auto, lbfgs, lm, newton]");
    assertUsage(Cli.run("fit", model, "--gradient-tol", "0"), "the gradient tolerance must be a positive number");
    assertUsage(Cli.run("fit", model, "--max-iter", "0"), "--max-iter must be at least 1");
    assertUsage(Cli.run("check", model, "--random", "-1"), "--random must be 0 or more");
    assertUsage(Cli.run("fit", model, "--resume", dir.toString(), "--start", "prior"), "leave out --start, --method, --starts, --lbfgs-memory and the tolerances");
    assertUsage(Cli.run("nonsense"), "Unmatched argument");
  }

  private static void assertUsage(Cli.Run r, String message) {
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.err().contains(message), "expected '" + message + "' in:\n" + r.all());
  }
}
