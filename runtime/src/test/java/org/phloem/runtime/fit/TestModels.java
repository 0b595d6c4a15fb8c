package org.phloem.runtime.fit;

/** Small hand-written models shared by the runtime's tests. */
public final class TestModels {
  private TestModels() {}

  static final double INF = Double.POSITIVE_INFINITY;

  /** Times of {@link #mixed()}'s observations. */
  public static final double[] TIMES = {0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5};

  /**
   * Five slots of every kind: {@code a} normal prior, unbounded; {@code k} log scale with a prior;
   * {@code f} prior and bounds (0, 1); {@code c} flat prior, lower bound 0; {@code d} flat, unbounded.
   * y(t) = a + k·exp(−f·t) + c·t² + d·t, ten observations with one missing.
   */
  public static AnalyticModel mixed() {
    double[] y = {3.1, 2.55, Double.NaN, 2.0, 1.95, 1.9, 2.05, 2.2, 2.3, 2.9};
    double[] sd = {0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.1, 0.1, 0.3};
    return AnalyticModel.builder("mixed")
        .param("a", 1.0, 0.5, -INF, INF, false)
        .param("k", 1.5, 0.6, -INF, INF, true)
        .param("f", 0.4, 0.3, 0, 1, false)
        .param("c", 0.05, INF, 0, INF, false)
        .param("d", -0.3, INF, -INF, INF, false)
        .observations(y, sd)
        .formula(p -> {
          Dual2[] out = new Dual2[TIMES.length];
          for (int i = 0; i < TIMES.length; i++) {
            double t = TIMES[i];
            out[i] = p[0].plus(p[1].times(p[2].times(-t).exp())).plus(p[3].times(t * t)).plus(p[4].times(t));
          }
          return out;
        });
  }

  /**
   * Rosenbrock as least squares: residuals 10(p2 − p1²) and 1 − p1 as two observations of value 0 with
   * sd 1, flat priors, start (−1.2, 1). Minimum 0 at (1, 1).
   */
  public static AnalyticModel rosenbrock() {
    return AnalyticModel.builder("rosenbrock")
        .flat("p1", -1.2)
        .flat("p2", 1.0)
        .observations(new double[] {0, 0}, new double[] {1, 1})
        .formula(p -> new Dual2[] {p[1].minus(p[0].square()).times(10), p[0].negate().plus(1)});
  }

  /**
   * A linear-Gaussian problem y = A·p with normal priors, whose posterior mean and covariance are
   * known in closed form: three parameters, six observations.
   */
  public static final double[][] LINEAR_A = {{1, 0, 0.5}, {0, 1, 1}, {1, 1, 0}, {2, -1, 0.3}, {0.5, 0.5, 0.5}, {1, 2, 3}};
  /** Observations of {@link #linear()}. */
  public static final double[] LINEAR_Y = {1.2, 2.1, 2.9, 0.2, 1.6, 8.5};
  /** Observation sds of {@link #linear()}. */
  public static final double[] LINEAR_SD = {0.3, 0.2, 0.4, 0.3, 0.5, 1.0};
  /** Prior means of {@link #linear()}. */
  public static final double[] LINEAR_P0 = {0.5, 1.5, 1.0};
  /** Prior sds of {@link #linear()}. */
  public static final double[] LINEAR_SP = {1.0, 0.5, 2.0};

  /** The linear-Gaussian problem. */
  public static AnalyticModel linear() {
    AnalyticModel.Builder b = AnalyticModel.builder("linear");
    for (int j = 0; j < 3; j++) {
      b.param("p" + (j + 1), LINEAR_P0[j], LINEAR_SP[j], -INF, INF, false);
    }
    return b.observations(LINEAR_Y, LINEAR_SD).formula(p -> {
      Dual2[] out = new Dual2[LINEAR_A.length];
      for (int i = 0; i < LINEAR_A.length; i++) {
        Dual2 s = p[0].times(LINEAR_A[i][0]);
        for (int j = 1; j < 3; j++) {
          s = s.plus(p[j].times(LINEAR_A[i][j]));
        }
        out[i] = s;
      }
      return out;
    });
  }
}
