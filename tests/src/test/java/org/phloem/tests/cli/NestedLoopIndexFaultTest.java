package org.phloem.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.tests.support.Repo;

/**
 * An index out of range, or index arithmetic that overflows, inside nested loops: {@code phloem run} and
 * {@code phloem fit} stop with exit 1, no stack trace, and a message that names the file, line, variable,
 * index and dim, and also the values the loop indices had when it happened ({@code at j = 1, i = 13}), so
 * that the modeller knows which pass of the loops went wrong. NIST's Misra1a data (14 rows) with a model
 * that reads {@code x[i + j]} for j over a dim of 3.
 */
class NestedLoopIndexFaultTest {
  @TempDir Path dir;

  private Path model(String read) throws Exception {
    Path model = dir.resolve("nest.phl");
    Files.writeString(model, "model nest \"nested loops reading past the data\"\n"
        + "data \"nist/Misra1a.csv\"\n"
        + "dim obs\n"
        + "dim k = 3\n"
        + "input x[obs]\n"
        + "input y[obs]\n"
        + "param b1 = 500\n"
        + "param b2 = 0.0001\n"
        + "var w[k, obs]\n"
        + "output fit[obs]\n"
        + "for j in k, i in obs {\n"
        + "  w[j, i] = b2 * x[" + read + "]\n"
        + "}\n"
        + "for i in obs {\n"
        + "  fit[i] = b1 * (1 - exp(-w[0, i]))\n"
        + "}\n"
        + "observe fit[i] ~ normal(y[i], 1) for i in obs\n");
    return model;
  }

  private static void assertModelProblem(Captured r) {
    assertEquals(1, r.exit(), r.all());
    assertFalse(r.all().contains("\tat ") || r.all().contains("Exception") || r.all().contains("internal error"), r.all());
  }

  @Test
  void indexOutOfRange_namesTheLoopIndices() throws Exception {
    Path model = model("i + j");
    Captured r = Captured.run("run", model.toString(), "--data", Repo.dataRoot(Repo.model("nist/misra1a.phl")).toString(),
        "--out", dir.resolve("out").toString());
    assertModelProblem(r);
    // x has 14 rows: i + j first reaches 14 at j = 1, i = 13
    assertTrue(r.err().contains("nest.phl, line 12: index 14 of 'x' is outside dim 'obs', which has 14 elements (0 to 13),"
        + " at j = 1, i = 13"), r.all());
    assertTrue(r.err().contains("  w[j, i] = b2 * x[i + j]"), r.all());
  }

  @Test
  void indexArithmeticOverflow_namesTheLoopIndices() throws Exception {
    // (4*j + i + 32754) * 65536 first reaches 2^31 at j = 1, i = 10 (row j = 0 stays below: i <= 13)
    Path model = model("i + (4*j+i+32754)*65536 - (4*j+i+32754)*65536");
    Captured r = Captured.run("fit", model.toString(), "--data", Repo.dataRoot(Repo.model("nist/misra1a.phl")).toString(),
        "--no-plots", "--out", dir.resolve("out").toString());
    assertModelProblem(r);
    assertTrue(r.err().contains("The model's index arithmetic overflowed"), r.all());
    assertTrue(r.err().contains("nest.phl, line 12, column 24: '(4*j+i+32754)*65536' is 32768 * 65536 = 2147483648,"
        + " at j = 1, i = 10"), r.all());
    assertFalse(r.out().contains("CONVERGED"), r.all());
  }
}
