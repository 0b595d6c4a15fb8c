package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fit --outputs none|observed|all} chooses which of the long tables the report folder gets. */
class FitOutputsOptionTest {
  @TempDir Path dir;

  private Path fit(String outputs) throws Exception {
    Path out = dir.resolve(outputs);
    Cli.Run r = Cli.run("fit", Cli.misra1a(dir).toString(), "--data", Cli.data().toString(), "--out", out.toString(),
        "--no-plots", "--outputs", outputs);
    assertEquals(0, r.exit(), r.all());
    assertTrue(Files.exists(out.resolve("parameters.csv")) && Files.exists(out.resolve("summary.txt")), r.all());
    return out;
  }

  @Test
  void allWritesBothObservedOnlyTheResidualsNoneNeither() throws Exception {
    Path all = fit("all");
    assertTrue(Files.exists(all.resolve("outputs.csv")) && Files.exists(all.resolve("residuals.csv")));
    assertEquals(15, Files.readAllLines(all.resolve("residuals.csv")).size(), "header + Misra1a's 14 observations");
    Path observed = fit("observed");
    assertTrue(!Files.exists(observed.resolve("outputs.csv")) && Files.exists(observed.resolve("residuals.csv")));
    assertEquals(Files.readString(all.resolve("residuals.csv")), Files.readString(observed.resolve("residuals.csv")));
    Path none = fit("none");
    assertTrue(!Files.exists(none.resolve("outputs.csv")) && !Files.exists(none.resolve("residuals.csv")));
  }

  @Test
  void anUnknownChoiceIsAUsageError() throws Exception {
    Cli.Run r = Cli.run("fit", Cli.misra1a(dir).toString(), "--data", Cli.data().toString(), "--outputs", "some");
    assertEquals(2, r.exit(), r.all());
    assertTrue(r.err().contains("none") && r.err().contains("observed"), r.all());
  }
}
