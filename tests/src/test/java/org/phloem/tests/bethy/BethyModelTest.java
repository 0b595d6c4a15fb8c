package org.phloem.tests.bethy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;
import org.phloem.tests.support.Repo;

/**
 * The BETHY site model (models/bethy) forward, on the full FI-Hyy table: its priors against the
 * CCDAS parameter list, one day's GPP against an independent Java implementation of the equations
 * of models.md §4, the beta closure and the cyclic spin-up, the CO2 response, and the held-out year.
 */
class BethyModelTest {
  private static CompiledModel varying;
  private static CompiledModel fixed;
  private static CompiledModel ccdasClosure;
  private static ForcingTable forcing;

  @BeforeAll
  static void load() throws Exception {
    Path root = Repo.dataRoot(Repo.model("bethy/hyytiala.phl"));
    varying = Pipeline.compile(Repo.model("bethy/hyytiala.phl"), false).bind(root);
    fixed = Pipeline.compile(Repo.model("bethy/hyytiala_fixed_co2.phl"), false).bind(root);
    ccdasClosure = Pipeline.compile(Repo.model("bethy/hyytiala_ccdas_closure.phl"), false).bind(root);
    forcing = ForcingTable.read(root);
  }

  private static double[] out(CompiledModel m, String name) {
    return m.output(m.info().outputIndex(name)).clone();
  }

