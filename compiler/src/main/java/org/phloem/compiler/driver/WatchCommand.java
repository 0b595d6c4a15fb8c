package org.phloem.compiler.driver;

import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
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
 * Files are looked at (modification time and size) when the operating system says their folder changed,
 * and every 50 ms in any case: that works on every file system, network folders included. A round starts
 * compiling as soon as a save is seen and reports once the files have been quiet for 50 ms
 * ({@link Settling}).
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

  /** How often to look at the files, in milliseconds, where the operating system does not say at once. */
  @Option(names = "--poll-ms", hidden = true, defaultValue = "50")
  long pollMillis;

  /** How long the files must stay as they were after a save before a round reports on it ({@link Settling}). */
  @Option(names = "--settle-ms", hidden = true, defaultValue = "50")
  long settleMillis;

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
    Settling settling = Settling.NONE;
    try (DirectoryEvents events = DirectoryEvents.open()) {
      for (int round = 1; ; round++) {
        Map<Path, FileStamps.Stamp> before = FileStamps.of(files);
        Set<Path> next = session.round(files, settling);
        while (next == null) {
          // a file changed again before the round printed anything: once the files are quiet, again
          awaitSettled(files, FileStamps.of(files));
          before = FileStamps.of(files);
          next = session.round(files, settle(files));
        }
        files = next;
        events.listen(files);
        // files first seen in this round (new includes) are compared from now on
        Map<Path, FileStamps.Stamp> seen = FileStamps.of(files);
        for (Map.Entry<Path, FileStamps.Stamp> e : before.entrySet()) {
          // a file saved while this round compiled still counts as a change
          if (seen.containsKey(e.getKey())) {
            seen.put(e.getKey(), e.getValue());
          }
        }
        // the round's end: all its derivatives, unless a save comes first (the next round then starts at once)
        Set<Path> watched = files;
        session.endRound(rounds > 0 && round >= rounds ? () -> false : () -> !FileStamps.of(watched).equals(seen));
        if (rounds > 0 && round >= rounds) {
          return 0;
        }
        do {
          System.out.printf("[%s] watching %d file(s); save one to check again, %sCtrl-C to stop.%n",
              LocalTime.now().format(CLOCK), files.size(), requests == FullCheckRequests.NONE ? "" : "Enter for the full check, ");
          System.out.flush();
          settling = awaitChangeOrRequest(files, seen, session, events);
        } while (settling == null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /**
   * Waits for a save or for Enter. On Enter, runs the full check and returns null (wait again); on a
   * save, returns at once what the round must wait for before it reports ({@link Settling}): the round
   * compiles while the save settles.
   */
  private Settling awaitChangeOrRequest(Set<Path> files, Map<Path, FileStamps.Stamp> seen, WatchSession session,
      DirectoryEvents events) throws InterruptedException {
    while (FileStamps.of(files).equals(seen)) {
      if (requests.take()) {
        session.stopWarmUp();
        session.fullCheckOnRequest();
        return null;
      }
      events.await(pollMillis);
    }
    session.stopWarmUp(); // the round should have the cores to itself
    return settle(files);
  }

  /** A save seen now: the files must keep their stamps for the quiet time before a round reports on them. */
  private Settling settle(Set<Path> files) {
    return Settling.seenNow(() -> FileStamps.of(files), FileStamps.of(files), settleMillis * 1_000_000L, Settling.SYSTEM);
  }

  /**
   * Waits until the files stop moving for the quiet time (after a round found them changed before it
   * reported: a save that takes long to write).
   */
  private void awaitSettled(Set<Path> files, Map<Path, FileStamps.Stamp> now) throws InterruptedException {
    Map<Path, FileStamps.Stamp> settled;
    do {
      settled = now;
      Thread.sleep(settleMillis);
      now = FileStamps.of(files);
    } while (!now.equals(settled));
  }
}
