package org.phloem.tests.scalebench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.tests.support.Repo;

/** The BETHY-lite sample the checkout ships (data/bethy_lite/) is what {@link BethyLiteSample} writes, byte for byte. */
class ShippedBethyLiteSampleTest {
  @TempDir Path dir;

  @Test
  void theShippedSample_isWhatTheGeneratorAndTheTwinWrite() throws Exception {
    Path made = BethyLiteSample.write(dir);
    Path shipped = Repo.dataRoot(Repo.model("bethy_lite/bethy_lite.phl")).resolve("bethy_lite");
    for (String name : List.of("climate.csv", "time.csv", "cells.csv", "observations.csv")) {
      assertEquals(Files.readString(made.resolve(name)), Files.readString(shipped.resolve(name)), "data/bethy_lite/" + name);
    }
  }
}
