package org.phloem.tests.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phloem.tests.support.Repo;

/**
 * models/malta_fields/lapse_rate.phl end to end: it reads three yearly NetCDF-4 files of the MALTA
 * transport fields as one input and fits a linear temperature profile. The expected posterior was
 * computed independently: the temperatures dumped by ncdump (netCDF-C) and the linear Bayesian least
 * squares solved with numpy (script in models/malta_fields/README.md).
 */
class MaltaFieldsTest {
  @TempDir Path out;

  private static String data() {
    return Repo.root().resolve("data").toString();
  }

  private static Map<String, String[]> rows(Path csv) throws Exception {
    Map<String, String[]> m = new HashMap<>();
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      m.put(f[0], f);
    }
    return m;
  }

  @Test
  void theLapseRateFitMatchesAnIndependentSolution() throws Exception {
    Captured c = Captured.run("fit", Repo.model("malta_fields/lapse_rate.phl").toString(), "--data", data(),
        "--out", out.toString());
    assertEquals(0, c.exit(), c.all());
    Map<String, String[]> p = rows(out.resolve("parameters.csv"));
    assertEquals(253.3991760438631, Double.parseDouble(p.get("t0[0]")[3]), 1e-6);
    assertEquals(0.0058586608831115265, Double.parseDouble(p.get("lapse")[3]), 1e-11);
    assertEquals(7.781563102224181e-05, Double.parseDouble(p.get("lapse")[4]), 1e-10);
  }

  @Test
  void aUnitThatDisagreesWithTheFileIsAPositionedDataError() throws Exception {
    Path model = out.resolve("wrong_unit.phl");
    Files.writeString(model, String.join("\n",
        "model wrong_unit",
        "data tr = \"malta/transport2D_1990.nc\"",
        "dim month",
        "dim level",
        "dim band",
        "input temp[month, level, band] = tr.temp unit degC",
        "output t0[month] unit degC",
        "for m in month { t0[m] = temp[m, 0, 0] }", ""));
    Captured c = Captured.run("run", model.toString(), "--data", data(), "--out", out.resolve("o").toString());
    assertEquals(1, c.exit(), c.all());
    String all = c.out() + c.err();
    assertTrue(all.contains("transport2D_1990.nc: input 'temp' is declared `unit degC`, but variable 'temp' has "
        + "units \"K\"") && all.contains("(declared at model line 6)"), all);
    assertTrue(!all.contains("Exception"), all);
  }
}
