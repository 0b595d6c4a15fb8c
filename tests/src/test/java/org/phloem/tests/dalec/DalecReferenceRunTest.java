package org.phloem.tests.dalec;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.data.DataRoot;
import org.phloem.tests.support.Repo;

/**
 * DALEC-evergreen as compiled from models/dalec/dalec.phl against the independent reference run
 * (data/raw/dalec/reference_run_dalec_evergreen_oregon_2000_2002.csv, agreeing with dalec_pf to
 * 1e-13): every day's fluxes and pools to 1e-9 relative (1e-9 absolute near zero).
 */
class DalecReferenceRunTest {
  /** Reference column → model output. */
  private static final Map<String, String> COLUMNS = Map.ofEntries(
      Map.entry("gpp", "gpp"), Map.entry("nee", "nee"), Map.entry("ra", "ra"), Map.entry("rh1", "rh1"),
      Map.entry("rh2", "rh2"), Map.entry("cf", "foliage"), Map.entry("cw", "wood"), Map.entry("cr", "roots"),
      Map.entry("clit", "litter"), Map.entry("csom", "som"), Map.entry("lai_used", "lai"));

  @Test
  void everyDay_matchesReferenceRun() throws Exception {
    CompiledModel model = Repo.load("dalec/dalec.phl");
    model.cost(model.info().priorMeans());
    List<String> lines = Files.readAllLines(Repo.rawData().resolve("dalec/reference_run_dalec_evergreen_oregon_2000_2002.csv"));
    List<String> header = Arrays.asList(lines.get(0).split(","));
    assertEquals(1096, lines.size() - 1, "reference days");
    int checked = 0;
    for (Map.Entry<String, String> column : COLUMNS.entrySet()) {
      int k = model.info().outputIndex(column.getValue());
      assertTrue(k >= 0, "output " + column.getValue());
      double[] values = model.output(k);
      assertEquals(1096, values.length);
      int c = header.indexOf(column.getKey());
      for (int day = 0; day < values.length; day++) {
        double expected = Double.parseDouble(lines.get(day + 1).split(",")[c]);
        double tolerance = Math.max(1e-9 * Math.abs(expected), 1e-9);
        assertEquals(expected, values[day], tolerance, column.getValue() + " on day " + (day + 1));
        checked++;
      }
    }
    assertEquals(11 * 1096, checked);
  }

  @Test
  void annualTotals_matchPublishedFigures() throws Exception {
    // models.md §2: annual GPP 562.35, 690.17, 756.63 and NEE -120.41, -168.36, -171.17 g C m-2.
    CompiledModel model = Repo.load("dalec/dalec.phl");
    model.cost(model.info().priorMeans());
    double[] gpp = model.output(model.info().outputIndex("gpp"));
    double[] nee = model.output(model.info().outputIndex("nee"));
    double[][] expected = {{562.35, -120.41}, {690.17, -168.36}, {756.63, -171.17}};
    for (int year = 0; year < 3; year++) {
      double g = 0;
      double n = 0;
      for (int d = 365 * year; d < 365 * (year + 1); d++) {
        g += gpp[d];
        n += nee[d];
      }
      assertEquals(expected[year][0], g, 0.006, "GPP year " + (year + 1));
      assertEquals(expected[year][1], n, 0.006, "NEE year " + (year + 1));
    }
  }

  @Test
  void aRunFindsTheRepositorysOwnDataByDefault() throws Exception {
    Path found = DataRoot.locate(null, Repo.model("dalec/dalec.phl")).path().toRealPath();
    assertEquals(Repo.root().resolve("data").toRealPath(), found,
        "the default data root is the checkout's data/ folder (surefire clears PHLOEM_DATA)");
  }
}
