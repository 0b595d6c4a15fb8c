package org.phloem.tests.sdbm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The full fit of models/sdbm/README.md (18 stations, the whole real table; about 30 s). */
@Tag("long")
class SdbmFitLongTest {
  static final FitExpectation README_FULL = new FitExpectation(
      new double[] {0.415, 0.330, 0.328, 0.720, 0.578, 0.781},
      new double[] {0.192, 0.131, 0.135, 0.130, 0.142, 0.133},
      new double[] {1.933, 1.508, 1.530, 1.456, 1.584, 1.552},
      new double[] {0.733, 0.498, 0.712, 0.110, 0.170, 0.196},
      Map.ofEntries(Map.entry("alt482n1", 1.94), Map.entry("amy236n1", 1.89), Map.entry("asc107s0", 0.84),
          Map.entry("azr638n0", 1.12), Map.entry("brw471n0", 1.98), Map.entry("cgo540s2", 0.59),
          Map.entry("kum519n0", 1.66), Map.entry("mhd653n0", 1.37), Map.entry("mid528n0", 1.44),
          Map.entry("mlo519n1", 1.22), Map.entry("mnm224n0", 1.30), Map.entry("ryo239n0", 2.42),
          Map.entry("shm452n0", 2.34), Map.entry("smo514s0", 0.82), Map.entry("spo789s1", 0.41),
          Map.entry("stm666n0", 2.01), Map.entry("yon224n0", 1.56), Map.entry("zep678n0", 2.34)));

  @Test
  void fullFitRecoversTheReadmeResult() throws Exception {
    Path data = SdbmData.prepare(Files.createTempDirectory("sdbm-full"));
    SdbmFit.Result r = SdbmFit.run(data);
    System.out.print(SdbmFit.format(r));
    README_FULL.assertMatches(r);
    // The fit improves the seasonal cycle at most stations.
    long better = r.stations().stream().filter(f -> f.postRmse() < f.priorRmse()).count();
    assertTrue(better >= r.stations().size() - 3, better + " of " + r.stations().size() + " stations improved");
  }
}
