package org.phloem.tests.scalebench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Main;

/**
 * {@code phloem run} under a 64 MB heap on a table whose two columns need about 100 MB: exit 1 with a
 * message naming the file and the heap and saying how to raise it, no stack trace.
 */
class TableTooLargeForHeapTest {
  @TempDir Path dir;

  @Test
  void aTableTooLargeForTheHeapIsAClearDataError() throws Exception {
    Path table = Files.createDirectories(dir.resolve("big")).resolve("points.csv");
    try (BufferedWriter w = Files.newBufferedWriter(table)) {
      w.write("x,y\n");
      for (int i = 0; i < 2_000_000; i++) {
        w.write("0.5,1.25\n");
      }
    }
    Path model = Files.writeString(dir.resolve("big.phl"), """
        model big
        data "big/points.csv"
        dim point
        input x[point]
        input y[point]
        param a = 1 sd 1
        output yhat[point]
        for i in point {
          yhat[i] = a * x[i]
        }
        observe yhat[i] ~ normal(y[i], 1) for i in point
        """);
    ChildJvm.Run run = ChildJvm.run(Main.class, 64, List.of("run", model.toString(), "--data", dir.toString(), "--out",
        dir.resolve("out").toString()), false);
    String all = String.join("\n", run.output());
    assertEquals(1, run.exitCode(), all);
    assertFalse(run.outOfMemory() || all.contains("\tat "), "no OutOfMemoryError, no stack trace: " + all);
    assertTrue(all.contains("points.csv") && all.contains("too large for the Java heap") && all.contains("PHLOEM_JAVA_OPTS")
        && all.contains("-Xmx"), all);
  }
}
