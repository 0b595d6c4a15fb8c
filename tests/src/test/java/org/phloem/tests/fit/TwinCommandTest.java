package org.phloem.tests.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.compiler.driver.Main;
import org.phloem.tests.support.Repo;

/** {@code phloem twin} on models it cannot or can run besides DALEC: clear messages, exit code 1, no stack trace. */
class TwinCommandTest {
  @TempDir Path dir;

  /** Runs the command line; returns the exit code and what it printed on stderr. */
  private record Run(int exit, String err) {}

  private static Run run(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.execute(args);
      return new Run(exit, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
    }
  }

  private String dataRoot() throws Exception {
    return Repo.dataRoot(Repo.model("nist/misra1a.phl")).toString();
  }

  @Test
  void flatPriors_withoutTruthFile_sayWhichParameterAndWhatToDo() throws Exception {
    Run r = run("twin", Repo.model("nist/misra1a.phl").toString(), "--data", dataRoot(), "--out", dir.toString());
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("parameter b1 has a flat prior") && r.err().contains("file"), r.err());
    assertTrue(!r.err().contains("Exception"), r.err());
  }

  @Test
  void observedValueNotAPlainInput_isRefusedWithItsLine() throws Exception {
    Path model = dir.resolve("scaled.phl");
    Files.writeString(model, String.join("\n",
        "model scaled \"Misra1a observing twice y\"",
        "data \"nist/Misra1a.csv\"",
        "dim obs",
        "input x[obs]",
        "input y[obs]",
        "param b1 = 240 sd 10",
        "param b2 = 0.00055 sd 0.0001",
        "output fit[obs]",
        "for i in obs {",
        "  fit[i] = b1 * (1 - exp(-b2 * x[i]))",
        "}",
        "observe fit[i] ~ normal(2 * y[i], 1) for i in obs",
        ""));
    Run r = run("twin", model.toString(), "--data", dataRoot(), "--out", dir.resolve("out").toString());
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("line 12") && r.err().contains("an input read at the statement's own indices"), r.err());
  }

  @Test
  void leastSquaresModel_withTruthFile_runsAndWritesItsTables() throws Exception {
    Path truth = dir.resolve("truth.csv");
    Files.writeString(truth, "name,value\nb1,238.94212918\nb2,0.00055015643181\n");
    Path out = dir.resolve("misra1a-twin");
    Run r = run("twin", Repo.model("nist/misra1a.phl").toString(), "--truth", truth.toString(), "--noise-seed", "3",
        "--data", dataRoot(), "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    List<String> parameters = Files.readAllLines(out.resolve("twin_parameters.csv"));
    assertEquals(3, parameters.size(), "header and b1, b2");
    assertTrue(parameters.get(1).startsWith("b1,238.94212918,"), parameters.get(1));
    assertTrue(Files.exists(out.resolve("synthetic_y.csv")));
  }
}
