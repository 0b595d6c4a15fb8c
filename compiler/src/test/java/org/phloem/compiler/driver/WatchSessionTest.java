package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full check on request (Enter) checks the model of the last round, or says why there is none. */
class WatchSessionTest {
  @TempDir Path dir;

  @Test
  void fullCheckOnRequest_checksTheLastRoundsModel_orSaysThereIsNone() throws Exception {
    Path file = Cli.misra1a(dir);
    DataOptions data = new DataOptions();
    data.data = Cli.data();
    WatchSession session = new WatchSession(file, data, false, true, false);
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
}
