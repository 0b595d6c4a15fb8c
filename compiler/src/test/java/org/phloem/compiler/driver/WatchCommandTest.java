package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code phloem watch}: a watcher on a temporary model (and a file it includes) sees each save, prints
 * the new check or the positioned compile error, and keeps watching.
 */
class WatchCommandTest {
  @TempDir Path dir;

  @Test
  void editsToTheModelAndItsInclude_areRecheckedOneRoundPerSave() throws Exception {
    Path include = Cli.write(dir, "curve.phl", "fn curve(c1, c2, t) = c1 * (1 - exp(-c2 * t))\n");
    String model = Files.readString(Cli.misra1a(dir))
        .replace("dim obs", "include \"curve.phl\"\ndim obs")
        .replace("b1 * (1 - exp(-b2 * x[i]))", "curve(b1, b2, x[i])");
    Path file = Cli.write(dir, "watched.phl", model);

    String all = watch(file, 4, text -> {
      awaitRounds(text, 1);
      assertTrue(text.get().contains("light check passed") && text.get().contains("watching 2 file(s)"), text.get());
      // round 2: a mistake in the model: positioned message, and watching goes on
      save(file, model.replace("curve(b1, b2, x[i])", "curve(b1, b2, xx[i])"));
      awaitRounds(text, 2);
      awaitText(text, "Unknown name 'xx'");
      assertTrue(text.get().contains("Unknown name 'xx'") && text.get().matches("(?s).*watched\\.phl', line \\d+.*"), text.get());
      // round 3: fixed, with a different observation sd: the check runs again
      save(file, model.replace("normal(y[i], 1)", "normal(y[i], 2)"));
      awaitRounds(text, 3);
      // round 4: a save of the included file alone triggers a round
      save(include, "fn curve(c1, c2, t) = c1 * (1 - exp(-c2 * t)) + 0\n");
    });
    assertEquals(3, all.split("light check passed", -1).length - 1, all);
    assertEquals(4, all.split("\\.phl compiled in \\d+ ms| not checked", -1).length - 1, "four rounds:\n" + all);
    assertTrue(!all.contains("\tat org."), all);
  }

  /** After a compile error in an included file, saving that file alone starts the next round. */
  @Test
  void aMistakeInAnIncludedFile_keepsTheIncludeWatched() throws Exception {
    Path include = Cli.write(dir, "curve.phl", "fn curve(c1, c2, t) = c1 * (1 - exp(-c2 * tt))\n");
    String model = Files.readString(Cli.misra1a(dir))
        .replace("dim obs", "include \"curve.phl\"\ndim obs")
        .replace("b1 * (1 - exp(-b2 * x[i]))", "curve(b1, b2, x[i])");
    Path file = Cli.write(dir, "watched.phl", model);
    String all = watch(file, 2, text -> {
      awaitRounds(text, 1);
      awaitText(text, "Unknown name 'tt'");
      awaitText(text, "watching 2 file(s)");
      assertTrue(text.get().contains("watching 2 file(s)"), text.get());
      save(include, "fn curve(c1, c2, t) = c1 * (1 - exp(-c2 * t))\n");
    });
    assertTrue(all.contains("light check passed"), all);
  }

