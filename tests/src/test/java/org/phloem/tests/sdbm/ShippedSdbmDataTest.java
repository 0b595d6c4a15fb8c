package org.phloem.tests.sdbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.tests.support.Repo;

/**
 * The derived tables the checkout ships so that the SDBM and the 1-D transport models run on a fresh
 * clone (data/SOURCES.md) are what their makers make: {@code data/sdbm/forcing.csv} and {@code bands.csv}
 * byte for byte what {@link SdbmData} generates; {@code data/transport/fluxes.csv} the SDBM's net flux
 * {@code src} at its prior means on that data; {@code data/transport/targets.csv} the 1-D transport's
 * station concentrations {@code conc} from those fluxes (the twin that {@code flux_inversion.phl} fits).
 * A change of the generator, the SDBM or the transport that moves them fails here.
 */
class ShippedSdbmDataTest {
  @TempDir Path dir;

  @Test
  void theSyntheticForcingAndBands_areWhatSdbmDataWrites() throws Exception {
    Path made = SdbmData.prepare(dir).resolve("sdbm");
    for (String name : List.of("forcing.csv", "bands.csv", "stations.csv", "years.csv")) {
      assertEquals(Files.readString(made.resolve(name)), Files.readString(SdbmData.shipped(name)), "data/sdbm/" + name);
    }
  }

  @Test
  void theTransportFluxes_areTheSdbmsAtItsPriorMeans_andTheTargetsTheirConcentrations() throws Exception {
    Path sdbmFile = Repo.model("sdbm/sdbm.phl");
    Path root = Repo.dataRoot(sdbmFile);
    CompiledModel sdbm = Pipeline.compile(sdbmFile, false).bind(root);
    sdbm.cost(sdbm.info().priorMeans());
    assertArrayEquals(sdbm.output(sdbm.info().outputIndex("src")), column(root.resolve("transport/fluxes.csv"), "src"),
        "data/transport/fluxes.csv");

    Path transportFile = Repo.model("transport/transport.phl");
    CompiledModel transport = Pipeline.compile(transportFile, false).bind(Repo.dataRoot(transportFile));
    transport.cost(transport.info().priorMeans());
    assertArrayEquals(transport.output(transport.info().outputIndex("conc")), column(root.resolve("transport/targets.csv"), "co2"),
        "data/transport/targets.csv");
  }

  /** A column of a long table, in row order (the order the model's output is laid out in). */
  private static double[] column(Path table, String name) throws Exception {
    List<String> rows = Files.readAllLines(table);
    int c = List.of(rows.get(0).split(",")).indexOf(name);
    return rows.subList(1, rows.size()).stream().mapToDouble(r -> Double.parseDouble(r.split(",")[c])).toArray();
  }
}
