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

  /** A watch session on {@code file} with the test data, no full check every round, no warm-up. */
  private static WatchSession watching(Path file, boolean phaseTimes) {
    DataOptions data = new DataOptions();
    data.data = Cli.data();
    return new WatchSession(file, data, false, phaseTimes, false);
  }
}
