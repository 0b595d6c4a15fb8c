package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit --engine/--master}: refused with a sentence where they cannot apply, and, for spark, a clear
 * usage error when the engine-spark module is not on the class path (as in this module's tests). That
 * the engines give the same results is engine-spark's tests' job.
 */
class EngineOptionsTest {
  @TempDir Path dir;

  private Path model() throws Exception {
    return Cli.write(dir, "line.phl", """
        model line "one parameter observed once"
        param a = 1 sd 2
        output y
        y = a
        observe y ~ normal(2, 1)
        """);
  }

  private Cli.Run fit(String... more) throws Exception {
    String[] base = {"fit", model().toString(), "--data=" + Cli.data(), "--out", dir.resolve("out").toString(), "--no-plots"};
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return Cli.run(args);
  }

  @Test
  void sparkWithoutTheModule_saysWhatToAdd() throws Exception {
    Cli.Run r = fit("--starts", "2", "--engine", "spark", "--master", "local[2]");
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.err().contains("the engine 'spark' is not on the class path"), r.err());
    assertTrue(r.err().contains("./phloem"), r.err());
  }

  @Test
  void anEngineWithoutStarts_isRefused() throws Exception {
    Cli.Run r = fit("--engine", "spark");
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.err().contains("add --starts N"), r.err());
  }

  @Test
  void aMasterForTheLocalEngine_isRefused() throws Exception {
    Cli.Run r = fit("--starts", "2", "--master", "local[2]");
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.err().contains("--master is for --engine spark"), r.err());
  }

  @Test
  void theLocalEngineNamedExplicitly_fitsAsTheDefaultDoes() throws Exception {
    Cli.Run r = fit("--starts", "2", "--engine", "local");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("2 at a time"), r.out());
  }
}
