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

  /** A model that reads variable {@code var} of {@code outputs.nc} and outputs it unchanged as {@code copy}. */
  private Path readBack(String var) throws Exception {
    Path model = out.resolve("read_back_" + var + ".phl");
    Files.writeString(model, String.join("\n",
        "model read_back",
        "data o = \"outputs.nc\"",
        "dim level",
        "dim band",
        "input v[level, band] = o." + var + " unit K",
        "output copy[level, band] unit K",
        "for l in level, b in band { copy[l, b] = v[l, b] }", ""));
    return model;
  }

  @Test
  void runWritesOutputsNcThatReadsBackBitForBit() throws Exception {
    Path run = out.resolve("run");
    Captured c = Captured.run("run", Repo.model("malta_fields/lapse_rate.phl").toString(), "--data", data(),
        "--out", run.toString());
    assertEquals(0, c.exit(), c.all());
    assertTrue(c.out().contains("outputs.nc"), c.all());
    Path back = out.resolve("back");
    Captured r = Captured.run("run", readBack("tfit").toString(), "--data", run.toString(), "--out", back.toString());
    assertEquals(0, r.exit(), r.all());
    List<String> original = Files.readAllLines(run.resolve("tfit.csv"));
    List<String> copy = Files.readAllLines(back.resolve("copy.csv"));
    assertEquals(29 * 18 + 1, copy.size());
    assertEquals(original.subList(1, original.size()), copy.subList(1, copy.size()));
  }

  @Test
  void fitWritesValuesAndPosteriorSdAsNetCdf() throws Exception {
    Path fit = out.resolve("fit");
    Captured c = Captured.run("fit", Repo.model("malta_fields/lapse_rate.phl").toString(), "--data", data(),
        "--out", fit.toString(), "--no-plots");
    assertEquals(0, c.exit(), c.all());
    Path back = out.resolve("back_sd");
    Captured r = Captured.run("run", readBack("tfit_sd").toString(), "--data", fit.toString(), "--out", back.toString());
    assertEquals(0, r.exit(), r.all());
    Map<String, Double> sdByElement = new HashMap<>();
    for (String line : Files.readAllLines(fit.resolve("outputs.csv"))) {
      String[] f = line.split(",", -1);
      if (f[0].equals("tfit")) {
        sdByElement.put(f[3] + "," + f[5], Double.parseDouble(f[7]));
      }
    }
    List<String> copy = Files.readAllLines(back.resolve("copy.csv"));
    assertEquals(29 * 18, sdByElement.size());
    for (String line : copy.subList(1, copy.size())) {
      String[] f = line.split(",");
      assertEquals(sdByElement.get(f[0] + "," + f[1]), Double.parseDouble(f[2]), 0, line);
    }
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
