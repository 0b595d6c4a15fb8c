package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code phloem check}: tables, exit codes, random points and the models it refuses. */
class CheckCommandTest {
  @TempDir Path dir;

  private Cli.Run check(Path model, String... more) {
    String[] args = new String[3 + more.length];
    args[0] = "check";
    args[1] = model.toString();
    args[2] = "--data=" + Cli.data();
    System.arraycopy(more, 0, args, 3, more.length);
    return Cli.run(args);
  }

  @Test
  void misra1a_passesAtThePriorMeans_withOneRowPerParameterAndTheDotProductTest() throws Exception {
    Cli.Run r = check(Cli.misra1a(dir));
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("== at the prior means"), r.out());
    assertTrue(r.out().matches("(?s).*\\n  b1 +5\\.000000e\\+02 .*\\n  b2 +1\\.000000e-04 .*"), r.out());
    assertTrue(r.out().contains("adjoint") && r.out().contains("finite diff.") && r.out().contains("rel.err"), r.out());
    assertEquals(3, r.out().split("tangent·adjoint", -1).length - 1, "three dot-product rows:\n" + r.out());
    assertTrue(r.out().contains("PASS") && !r.out().contains("FAIL"), r.out());
  }

  @Test
  void randomPoints_areCheckedToo_andTheSeedReproducesThem() throws Exception {
    Path model = Cli.misra1a(dir);
    Cli.Run a = check(model, "--random", "2", "--seed", "7");
    assertEquals(0, a.exit(), a.all());
    assertEquals(3, a.out().split("== at ", -1).length - 1, a.out());
    assertTrue(a.out().contains("random point 2 of 2 (seed 7)") && a.out().contains("PASS at all 3 points."), a.out());
    assertEquals(a.out(), check(model, "--random", "2", "--seed", "7").out(), "same seed, same points");
    assertNotEquals(a.out(), check(model, "--random", "2", "--seed", "8").out(), "another seed, other points");
  }

  @Test
  void atAParameterFile_checksThere() throws Exception {
    Path values = Cli.write(dir, "p.csv", "name,value\nb1,250\n");
    Cli.Run r = check(Cli.misra1a(dir), "--at", values.toString());
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("== at the values in " + values), r.out());
    assertTrue(r.out().matches("(?s).*\\n  b1 +2\\.500000e\\+02 .*\\n  b2 +1\\.000000e-04 .*"), "b2 keeps its prior mean:\n" + r.out());
  }

  @Test
  void aJumpAtThePriorMean_failsTheCheck_exitOne() throws Exception {
    // the step of 5 at b1 = 500 is invisible to the derivative but not to central differences across it
    Path model = Cli.write(dir, "jump.phl", """
        model jump "Misra1a with a jump"
        data "nist/Misra1a.csv"
        dim obs
        input x[obs]
        input y[obs]
        param b1 = 500
        param b2 = 1e-4
        output yhat[obs]
        for i in obs {
          yhat[i] = b1 * (1 - exp(-b2 * x[i])) + (if b1 >= 500 then 5.0 else 0.0)
        }
        observe yhat[i] ~ normal(y[i], 1) for i in obs
        """);
    Cli.Run r = check(model);
    assertEquals(1, r.exit(), r.all());
    assertTrue(r.out().matches("(?s).*\\n  b1 .*<-- FAIL \\(the model jumps here\\).*"), r.out());
    assertTrue(r.out().contains("FAIL:"), r.out());
    // the cause is the model's jump, not the derivative code: no bug report is asked for
    assertTrue(r.out().contains("The model jumps at this point"), r.out());
    assertFalse(r.out().contains("bug in Phloem"), r.out());
  }

  @Test
  void modelsWithNothingToCheck_getAClearMessage() throws Exception {
    Path noObserve = Cli.write(dir, "noobs.phl", """
        model noobs "no observations"
        param a = 1 sd 0.5
        output z
        z = 2 * a
        """);
    Cli.Run r = check(noObserve);
    // Nothing observed: the output tangents are still checked (z = 2a has tangent 2).
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("observes nothing") && r.out().contains("PASS"), r.all());
    Path noParams = Cli.write(dir, "noparams.phl", """
        model noparams "no parameters"
        output z
        z = 2
        observe z ~ normal(1, 1)
        """);
    Cli.Run s = check(noParams);
    assertEquals(1, s.exit(), s.all());
    assertTrue(s.err().contains("model noparams has no parameters"), s.all());
  }

  @Test
  void userMistakes_areSentencesWithoutStackTraces() throws Exception {
    Path model = Cli.misra1a(dir);
    Cli.Run missingModel = check(dir.resolve("nothere.phl"));
    assertEquals(1, missingModel.exit());
    assertTrue(missingModel.err().contains("Cannot read") && missingModel.err().contains("nothere.phl"), missingModel.all());
    Cli.Run missingParams = check(model, "--at", dir.resolve("none.csv").toString());
    assertEquals(1, missingParams.exit());
    assertTrue(missingParams.err().contains("cannot read the parameter file") && missingParams.err().contains("no such file"),
        missingParams.all());
    Path bad = Cli.write(dir, "bad.csv", "name,value\nb1,lots\n");
    Cli.Run badParams = check(model, "--at", bad.toString());
    assertEquals(1, badParams.exit());
    assertTrue(badParams.err().contains("bad.csv, line 2, column 'value': 'lots' is not a number"), badParams.all());
    Cli.Run badData = Cli.run("check", model.toString(), "--data", dir.resolve("nodata").toString());
    assertEquals(1, badData.exit());
    assertTrue(badData.err().contains("does not exist"), badData.all());
  }
}