  @Test
  void priors_matchTheCcdasParameterList() throws Exception {
    // 73_paramslist_new.txt: value, sd, ... per line; parameters 1-56 and 73 are the 57 of CCDAS
    // (57-72 are later phenology parameters). Vm is listed in mol m-2 s-1, the model uses umol.
    List<String> lines = Files.readAllLines(Repo.rawData().resolve("bethy/73_paramslist_new.txt"));
    ModelInfo info = varying.info();
    double[] mean = info.priorMeans();
    double[] sd = info.priorSds();
    assertEquals(57, info.parameterCount());
    int checked = 0;
    for (String line : lines.subList(2, lines.size())) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 8) {
        continue;
      }
      // value sd flag a b NAME... PFTS NUMBER ...: the name may be two words ("kappa aw"); PFTS is
      // "-" or a list such as "1", "1-7" or "1,3,7"; the parameter's number follows it.
      int k = 6;
      while (!f[k].matches("-|\\d[\\d,\\-]*")) {
        k++;
      }
      int number = Integer.parseInt(f[k + 1]);
      if (number > 56 && number != 73) {
        continue;
      }
      int slot = number == 73 ? 56 : number - 1;
      double scale = number <= 13 ? 1e6 : 1;
      assertEquals(Double.parseDouble(f[0]) * scale, mean[slot], 1e-12 * Math.abs(mean[slot]), "prior mean of parameter " + number);
      assertEquals(Double.parseDouble(f[1]) * scale, sd[slot], 1e-6 * sd[slot], "prior sd of parameter " + number);
      checked++;
    }
    assertEquals(57, checked);
  }

  @Test
  void summerDayGpp_matchesAnIndependentImplementation() {
    double[] p = varying.info().priorMeans();
    varying.cost(p);
    double[] gpp = out(varying, "gpp");
    int checked = 0;
    for (int d = 0; d < forcing.size(); d += 97) { // every 97th day: all seasons, eleven years
      double expected = ReferenceCanopy.gpp(forcing.doy()[d], forcing.par()[d], forcing.tair()[d], forcing.co2()[d]);
      assertEquals(expected, gpp[d], 1e-11 * Math.max(1, Math.abs(expected)), "GPP on row " + d);
      checked += expected > 0.5 ? 1 : 0;
    }
    assertTrue(checked > 10, "enough productive days compared: " + checked);
  }

  @Test
  void frozenDays_haveNoGpp_andWarmDaysDo() {
    varying.cost(varying.info().priorMeans());
    double[] gpp = out(varying, "gpp");
    for (int d = 0; d < forcing.size(); d++) {
      if (forcing.tair()[d] <= 0) {
        assertEquals(0.0, gpp[d], "GPP on frozen row " + d);
      } else {
        assertTrue(gpp[d] > 0, "GPP on warm row " + d);
      }
    }
  }

  @Test
  void ccdasClosure_respiresBetaNpp_andSpinsUpCyclically_atRandomParameters() {
    // BETHY's cbalance: all NPP becomes litter and the slow pool closes Rfast + Rslow = beta NPP.
    Random random = new Random(7);
    for (int trial = 0; trial < 3; trial++) {
      double[] p = BethyGradientTest.randomPoint(ccdasClosure.info(), random);
      ccdasClosure.cost(p);
      double[] npp = out(ccdasClosure, "npp");
      double[] rfast = out(ccdasClosure, "rfast");
      double[] rslow = out(ccdasClosure, "rslow");
      double sumNpp = 0;
      double sumRh = 0;
      for (int d = 0; d < forcing.size(); d++) {
        if (forcing.year()[d] <= 2009) {
          sumNpp += npp[d];
          sumRh += rfast[d] + rslow[d];
        }
      }
      double beta = p[BethySite.slot(ccdasClosure.info(), "beta[4]")];
      assertEquals(beta * sumNpp, sumRh, 1e-9 * Math.abs(sumRh), "Rfast + Rslow = beta NPP over 2000-2009");
      assertEquals(sumNpp / 3653, BethySite.scalar(ccdasClosure, "litter"), 1e-12 * Math.abs(sumNpp / 3653), "litter = mean NPP");
      double start = BethySite.scalar(ccdasClosure, "cfast_start");
      assertEquals(start, BethySite.scalar(ccdasClosure, "cfast_end"), 1e-9 * start, "the spun-up fast pool repeats itself");
    }
  }

  @Test
  void balancedClosure_keepsOneMinusBetaInTheStand_andNoRespirationNegative_atRandomParameters() {
    // hyytiala.phl: litter = beta x mean NPP; the fast pool passes on exactly its litter over the
    // cyclic forcing, (1 - fs) of it respired; the slow pool respires fs of the fast pool's
    // decomposition over 2000-2009, distributed as ks.
    Random random = new Random(11);
    for (int trial = 0; trial < 4; trial++) {
      double[] p = BethyGradientTest.randomPoint(varying.info(), random);
      if (trial == 3) {
        p[BethySite.slot(varying.info(), "fs")] = 0; // the bound the NEE fits reach
      }
      varying.cost(p);
      double[] npp = out(varying, "npp");
      double[] rfast = out(varying, "rfast");
      double[] rslow = out(varying, "rslow");
      double beta = p[BethySite.slot(varying.info(), "beta[4]")];
      double fs = p[BethySite.slot(varying.info(), "fs")];
      double sumNppFit = 0;
      double sumRfastFit = 0;
      double sumRslowFit = 0;
      double sumRfastAll = 0;
      for (int d = 0; d < forcing.size(); d++) {
        assertTrue(rfast[d] >= 0 && rslow[d] >= 0, "respiration on row " + d + ": " + rfast[d] + ", " + rslow[d]);
        sumRfastAll += rfast[d];
        if (forcing.year()[d] <= 2009) {
          sumNppFit += npp[d];
          sumRfastFit += rfast[d];
          sumRslowFit += rslow[d];
        }
      }
      double litter = BethySite.scalar(varying, "litter");
      assertEquals(beta * sumNppFit / 3653, litter, 1e-12 * Math.abs(litter), "litter = beta x mean NPP");
      assertEquals((1 - fs) * litter * forcing.size(), sumRfastAll, 1e-9 * litter * forcing.size(), "fast pool: (1 - fs) of its litter over the cycle");
      assertEquals(fs * sumRfastFit, (1 - fs) * sumRslowFit, 1e-9 * (sumRfastFit + sumRslowFit), "slow pool: fs of the decomposition");
      double start = BethySite.scalar(varying, "cfast_start");
      assertEquals(start, BethySite.scalar(varying, "cfast_end"), 1e-9 * start, "the spun-up fast pool repeats itself");
    }
  }

  @Test
  void co2_raisesGpp_exactlyWhereTheDataExceedTheFixedValue() {
    double[] p = varying.info().priorMeans();
    varying.cost(p);
    fixed.cost(p);
    double[] gv = out(varying, "gpp");
    double[] gf = out(fixed, "gpp");
    int higher = 0;
    for (int d = 0; d < forcing.size(); d++) {
      if (gv[d] == 0 && gf[d] == 0) {
        continue;
      }
      double sign = Math.signum(forcing.co2()[d] - 378.1);
      assertEquals(sign, Math.signum(gv[d] - gf[d]), "GPP difference on row " + d);
      higher += sign > 0 ? 1 : 0;
    }
    assertTrue(higher > 1000, "days above 378.1 ppm: " + higher);
  }

  @Test
  void observationCost_leavesOutTheHeldOutYear() {
    double[] p = varying.info().priorMeans();
    double cost = varying.cost(p);
    double[] nee = out(varying, "nee");
    double expected = 0;
    for (int d = 0; d < forcing.size(); d++) {
      if (forcing.year()[d] <= 2009) {
        double obs = forcing.nee()[d];
        double sd = 0.25 + 0.1 * Math.abs(obs) + 0.25 * Math.min(1, forcing.neeGapfill()[d]);
        expected += 0.5 * Math.pow((nee[d] - obs) / sd, 2);
      }
    }
    assertEquals(expected, cost, 1e-10 * expected);
  }
}
