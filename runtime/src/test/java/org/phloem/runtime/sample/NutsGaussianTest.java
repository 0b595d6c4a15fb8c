package org.phloem.runtime.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On Gaussian targets with known moments, the sampled means, variances and covariances agree with the
 * exact ones within their Monte-Carlo error (computed from the sampler's own ESS, with a 4.5σ margin so
 * that the test fails on a wrong sampler, not by chance), the chains converge by R̂, and the run is
 * deterministic for a seed whatever the thread count.
 */
class NutsGaussianTest {

  /** Σ = [[4, 1.8, 0], [1.8, 1, 0.2], [0, 0.2, 0.25]]: correlated and of different scales. */
  private static final double[][] COVARIANCE = {{4, 1.8, 0}, {1.8, 1, 0.2}, {0, 0.2, 0.25}};
  private static final double[] MEAN = {3, -1, 0.5};

  private static double[][] inverse3(double[][] a) {
    double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
        + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    double[][] inv = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        int r0 = (j + 1) % 3;
        int r1 = (j + 2) % 3;
        int c0 = (i + 1) % 3;
        int c1 = (i + 2) % 3;
        inv[i][j] = (a[r0][c0] * a[r1][c1] - a[r0][c1] * a[r1][c0]) / det;
      }
    }
    return inv;
  }

  private static double[][] column(List<ChainDraws> chains, int variable) {
    double[][] out = new double[chains.size()][];
    for (int c = 0; c < chains.size(); c++) {
      ChainDraws d = chains.get(c);
      out[c] = new double[d.size()];
      for (int k = 0; k < d.size(); k++) {
        out[c][k] = d.x()[k][variable];
      }
    }
    return out;
  }

  @Test
  void momentsOfACorrelatedGaussianMatchWithinMonteCarloError() {
    checkMoments(false);
  }

  @Test
  void withADenseMetricTooAndItLearnsTheCovariance() {
    List<ChainDraws> chains = checkMoments(true);
    for (ChainDraws d : chains) {
      // the adapted dense metric approximates the whole covariance, off-diagonal included
      assertEquals(9, d.inverseMetric().length);
      assertEquals(1.8, d.inverseMetric()[1], 0.8);
      assertEquals(1.8, d.inverseMetric()[3], 0.8);
    }
  }

  private static List<ChainDraws> checkMoments(boolean dense) {
    GaussianTarget target = new GaussianTarget(MEAN, inverse3(COVARIANCE));
    SampleOptions options = SampleOptions.defaults().withChains(4).withDraws(1000).withWarmup(500).withSeed(7).withThreads(2)
        .withDenseMetric(dense);
    List<ChainDraws> chains = Sampler.sample(target, options, SampleListener.NONE, c -> ChainCheckpoint.NONE);
    for (int i = 0; i < 3; i++) {
      double[][] draws = column(chains, i);
      double[] all = Diagnostics.flatten(draws);
      double ess = Diagnostics.essBulk(draws);
      double mean = 0;
      for (double v : all) {
        mean += v;
      }
      mean /= all.length;
      double var = 0;
      for (double v : all) {
        var += (v - mean) * (v - mean);
      }
      var /= all.length - 1;
      double sdTrue = Math.sqrt(COVARIANCE[i][i]);
      assertTrue(ess > 400, "bulk ESS of x" + i + " is " + ess);
      assertEquals(MEAN[i], mean, 4.5 * sdTrue / Math.sqrt(ess), "mean of x" + i);
      // the variance estimate's sd is about σ²·sqrt(2/ESS) for a Gaussian
      assertEquals(COVARIANCE[i][i], var, 4.5 * COVARIANCE[i][i] * Math.sqrt(2 / ess), "variance of x" + i);
      assertTrue(Diagnostics.rhat(draws) < 1.01, "R-hat of x" + i + " is " + Diagnostics.rhat(draws));
    }
    // the strong correlation of x0 and x1 (0.9)
    double[] a = Diagnostics.flatten(column(chains, 0));
    double[] b = Diagnostics.flatten(column(chains, 1));
    double ma = 0;
    double mb = 0;
    for (int k = 0; k < a.length; k++) {
      ma += a[k];
      mb += b[k];
    }
    ma /= a.length;
    mb /= b.length;
    double cov = 0;
    for (int k = 0; k < a.length; k++) {
      cov += (a[k] - ma) * (b[k] - mb);
    }
    cov /= a.length - 1;
    double ess = Math.min(Diagnostics.essBulk(column(chains, 0)), Diagnostics.essBulk(column(chains, 1)));
    // sd of a covariance estimate: sqrt((σ_a²σ_b² + σ_ab²)/ESS)
    assertEquals(1.8, cov, 4.5 * Math.sqrt((4 * 1 + 1.8 * 1.8) / ess));
    for (ChainDraws d : chains) {
      for (boolean div : d.divergent()) {
        assertTrue(!div, "no divergence on a Gaussian");
      }
      // the adapted metric approximates the marginal variances
      assertEquals(4, d.inverseMetric()[0], 2.0);
      assertEquals(0.25, d.inverseMetric()[dense ? 8 : 2], 0.15);
    }
    return chains;
  }

  @Test
  void theSameSeedGivesTheSameDrawsOnOneOrManyThreads() {
    GaussianTarget target = new GaussianTarget(MEAN, inverse3(COVARIANCE));
    SampleOptions options = SampleOptions.defaults().withChains(3).withDraws(50).withWarmup(60).withSeed(11);
    List<ChainDraws> one = Sampler.sample(target, options.withThreads(1), SampleListener.NONE, c -> ChainCheckpoint.NONE);
    List<ChainDraws> three = Sampler.sample(target, options.withThreads(3), SampleListener.NONE, c -> ChainCheckpoint.NONE);
    for (int c = 0; c < 3; c++) {
      for (int k = 0; k < 50; k++) {
        assertEquals(java.util.Arrays.toString(one.get(c).x()[k]), java.util.Arrays.toString(three.get(c).x()[k]));
      }
    }
    // and another seed gives other draws
    List<ChainDraws> other = Sampler.sample(target, options.withSeed(12), SampleListener.NONE, c -> ChainCheckpoint.NONE);
    assertTrue(other.get(0).x()[49][0] != one.get(0).x()[49][0]);
  }
}
