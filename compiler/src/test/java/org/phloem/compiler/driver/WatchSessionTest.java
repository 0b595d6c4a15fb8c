package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full check on request (Enter) checks the model of the last round, or says why there is none. */
class WatchSessionTest {
  @TempDir Path dir;

  @Test
  void fullCheckOnRequest_checksTheLastRoundsModel_orSaysThereIsNone() throws Exception {
    Path file = Cli.misra1a(dir);
    WatchSession session = watching(file, true);
    String first = Cli.printed(text -> {
      session.round(Set.of(file));
      session.fullCheckOnRequest();
    });
    assertTrue(first.contains("light check passed") && first.contains("phases (thread CPU/wall, ms): parse+check "), first);
    assertTrue(first.indexOf("light check passed") < first.indexOf("Gradient check of misra1a"), first);
    assertTrue(first.contains("full check passed"), first);

    Files.writeString(file, Files.readString(file).replace("b1 * (1", "bb * (1"));
    String second = Cli.printed(text -> {
      session.round(Set.of(file));
      session.fullCheckOnRequest();
    });
    assertTrue(second.contains("Unknown name 'bb'") && second.contains("no full check: the last save did not compile"), second);
    assertTrue(!second.contains("Gradient check"), second);
  }

  /**
   * A round whose files changed after the save was seen and before the quiet time ended (a save still
   * being written) prints nothing and says to run it again; the next round reports on the new text.
   * The stamps are made up (the save "changed" during the round): nothing here depends on timing.
   */
  @Test
  void aRoundWhoseFilesChangedBeforeItReported_printsNothing() throws Exception {
    Path file = Cli.misra1a(dir);
    WatchSession session = watching(file, false);
    Cli.printed(text -> session.round(Set.of(file)));
    Files.writeString(file, Files.readString(file).replace("b1 * (1", "bb * (1"));
    Map<Path, FileStamps.Stamp> seen = FileStamps.of(Set.of(file));
    Map<Path, FileStamps.Stamp> later = Map.of(file, new FileStamps.Stamp(FileTime.fromMillis(1), 1));
    Set<?>[] files = new Set<?>[1];
    String resaved = Cli.printed(text -> files[0] = session.round(Set.of(file), Settling.seenNow(() -> later, seen, 0, Settling.SYSTEM)));
    assertNull(files[0], resaved);
    assertEquals("", resaved);
    String settled = Cli.printed(text -> session.round(Set.of(file), Settling.seenNow(() -> seen, seen, 0, Settling.SYSTEM)));
    assertTrue(settled.contains("Unknown name 'bb'"), settled);
  }

  /**
   * A round may leave its end (all its derivatives) under way after the light check; a save before they
   * are done ends it without them. Whether they were done by then or not, the next round reports on the
   * new text and its full check runs on its own derivatives.
   */
  @Test
  void aSaveBeforeAllTheDerivativesAreDone_endsTheRound_andTheNextReportsTheNewText() throws Exception {
    Path file = Cli.misra1a(dir);
    WatchSession session = watching(file, true);
    String first = Cli.printed(text -> {
      session.round(Set.of(file), Settling.NONE);
      Files.writeString(file, Files.readString(file).replace("b1 * (1 - exp(-b2 * x[i]))", "b1 * (1 - exp(-b2 * x[i])) + 0 * b2"));
      session.endRound(() -> true);
    });
    assertTrue(first.contains("light check passed") && first.contains("phases (thread CPU/wall, ms): "), first);
    String second = Cli.printed(text -> {
      session.round(Set.of(file));
      session.fullCheckOnRequest();
    });
    assertTrue(second.contains("compiled in") && !second.contains("no file's text changed") && second.contains("light check passed"),
        second);
    assertTrue(second.contains("full check passed"), second);
  }

  /**
   * The light check runs the gradient the model runs: the plain one when its tape fits the budget (the
   * round's class has no other), the checkpointed one when it does not (the round then compiles the
   * class with it, and says so among its phases).
   */
  @Test
  void theLightCheck_runsTheCheckpointedGradient_whenThePlainTapeExceedsTheBudget() throws Exception {
    Path small = Cli.misra1a(dir);
    String plain = Cli.printed(text -> watching(small, true).round(Set.of(small)));
    assertTrue(plain.contains("light check passed") && !plain.contains("checkpointed gradient"), plain);

    // 1.2 million steps each recording z (8 bytes): more than the 8 MiB default budget
    Path longLoop = Cli.write(dir, "long.phl", """
        model long_loop "a loop whose tape exceeds the budget"
        data "nist/Misra1a.csv"
        dim obs
        dim step = 1200000
        input x[obs]
        input y[obs]
        param b1 = 500
        param b2 = 1e-4
        state z = 1
        output yhat[obs]
        for s in step {
          z = z * (1 + 1e-12 * b2 * z)
        }
        for i in obs {
          yhat[i] = b1 * z * (1 - exp(-b2 * x[i]))
        }
        observe yhat[i] ~ normal(y[i], 1) for i in obs
        """);
    String checkpointed = Cli.printed(text -> watching(longLoop, true).round(Set.of(longLoop)));
    assertTrue(checkpointed.contains("light check passed") && checkpointed.contains("checkpointed gradient "), checkpointed);
  }

  /** A watch session on {@code file} with the test data, no full check every round, no warm-up. */
  private static WatchSession watching(Path file, boolean phaseTimes) {
    DataOptions data = new DataOptions();
    data.data = Cli.data();
    return new WatchSession(file, data, false, phaseTimes, false);
  }
}
