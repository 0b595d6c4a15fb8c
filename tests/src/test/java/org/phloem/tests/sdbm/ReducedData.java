package org.phloem.tests.sdbm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The reduced SDBM data folder of the fast tests, made once per test JVM in a temporary folder. */
final class ReducedData {
  /** Five stations, the East Asian ones among them, from the Arctic to the southern tropics. */
  static final List<String> STATIONS = List.of("alt482n1", "ryo239n0", "amy236n1", "mlo519n1", "smo514s0");
  static final int FIRST_YEAR = 1999;
  static final int LAST_YEAR = 2010;

  private static Path folder;

  private ReducedData() {}

  static synchronized Path folder() throws Exception {
    if (folder == null) {
      Path dir = Files.createTempDirectory("sdbm-reduced");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      folder = SdbmData.prepareReduced(dir, STATIONS, FIRST_YEAR, LAST_YEAR);
    }
    return folder;
  }

  private static void deleteTree(Path dir) {
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
