package org.phloem.compiler.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code phloem watch MODEL}: compiles and checks the model, then again every time the model file or a
 * file it includes is saved, until Ctrl-C. Each round prints, as they come, the compile errors or the
 * compile time, the cost at the prior means, and a light derivative check on one random direction
 * (see {@link WatchSession}); the full check of {@code phloem check} runs with Enter or, every round,
 * with {@code --full}. Compile errors, data problems and failed checks are printed and watching goes on.
 * Files are polled (modification time and size) every 50 ms: simple, and it works on every file system,
 * network folders included.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Recompile and check the model every time it or a file it includes is saved: the cost at the prior means, "
        + "then a light derivative check on one random direction; Enter runs the full 'check' (Ctrl-C ends it).")
final class WatchCommand implements Callable<Integer> {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  @Parameters(index = "0", paramLabel = "MODEL", description = "the model file (.phl)")
  Path model;

  @Mixin DataOptions data = new DataOptions();

  @Option(names = "--full", description = "run the full check of 'phloem check' (every parameter, three random directions) "
      + "every round, not only on Enter")
  boolean full;

  /** For measurements: no warm-up of the compiler after the first round. */
  @Option(names = "--no-warm-up", hidden = true)
  boolean noWarmUp;

  /** For measurements: print each round's phases (thread CPU and wall time). */
  @Option(names = "--phase-times", hidden = true)
  boolean phaseTimes;

  /** For tests: stop after this many compile-and-check rounds (0: never). */
  @Option(names = "--rounds", hidden = true, defaultValue = "0")
  int rounds;

  /** How often to look at the files, in milliseconds. */
  @Option(names = "--poll-ms", hidden = true, defaultValue = "50")
  long pollMillis;

  /** Enter pressed in the terminal; read only when there is one (never from a pipe another program uses). */
  private FullCheckRequests requests = FullCheckRequests.NONE;

  @Override
  public Integer call() {
    if (System.console() != null) {
      requests = FullCheckRequests.listen(System.in);
    }
    WatchSession session = new WatchSession(model, data, full, phaseTimes, !noWarmUp);
    try {
      return watch(session);
    } finally {
      session.stopWarmUp();
    }
  }

  private int watch(WatchSession session) {
    Set<Path> files = new LinkedHashSet<>();
    files.add(model);
    for (int round = 1; ; round++) {
      Map<Path, Stamp> before = stamps(files);
      files = session.round(files);
      // files first seen in this round (new includes) are compared from now on
      Map<Path, Stamp> seen = stamps(files);
      for (Map.Entry<Path, Stamp> e : before.entrySet()) {
        // a file saved while this round compiled still counts as a change
        if (seen.containsKey(e.getKey())) {
          seen.put(e.getKey(), e.getValue());
        }
      }
      if (rounds > 0 && round >= rounds) {
        return 0;
      }
      try {
        do {
          System.out.printf("[%s] watching %d file(s); save one to check again, %sCtrl-C to stop.%n",
              LocalTime.now().format(CLOCK), files.size(), requests == FullCheckRequests.NONE ? "" : "Enter for the full check, ");
          System.out.flush();
        } while (awaitSettledChangeOrRequest(files, seen, session));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
  }

  /**
   * Waits for a save or for Enter. On Enter, runs the full check and returns true (wait again);
   * on a save, returns false once the files have settled.
   */
  private boolean awaitSettledChangeOrRequest(Set<Path> files, Map<Path, Stamp> seen, WatchSession session)
      throws InterruptedException {
    Map<Path, Stamp> now = stamps(files);
    while (now.equals(seen)) {
      if (requests.take()) {
        session.stopWarmUp();
        session.fullCheckOnRequest();
        return true;
      }
      Thread.sleep(pollMillis);
      now = stamps(files);
    }
    session.stopWarmUp(); // while the save settles: the round should have the cores to itself
    awaitSettled(files, now);
    return false;
  }

  /**
   * Waits, after a save was seen, until the files stop moving for {@link #SETTLE_MILLIS}: editors (and
   * Files.writeString) truncate first and write after, and a round started on the half-written file would report an
   * error the user never made.
   */
  private static void awaitSettled(Set<Path> files, Map<Path, Stamp> now) throws InterruptedException {
    Map<Path, Stamp> settled;
    do {
      settled = now;
      Thread.sleep(SETTLE_MILLIS);
      now = stamps(files);
    } while (!now.equals(settled));
  }

  /** The shortest quiet time after a change before a round starts. */
  private static final long SETTLE_MILLIS = 50;

  /** What tells a saved file: its modification time and size (null for a file that is missing). */
  private record Stamp(FileTime modified, long size) {}

  private static Map<Path, Stamp> stamps(Set<Path> files) {
    Map<Path, Stamp> out = new LinkedHashMap<>();
    for (Path f : files) {
      try {
        out.put(f, new Stamp(Files.getLastModifiedTime(f), Files.size(f)));
      } catch (IOException e) {
        out.put(f, null);
      }
    }
    return out;
  }
}
