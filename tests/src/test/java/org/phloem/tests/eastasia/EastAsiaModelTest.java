package org.phloem.tests.eastasia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.parallel.SiteSum;

/**
 * The East-Asian network model on its data, without fitting: the towers are the twelve of issue 14, each
 * tower's PFT cover follows the stated IGBP mapping, the per-tower instances cut by DimSlice add up to
 * the whole network, the LAI phenology fills gaps as the README says, the beta closure holds, and the
 * water stress is a fraction.
 */
class EastAsiaModelTest {
  static EastAsiaNetwork network;

  @BeforeAll
  static void load() throws Exception {
    network = EastAsiaNetwork.load("network.phl");
  }

  @Test
  void towers_areTheTwelveOfTheIssue() {
    assertEquals(List.of("CN-Cha", "CN-Cng", "CN-Dan", "CN-Din", "CN-Du2", "CN-Ha2", "CN-HaM", "CN-Qia", "CN-Sw2", "JP-MBF", "JP-SMF",
        "CN-Du3"), network.sites);
  }

  /** IGBP land cover (sites.csv) to BETHY PFT index (0-based), as models/eastasia/README.md states it. */
  @Test
  void pftCover_followsTheReadmeMappingOfTheLandCover() throws Exception {
    Map<String, double[]> mapping = new HashMap<>();
    mapping.put("DBF", cover(3, 1.0));
    mapping.put("MF", add(cover(3, 0.5), cover(4, 0.5)));
    mapping.put("GRA", cover(8, 1.0));
    mapping.put("EBF", cover(2, 1.0));
    mapping.put("ENF", cover(4, 1.0));
    mapping.put("WET", cover(11, 1.0));
    List<String> lines = Files.readAllLines(EastAsiaNetwork.dataRoot().resolve("cardamom_fluxval/sites.csv"));
    assertEquals(13, lines.size(), "a header and 12 towers");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double[] expected = mapping.get(f[3]);
      assertTrue(expected != null, "land cover " + f[3] + " of " + f[0] + " has no mapping");
      double[] bound = network.input("cover", f[0]);
      for (int k = 0; k < 13; k++) {
        assertEquals(expected[k], bound[k], 0.0, f[0] + " PFT " + k);
      }
    }
  }

  private static double[] cover(int k, double f) {
    double[] c = new double[13];
    c[k] = f;
    return c;
  }

  private static double[] add(double[] a, double[] b) {
    double[] c = a.clone();
    for (int k = 0; k < c.length; k++) {
      c[k] += b[k];
    }
    return c;
  }

  @Test
  void perTowerInstances_addUpToTheWholeNetwork() {
    double[] p = EastAsiaStudy.randomStart(network.info(), new java.util.Random(7));
    CompiledModel whole = network.whole();
    double[] gWhole = new double[p.length];
    double jWhole = whole.gradient(p, gWhole);
    SiteSum sum = network.sum(network.sites, 2);
    double[] gSum = new double[p.length];
    double jSum = sum.gradient(p, gSum);
    assertEquals(jWhole, jSum, 1e-12 * jWhole);
    for (int i = 0; i < p.length; i++) {
      assertEquals(gWhole[i], gSum[i], 1e-10 * (Math.abs(gWhole[i]) + 1e-6), "slot " + i);
    }
  }

  /**
   * LAI: the observed month where there is one; else the mean of that calendar month over the observed
   * years; a calendar month never observed (JP-MBF: January and March; CN-Qia: June) takes the mean of its
   * two neighbours', which are observed at every tower.
   */
  @Test
  void lai_isObservedOrTheSeasonalPhenology() {
    for (String site : network.sites) {
      checkLai(site);
    }
  }

  private static void checkLai(String site) {
    double[] observed = network.input("lai_obs", site);
    double[] used = EastAsiaNetwork.output(network.site(site), network.info().priorMeans(), "lai");
    double[] clim = new double[12];
    int[] n = new int[12];
    for (int t = 0; t < observed.length; t++) {
      if (!Double.isNaN(observed[t])) {
        clim[t % 12] += observed[t];
        n[t % 12]++;
      }
    }
    double[] filled = new double[12];
    for (int m = 0; m < 12; m++) {
      if (n[m] > 0) {
        filled[m] = clim[m] / n[m];
      } else {
        int before = (m + 11) % 12;
        int after = (m + 1) % 12;
        assertTrue(n[before] > 0 && n[after] > 0, site + ": calendar month " + (m + 1) + " and a neighbour never observed");
        filled[m] = 0.5 * (clim[before] / n[before] + clim[after] / n[after]);
      }
    }
    if (site.equals("JP-MBF")) {
      assertTrue(n[0] == 0 && n[2] == 0, "JP-MBF has no January or March LAI (the case the neighbour rule is for)");
    }
    for (int t = 0; t < observed.length; t++) {
      double expected = Double.isNaN(observed[t]) ? filled[t % 12] : observed[t];
      assertEquals(expected, used[t], 1e-12, site + " month " + t);
    }
  }

  /** At beta = 1 (the prior) heterotrophic respiration equals NPP over 2001-2016: mean NEE is zero at every tower. */
  @Test
  void betaClosure_meanNeeOverTheRecordIsZeroAtBetaOne() {
    double[] p = network.info().priorMeans();
    for (String s : network.sites) {
      double[] nee = EastAsiaNetwork.output(network.site(s), p, "nee");
      double[] gpp = EastAsiaNetwork.output(network.site(s), p, "gpp");
      assertEquals(0, NetworkStats.mean(nee), 1e-9 * NetworkStats.mean(gpp), s);
    }
  }

  @Test
  void waterStress_isAFractionAndBitesAtTheDrySteppe() {
    double[] p = network.info().priorMeans();
    for (String s : network.sites) {
      for (double w : EastAsiaNetwork.output(network.site(s), p, "water_stress")) {
        assertTrue(w > 0 && w <= 1, s + ": water stress " + w);
      }
    }
    double steppe = NetworkStats.mean(EastAsiaNetwork.output(network.site("CN-Sw2"), p, "water_stress"));
    double meadow = NetworkStats.mean(EastAsiaNetwork.output(network.site("CN-HaM"), p, "water_stress"));
    assertTrue(steppe < 0.9 && meadow > 0.95, "desert steppe " + steppe + ", alpine meadow " + meadow);
  }

  /** The calibration and validation months are disjoint at every tower (the split CARDAMOM-FluxVal makes). */
  @Test
  void calibrationAndValidationMonths_neverOverlap() {
    int validation = 0;
    for (String s : network.sites) {
      double[] cal = network.input("nee_obs", s);
      double[] val = network.input("nee_val", s);
      for (int t = 0; t < cal.length; t++) {
        assertTrue(Double.isNaN(cal[t]) || Double.isNaN(val[t]), s + " month " + t);
        validation += Double.isNaN(val[t]) ? 0 : 1;
      }
    }
    assertEquals(169, validation, "validation months (the rows of data/fluxnet_monthly/validation_monthly.csv)");
  }
}
