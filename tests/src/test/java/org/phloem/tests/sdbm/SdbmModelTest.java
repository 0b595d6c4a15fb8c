package org.phloem.tests.sdbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phloem.compiler.driver.Pipeline;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.check.CheckOptions;
import org.phloem.runtime.check.CheckReport;
import org.phloem.runtime.check.ModelCheck;
import org.phloem.tests.support.Repo;

/** The SDBM model on the reduced data: its pieces against independent computations, and its derivatives. */
class SdbmModelTest {
  static CompiledModel model;
  static Path data;

  @BeforeAll
  static void bind() throws Exception {
    data = ReducedData.folder();
    model = Pipeline.compile(Repo.model("sdbm/sdbm.phl"), true).bind(data);
  }

  @Test
  void theTransportCopyIsTheTransportModel() throws Exception {
    assertEquals(Files.readString(Repo.model("transport/transport_core.phl")),
        Files.readString(Repo.model("sdbm/transport_core.phl")),
        "models/sdbm/transport_core.phl must stay a copy of models/transport/transport_core.phl");
  }

  /** The in-model seasonal cycle equals the least-squares fit of a line plus 12 monthly means (commons-math3). */
  @Test
  void observedSeasonalCycleIsTheLeastSquaresOne() throws Exception {
    model.cost(model.info().priorMeans());
    double[] obsSeas = model.output(model.info().outputIndex("obs_seas"));
    List<String> labels = model.info().dim("station").labels();
    List<String> rows = Files.readAllLines(data.resolve("co2/stations_monthly.csv"));
    for (String station : ReducedData.STATIONS) {
      List<double[]> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (String row : rows.subList(1, rows.size())) {
        String[] f = row.split(",");
        int year = Integer.parseInt(f[6]);
        if (!f[0].equals(station) || year < 2000 || year > 2009) {
          continue;
        }
        int month = Integer.parseInt(f[7]);
        double[] regressors = new double[12];
        regressors[0] = year + (month - 0.5) / 12; // time; months 2..12 as offsets from January
        if (month > 1) {
          regressors[month - 1] = 1;
        }
        x.add(regressors);
        y.add(Double.parseDouble(f[8]));
      }
      OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
      ols.newSampleData(y.stream().mapToDouble(Double::doubleValue).toArray(), x.toArray(new double[0][]));
      double[] beta = ols.estimateRegressionParameters(); // intercept, slope, month offsets 2..12
      double[] seas = new double[12];
      for (int m = 1; m < 12; m++) {
        seas[m] = beta[m + 1];
      }
      double mean = java.util.Arrays.stream(seas).average().orElseThrow();
      int s = labels.indexOf(station);
      for (int m = 0; m < 12; m++) {
        assertEquals(seas[m] - mean, obsSeas[s * 12 + m], 0.01, station + " month " + (m + 1));
      }
    }
  }

  /** SDBM's beta makes every band's net flux sum to zero over the year, whatever the parameters. */
  @Test
  void annualBalanceHoldsAtRandomParameters() {
    Random rnd = new Random(5);
    for (int trial = 0; trial < 3; trial++) {
      model.cost(randomPoint(rnd));
      double[] src = model.output(model.info().outputIndex("src"));
      for (int b = 0; b < SdbmData.BANDS; b++) {
        double net = 0;
        double gross = 0;
        for (int m = 0; m < 12; m++) {
          net += src[b * 12 + m];
          gross += Math.abs(src[b * 12 + m]);
        }
        assertEquals(0, net, 1e-12 * Math.max(1, gross), "band " + b);
      }
    }
  }

  /** NPP = eps · FPAR · PAR · days, read back from the forcing table (band 30, 60-65°N, class 5). */
  @Test
  void nppIsLightUseEfficiencyTimesAbsorbedPar() throws Exception {
    double[] p = model.info().priorMeans();
    p[5] = 0.77;
    model.cost(p);
    double[] npp = model.output(model.info().outputIndex("npp"));
    List<String> rows = Files.readAllLines(data.resolve("sdbm/forcing.csv"));
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",");
      if (Integer.parseInt(f[0]) == 30) {
        int m = Integer.parseInt(f[1]) - 1;
        double expected = 0.77 * Double.parseDouble(f[4]) * Double.parseDouble(f[3]) * 365.25 / 12;
        assertEquals(expected, npp[30 * 12 + m], 1e-12 * expected, "month " + (m + 1));
      }
    }
  }

  @Test
  void derivativesPassTheModelCheckAtThePrior() {
    CheckReport atPrior = ModelCheck.atPriorMeans(model, CheckOptions.defaults());
    assertTrue(atPrior.passed(), atPrior.format());
  }

  /**
   * At random points every check of ModelCheck with its default tolerances, except that the per-element
   * output check (finite differences of each output) is held to 1e-4: some of the 1,700 output elements
   * have a tangent near zero by cancellation (~1e-6 against values ~100), where the central difference's
   * truncation error alone is ~1e-10 absolute, i.e. 5e-5 relative. Gradient (adjoint vs finite
   * differences), tangent-vs-adjoint and Hessian-vector checks keep their default tolerances.
   */
  @Test
  void derivativesPassTheModelCheckAtRandomPoints() {
    Random rnd = new Random(17);
    for (int trial = 0; trial < 2; trial++) {
      CheckReport r = ModelCheck.run(model, randomPoint(rnd), CheckOptions.defaults());
      r.gradient().forEach(g -> assertTrue(!g.flagged(), r.format()));
      r.directions().forEach(d -> assertTrue(
          d.check().startsWith("outputs") ? d.relativeError() <= 1e-4 : !d.flagged(), r.format()));
    }
  }

  @Test
  void fittedStationsAreObservedTwelveMonths() {
    model.cost(model.info().priorMeans());
    int observed = 0;
    for (int k = 0; k < model.info().outputs().size(); k++) {
      if (model.info().outputs().get(k).role() == org.phloem.runtime.OutputInfo.Role.OBSERVATION_MODEL) {
        for (double v : model.output(k)) {
          observed += Double.isNaN(v) ? 0 : 1;
        }
      }
    }
    assertEquals(12 * ReducedData.STATIONS.size(), observed);
  }

  /** eps in [0.2, 1.2] and Q10 in [1.1, 2.5], uniformly. */
  private static double[] randomPoint(Random rnd) {
    double[] p = new double[12];
    for (int k = 0; k < 6; k++) {
      p[k] = 0.2 + rnd.nextDouble();
      p[k + 6] = 1.1 + 1.4 * rnd.nextDouble();
    }
    return p;
  }
}
