package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fit --start FILE}: a value that is not a finite number, a name the model does not have, a
 * name given twice and a start outside the bounds are refused before anything runs, each with its
 * file and line, exit 1, and never reported as a failed gradient check.
 */
class StartFileTest {
  @TempDir Path dir;

  private Cli.Run fitFrom(String startCsv) throws Exception {
    Path model = Cli.write(dir, "bounded.phl", """
        model bounded "Misra1a with a bound and a log-scale parameter"
        data "nist/Misra1a.csv"
        dim obs
        input x[obs]
        input y[obs]
        param b1 = 500 in [0, 1000]
        param b2 = 1e-4 log
        output yhat[obs]
        for i in obs {
          yhat[i] = b1 * (1 - exp(-b2 * x[i]))
        }
        observe yhat[i] ~ normal(y[i], 1) for i in obs
        """);
    Path start = Cli.write(dir, "start.csv", startCsv);
    return Cli.run("fit", model.toString(), "--data=" + Cli.data(), "--out", dir.resolve("out").toString(), "--no-plots", "--start",
        start.toString());
  }

  private static void refused(Cli.Run r, String... expected) {
    assertEquals(1, r.exit(), r.all());
    for (String e : expected) {
      assertTrue(r.err().contains(e), "expected '" + e + "' in\n" + r.all());
    }
    assertFalse(r.all().contains("radient check"), "not blamed on the gradient: " + r.all());
    assertFalse(r.out().contains("Fitting"), "nothing ran: " + r.all());
  }

  @Test
  void nan_isRefusedWithItsLine() throws Exception {
    refused(fitFrom("name,value\nb1,240\nb2,NaN\n"), "start.csv, line 3", "'NaN' is not a number");
  }

  @Test
  void overflowAndInfinity_areRefusedWithTheirLines() throws Exception {
    refused(fitFrom("name,value\nb1,1e400\nb2,Infinity\n"), "2 problems", "start.csv, line 2", "'1e400' is beyond the largest double",
        "start.csv, line 3", "'Infinity' is infinite");
  }

  @Test
  void missingValue_isRefused() throws Exception {
    refused(fitFrom("name,value\nb1,NA\n"), "start.csv, line 2", "the value is missing");
  }

  @Test
  void duplicateName_isRefusedNamingBothLines() throws Exception {
    refused(fitFrom("name,value\nb1,240\nb2,5e-4\nb1,250\n"), "start.csv, line 4", "'b1' was already given at line 2");
  }

  @Test
  void unknownName_isRefusedListingTheParameters() throws Exception {
    refused(fitFrom("name,value\nb3,1\n"), "start.csv, line 2", "no parameter 'b3'", "b1, b2");
  }

  @Test
  void outsideBounds_andNonPositiveOnLogScale_areRefused() throws Exception {
    refused(fitFrom("name,value\nb1,2000\nb2,-1e-4\n"), "start.csv, line 2", "b1 = 2000.0 is outside its bounds [0.0, 1000.0]",
        "start.csv, line 3", "b2 is searched on a log scale");
  }

  @Test
  void aValidFile_fitsFromIt() throws Exception {
    Cli.Run r = fitFrom("name,value\nb1,250\nb2,5e-4\n");
    assertEquals(0, r.exit(), r.all());
    assertTrue(r.out().contains("Fitting bounded"), r.all());
  }

  @Test
  void valueProblem_acceptsFiniteNumbersOnly() {
    assertEquals(null, ParameterFile.valueProblem("-1.5e-3"));
    assertTrue(ParameterFile.valueProblem("nan").contains("not a number"));
    assertTrue(ParameterFile.valueProblem("-1e999").contains("beyond the largest double"));
    assertTrue(ParameterFile.valueProblem("-Infinity").contains("infinite"));
    assertTrue(ParameterFile.valueProblem("abc").contains("'abc' is not a number"));
    assertTrue(ParameterFile.valueProblem("").contains("missing"));
  }
}
