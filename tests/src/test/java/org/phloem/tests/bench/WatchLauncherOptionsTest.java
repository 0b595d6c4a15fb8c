package org.phloem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.driver.Main;
import org.phloem.tests.scalebench.ChildJvm;
import org.phloem.tests.support.Repo;

/**
 * The JVM options the launcher gives {@code phloem watch} alone (read from the script, as
 * {@link WatchLatencyBenchmark} reads them) start a JVM that runs a watch round to its light check: an
 * option mistyped, or one that conflicts with another (two collectors), would stop every user's watch,
 * and only the launcher uses them. Behaviour only: no time is measured.
 */
class WatchLauncherOptionsTest {
  @Test
  void theLaunchersWatchOptions_runAWatchRoundToItsLightCheck() throws Exception {
    List<String> options = WatchLatencyBenchmark.options("launcher");
    assertFalse(options.isEmpty(), "no JVM options for watch found in the launcher script (moved? the benchmark reads them too)");
    ChildJvm.Run run = ChildJvm.run(Main.class, 512, options, List.of("watch", Repo.root().resolve("models/nist/misra1a.phl").toString(),
        "--data=" + Repo.root().resolve("data"), "--rounds", "1"), false);
    assertEquals(0, run.exitCode(), () -> "watch under " + options + " exited " + run.exitCode() + ":\n" + String.join("\n", run.output()));
    assertTrue(run.output().stream().anyMatch(l -> l.contains("] light check passed")),
        () -> "no light check under " + options + ":\n" + String.join("\n", run.output()));
  }
}