  /**
   * An editor that truncates the file and writes it a moment later: the watcher waits for the save to
   * settle and reports on the finished file once, never on the empty one in between (which a round may
   * already have started to compile). The quiet time is 6 s here, not 50 ms, so that however slow the
   * machine (a loaded CI runner, a GC pause) the second write comes within it.
   */
  @Test
  void aSaveWrittenInTwoSteps_isCheckedOnceWhenComplete() throws Exception {
    String model = Files.readString(Cli.misra1a(dir));
    Path file = Cli.write(dir, "watched.phl", model);
    String all = watch(file, 2, text -> {
      awaitRounds(text, 1);
      FileTime before = Files.getLastModifiedTime(file);
      Files.writeString(file, "");
      Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2000));
      Thread.sleep(15); // within the quiet time: the watcher sees the empty file, and may compile it
      Files.writeString(file, model.replace("normal(y[i], 1)", "normal(y[i], 2)"));
      Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 4000));
    }, "--settle-ms", "6000");
    assertEquals(2, all.split("light check passed", -1).length - 1, all);
    assertTrue(!all.contains("no 'model' declaration"), all);
  }

  /**
   * Each round prints its stages in order: compiled, the cost at the prior means (the first result),
   * the light check. A save that changes only a comment, or only a number, compiles to the same
   * bytecode: the loaded class runs again (with the new number) on the data bound before; after the
   * comment, which moved the lines, the last derivatives are reused too. A changed expression makes a
   * new class.
   */
  @Test
  void roundsPrintCostThenLightCheck_andReuseWhatDidNotChange() throws Exception {
    String model = Files.readString(Cli.misra1a(dir)).replace("normal(y[i], 1)", "normal(y[i], 2)");
    Path file = Cli.write(dir, "watched.phl", model);
    String all = watch(file, 4, text -> {
      awaitRounds(text, 1);
      save(file, "// a comment\n" + model);
      awaitRounds(text, 2);
      save(file, model.replace("normal(y[i], 2)", "normal(y[i], 4)"));
      awaitRounds(text, 3);
      save(file, model.replace("normal(y[i], 2)", "normal(y[i], 4)").replace("exp(-b2 * x[i])", "exp(-(x[i] * b2))"));
    });
    String[] rounds = all.split("watching 1 file\\(s\\)");
    assertEquals(4, rounds.length, all);
    for (String r : rounds) {
      int compiled = r.indexOf(" compiled in ");
      int cost = r.indexOf("] cost J = ");
      int light = r.indexOf("] light check passed: gradient·v ");
      assertTrue(compiled >= 0 && compiled < cost && cost < light, r);
    }
    assertTrue(!rounds[0].contains("same bytecode") && !rounds[0].contains("data unchanged"), rounds[0]);
    assertTrue(rounds[1].contains("same bytecode as before") && rounds[1].contains("data unchanged"), rounds[1]);
    // the comment moved every line: the derivatives are those of the last round, lines moved, and the
    // light check would compute what it computed then (same code, same data): its result is printed again
    assertTrue(rounds[1].contains("the last derivatives, lines moved"), rounds[1]);
    assertTrue(!rounds[2].contains("the last derivatives") && !rounds[3].contains("the last derivatives"), all);
    assertTrue(rounds[1].contains("the same code and data as the last light check"), rounds[1]);
    assertEquals(lightLine(rounds[0]), lightLine(rounds[1]));
    assertTrue(!rounds[0].contains("the same code and data") && !rounds[2].contains("the same code and data")
        && !rounds[3].contains("the same code and data"), all);
    assertEquals(costLine(rounds[0]), costLine(rounds[1]));
    // sd 4 instead of 2: a quarter of the cost, from the same class with the new number
    assertTrue(rounds[2].contains("same bytecode as before") && rounds[2].contains("data unchanged"), rounds[2]);
    assertEquals(costLine(rounds[0]) / 4, costLine(rounds[2]), 1e-12 * costLine(rounds[0]));
    // the same function written another way: new code, the same cost to rounding
    assertTrue(!rounds[3].contains("same bytecode") && rounds[3].contains("data unchanged"), rounds[3]);
    assertEquals(costLine(rounds[2]), costLine(rounds[3]), 1e-12 * costLine(rounds[2]));
    assertTrue(!all.contains("full check"), all);
  }

  /** {@code --full} adds the full check of {@code phloem check} to every round. */
  @Test
  void withFull_everyRoundEndsWithTheFullCheck() throws Exception {
    Path file = Cli.write(dir, "watched.phl", Files.readString(Cli.misra1a(dir)));
    String all = watch(file, 1, text -> awaitText(text, "full check passed"), "--full");
    assertTrue(all.contains("Gradient check of misra1a") && all.contains("hessian·v (norm)") && all.contains("full check passed"), all);
    assertTrue(all.indexOf("light check passed") < all.indexOf("Gradient check of misra1a"), all);
  }

  /** A cost that is NaN at the prior means is explained (line, variable) and the round ends unchecked. */
  @Test
  void aNaNCost_isTracedToItsLine() throws Exception {
    String model = Files.readString(Cli.misra1a(dir)).replace("b1 * (1 - exp(-b2 * x[i]))", "b1 * (1 - exp(-b2 * x[i])) + log(b2 - 1)");
    Path file = Cli.write(dir, "watched.phl", model);
    String all = watch(file, 1, text -> awaitText(text, "not checked"));
    assertTrue(all.contains("cost J = NaN at the prior means"), all);
    assertTrue(all.contains("first non-finite value") && all.contains("line 10"), all);
    assertTrue(all.contains("not checked (the cost is not a finite number)") && !all.contains("light check"), all);
  }

  private static double costLine(String round) {
    int at = round.indexOf("cost J = ") + "cost J = ".length();
    return Double.parseDouble(round.substring(at, round.indexOf(' ', at)));
  }

  /** The light check's figures in a round: "passed: gradient·v ... rel.err ..." without the note after them. */
  private static String lightLine(String round) {
    int at = round.indexOf("] light check ") + "] light check ".length();
    String line = round.substring(at, round.indexOf('\n', at));
    return line.replace(" (the same code and data as the last light check: its result)", "");
  }

  /** What a test does while the watcher runs: saves files and waits for rounds, reading the printed text. */
  private interface Session {
    void during(Supplier<String> text) throws Exception;
  }

  /**
   * Runs {@code phloem watch FILE --rounds N} on a thread with everything printed captured, lets
   * {@code session} save and wait, expects exit 0, and returns all that was printed.
   */
  private static String watch(Path file, int rounds, Session session, String... options) throws Exception {
    return Cli.printed(text -> {
      List<String> args = new ArrayList<>(List.of("watch", file.toString(), "--data=" + Cli.data(), "--rounds",
          Integer.toString(rounds), "--poll-ms", "20"));
      args.addAll(List.of(options));
      CompletableFuture<Integer> result = new CompletableFuture<>();
      Thread watcher = new Thread(() -> result.complete(Main.execute(args.toArray(String[]::new))));
      watcher.start();
      try {
        session.during(text);
        assertEquals(0, result.get(60, TimeUnit.SECONDS));
      } finally {
        watcher.interrupt();
        watcher.join(10_000);
      }
    });
  }

  /** Waits until {@code expected} has been printed (the round's last line may come before its message). */
  private static void awaitText(Supplier<String> text, String expected) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline) && !text.get().contains(expected)) {
      Thread.sleep(20);
    }
  }

  /** Waits until {@code n} rounds have finished (each ends with a "check" or "not checked" line). */
  private static void awaitRounds(Supplier<String> text, int n) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      String t = text.get();
      int done = t.split("\\] light check (passed|FAILED)|: not checked", -1).length - 1;
      if (done >= n && t.split("watching ", -1).length - 1 >= n) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("round " + n + " did not finish:\n" + text.get());
  }

  /**
   * Saves in one step (write beside, then rename over), its modification time moved on so that even a
   * coarse file-system clock sees a change: one save, one round. The watcher's own settling is tested by
   * {@link #aSaveWrittenInTwoSteps_isCheckedOnceWhenComplete}.
   */
  private static void save(Path file, String text) throws Exception {
    FileTime before = Files.getLastModifiedTime(file);
    Path beside = file.resolveSibling(file.getFileName() + ".saving");
    Files.writeString(beside, text);
    Files.setLastModifiedTime(beside, FileTime.fromMillis(Math.max(System.currentTimeMillis(), before.toMillis() + 2000)));
    Files.move(beside, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
