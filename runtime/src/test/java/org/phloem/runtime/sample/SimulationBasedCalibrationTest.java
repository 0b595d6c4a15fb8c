package org.phloem.runtime.sample;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Simulation-based calibration (Talts, Betancourt, Simpson, Vehtari &amp; Gelman 2018): draw the truth
 * from the prior, data from the model, sample the posterior, and record the rank of the truth among
 * the draws. For a correct sampler the ranks are uniform; a χ² test on 10 bins checks it (false alarm
 * rate 0.1 %). The model: μ ~ N(0, 1), log σ ~ N(0, 0.5), y₁..₈ ~ N(μ, σ) — a posterior whose scale
 * depends on a parameter (a funnel in miniature). Each replication is one chain of 200 warm-up and
 * 200 draws thinned by 2. The default suite runs 200 replications; the long profile 1,000.
 */
class SimulationBasedCalibrationTest {
  private static final int OBSERVATIONS = 8;
  private static final int BINS = 10;

  /** The posterior of (μ, log σ) given y. */
  private record NormalModel(double[] y) implements LogDensity {
    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public double logDensity(double[] x, double[] g) {
      double mu = x[0];
      double logSigma = x[1];
      double sigma = Math.exp(logSigma);
      double lp = -0.5 * mu * mu - 0.5 * logSigma * logSigma / 0.25;
      double gMu = -mu;
      double gLs = -logSigma / 0.25;
      for (double v : y) {
        double z = (v - mu) / sigma;
        lp += -0.5 * z * z - logSigma;
        gMu += z / sigma;
        gLs += z * z - 1;
      }
      g[0] = gMu;
      g[1] = gLs;
      return lp;
    }

    @Override
    public LogDensity copy() {
      return this;
    }
  }

  private static void calibrate(int replications) {
    Random prior = new Random(20181102);
    int[][] counts = new int[2][BINS];
    SampleOptions options = SampleOptions.defaults().withChains(1).withWarmup(200).withDraws(200).withThreads(1);
    for (int rep = 0; rep < replications; rep++) {
      double[] truth = {prior.nextGaussian(), 0.5 * prior.nextGaussian()};
      double[] y = new double[OBSERVATIONS];
      for (int i = 0; i < OBSERVATIONS; i++) {
        y[i] = truth[0] + Math.exp(truth[1]) * prior.nextGaussian();
      }
      List<ChainDraws> chains = Sampler.sample(new NormalModel(y), options.withSeed(rep + 1), SampleListener.NONE,
          c -> ChainCheckpoint.NONE);
      double[][] x = chains.get(0).x();
      for (int v = 0; v < 2; v++) {
        int rank = 0;
        int kept = 0;
        for (int k = 1; k < x.length; k += 2) {
          kept++;
          rank += x[k][v] < truth[v] ? 1 : 0;
        }
        counts[v][Math.min(BINS - 1, rank * BINS / (kept + 1))]++;
      }
    }
    // χ² with 9 degrees of freedom: P(χ² > 27.88) = 0.001
    for (int v = 0; v < 2; v++) {
      double expected = (double) replications / BINS;
      double chi2 = 0;
      for (int c : counts[v]) {
        chi2 += (c - expected) * (c - expected) / expected;
      }
      assertTrue(chi2 < 27.88, (v == 0 ? "mu" : "log sigma") + ": rank histogram " + java.util.Arrays.toString(counts[v])
          + " is not uniform (chi2 " + chi2 + ")");
    }
  }

  @Test
  void ranksOfTheTruthAreUniform() {
    calibrate(200);
  }

  @Test
  @Tag("long")
  void ranksOfTheTruthAreUniformOverAThousandReplications() {
    calibrate(1000);
  }
}
