package org.phloem.tests.bench;

import java.io.IOException;
import org.apache.commons.math3.RealFieldElement;
import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.apache.commons.math3.analysis.differentiation.SparseGradient;

/**
 * A synthetic model whose parameter count is chosen: {@code n} one-pool sites on the Metolius drivers,
 * each with its own turnover rate k[s], every site's daily flux observed against the Metolius NEE. The
 * same model exists twice: as Phloem text ({@link #phloemText}) and as hand-written Java generic over
 * commons-math3's {@link RealFieldElement}, so that one body gives forward-mode gradients with
 * {@link DerivativeStructure} (dense: every value carries n partials) and {@link SparseGradient}
 * (only the partials that are non-zero).
 *
 * <pre>
 * rate    = q10 ^ ((0.5 (tmax + tmin) − 10) / 10)                       one per day
 * uptake  = lue · rad · c[s] / (c[s] + 200);  resp = k[s] · c[s] · rate  per site and day
 * c[s]   += (uptake − resp) · dt;             flux[d, s] = resp − uptake
 * J       = ½ Σ_{d with NEE observed, s} (flux[d, s] − nee_obs[d])²
 * </pre>
 */
final class SitesModel {
  static final double Q10 = 2.0;
  static final double LUE = 0.1;
  static final double HALF_SATURATION = 200;
  static final double INITIAL_POOL = 500;
  static final double PRIOR_K = 0.005;

  private final double[] tmax;
  private final double[] tmin;
  private final double[] rad;
  private final double[] neeObs;

  private SitesModel(double[] tmax, double[] tmin, double[] rad, double[] neeObs) {
    this.tmax = tmax;
    this.tmin = tmin;
    this.rad = rad;
    this.neeObs = neeObs;
  }

  /** The Java model over the bundled Metolius drivers and observations, read by hand. */
  static SitesModel load() throws IOException {
    Columns drivers = Columns.read("dalec_oregon/drivers.csv");
    Columns obs = Columns.read("dalec_oregon/observations.csv");
    return new SitesModel(drivers.get("tmax"), drivers.get("tmin"), drivers.get("rad"), obs.get("nee"));
  }

  /** The same model in Phloem, with {@code n} sites (so {@code n} parameters). */
  static String phloemText(int n) {
    return """
        model sites_%1$d "%1$d one-pool sites on the Metolius drivers (benchmark)"

        data "dalec_oregon/drivers.csv"
        data obs = "dalec_oregon/observations.csv"

        dim day
        dim site = %1$d

        input tmax[day] unit degC
        input tmin[day] unit degC
        input rad[day]  unit MJ/m2/day
        input nee_obs[day] = obs.nee missing unit gC/m2/day

        const dt  = 1 unit day
        const q10 = %2$s
        const lue = %3$s unit gC/MJ

        param k[site] = %6$s sd 0.0025 in [1e-5, 0.1] log unit 1/day "turnover rate of each site's pool"
        state c[site] = %5$s unit gC/m2
        output flux[day, site] unit gC/m2/day

        for d in day {
          let rate = q10 ^ ((0.5 * (tmax[d] + tmin[d]) - 10) / 10)
          for s in site {
            let uptake = lue * rad[d] * c[s] / (c[s] + %4$s)
            let resp = k[s] * c[s] * rate
            c[s] = c[s] + (uptake - resp) * dt
            flux[d, s] = resp - uptake
          }
        }

        observe flux[d, s] ~ normal(nee_obs[d], 1) for d in day, s in site
        """.formatted(n, Double.toString(Q10), Double.toString(LUE), Double.toString(HALF_SATURATION),
        Double.toString(INITIAL_POOL), Double.toString(PRIOR_K));
  }

  /** The cost at turnover rates {@code k}, in whatever number type the caller seeds. */
  <T extends RealFieldElement<T>> T cost(T[] k) {
    T zero = k[0].getField().getZero();
    T[] c = k.clone();
    for (int s = 0; s < c.length; s++) {
      c[s] = zero.add(INITIAL_POOL);
    }
    T cost = zero;
    for (int d = 0; d < tmax.length; d++) {
      double rate = Math.pow(Q10, (0.5 * (tmax[d] + tmin[d]) - 10) / 10);
      double light = LUE * rad[d];
      boolean observed = !Double.isNaN(neeObs[d]);
      for (int s = 0; s < c.length; s++) {
        T uptake = c[s].divide(c[s].add(HALF_SATURATION)).multiply(light);
        T resp = k[s].multiply(c[s]).multiply(rate);
        c[s] = c[s].add(uptake.subtract(resp));
        if (observed) {
          T r = resp.subtract(uptake).subtract(neeObs[d]);
          cost = cost.add(r.multiply(r).multiply(0.5));
        }
      }
    }
    return cost;
  }

  /** The gradient by forward mode with dense {@link DerivativeStructure}s (n partials on every value). */
  double[] gradientDense(double[] k) {
    DerivativeStructure[] x = new DerivativeStructure[k.length];
    for (int i = 0; i < k.length; i++) {
      x[i] = new DerivativeStructure(k.length, 1, i, k[i]);
    }
    DerivativeStructure j = cost(x);
    double[] g = new double[k.length];
    int[] orders = new int[k.length];
    for (int i = 0; i < k.length; i++) {
      orders[i] = 1;
      g[i] = j.getPartialDerivative(orders);
      orders[i] = 0;
    }
    return g;
  }

  /** The gradient by forward mode with {@link SparseGradient}s (only the non-zero partials). */
  double[] gradientSparse(double[] k) {
    SparseGradient[] x = new SparseGradient[k.length];
    for (int i = 0; i < k.length; i++) {
      x[i] = SparseGradient.createVariable(i, k[i]);
    }
    SparseGradient j = cost(x);
    double[] g = new double[k.length];
    for (int i = 0; i < k.length; i++) {
      g[i] = j.getDerivative(i);
    }
    return g;
  }
}
