package org.phloem.runtime.posterior;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.BayesianCost;
import org.phloem.runtime.fit.SearchSpace;

/**
 * Whether the Laplace posterior describes the cost around the optimum: along each eigen-direction of the
 * posterior covariance, J is evaluated two posterior sds out on either side. For a Gaussian posterior J
 * rises by exactly 2 there (½·2²); a kink (abs, min, max or an if on the parameters), a bound, a
 * skewed or curved posterior shows as a rise far from 2, and then the sds of the summary describe the
 * curvature at the optimum only. The check costs two evaluations of J per direction.
 *
 * <p>The steps are δ = ±2·S·w/√λ for each eigenpair (λ, w) of the prior-scaled Hessian S·H·S over the
 * free parameters (S: prior sds, or |p̂| for flat priors): ½·δᵀHδ = 2 exactly, whatever the scaling.
 *
 * @param directions one row per direction checked, in the posterior's order (largest eigenvalue first)
 * @param skipped directions not checked (beyond {@link #MAX_DIRECTIONS}); 0 when every one was
 */
public record LaplaceCheck(List<Row> directions, int skipped) {
  /** The rise of J at 2 sd for a Gaussian posterior. */
  public static final double GAUSSIAN_RISE = 2;
  /** A rise further than this from {@link #GAUSSIAN_RISE} (on either side) is reported as not Gaussian. */
  public static final double TOLERANCE = 1;
  /** At most this many directions are checked (two evaluations each). */
  public static final int MAX_DIRECTIONS = 100;

  public LaplaceCheck {
    directions = List.copyOf(directions);
  }

  /**
   * One direction.
   *
   * @param index its 1-based number in the summary's list of eigen-directions
   * @param direction the eigen-direction
   * @param riseMinus J(p̂ − δ) − J(p̂); NaN when the step leaves a bound
   * @param risePlus J(p̂ + δ) − J(p̂); NaN when the step leaves a bound
   * @param bound the parameter whose bound a step leaves, or null
   */
  public record Row(int index, Direction direction, double riseMinus, double risePlus, String bound) {
    /** True when both rises are within {@link #TOLERANCE} of 2, or a step left a bound. */
    public boolean gaussian() {
      return bound != null || (Math.abs(riseMinus - GAUSSIAN_RISE) <= TOLERANCE && Math.abs(risePlus - GAUSSIAN_RISE) <= TOLERANCE);
    }
  }

  /** Checks {@code post} on {@code model}; no rows when the posterior has no usable directions. */
  public static LaplaceCheck of(CompiledModel model, Posterior post) {
    List<Direction> all = post.constrained();
    if (!post.positiveDefinite() || all.isEmpty()) {
      return new LaplaceCheck(List.of(), 0);
    }
    double[] p = post.optimum();
    int n = p.length;
    int[] free = PosteriorAnalysis.freeSlots(post.held());
    double[] scale = PosteriorAnalysis.scales(post.priorSd(), p);
    double[] lower = model.info().lowerBounds();
    double[] upper = model.info().upperBounds();
    boolean[] logScale = model.info().logScale();
    for (int i = 0; i < n; i++) {
      // a log-scale parameter lives on (0, inf) whatever its declared bounds
      lower[i] = logScale[i] ? Math.max(0, lower[i]) : lower[i];
    }
    BayesianCost cost = new BayesianCost(model, SearchSpace.of(model.info(), p));
    double at = cost.valuePhysical(p);
    int checked = Math.min(all.size(), MAX_DIRECTIONS);
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < checked; k++) {
      Direction d = all.get(k);
      double[] step = new double[n];
      for (int r = 0; r < free.length; r++) {
        step[free[r]] = 2 * scale[free[r]] * d.vector()[r] / Math.sqrt(d.eigenvalue());
      }
      String bound = leftBound(p, step, lower, upper, post.names());
      double minus = bound != null ? Double.NaN : cost.valuePhysical(plus(p, step, -1)) - at;
      double plus = bound != null ? Double.NaN : cost.valuePhysical(plus(p, step, 1)) - at;
      rows.add(new Row(k + 1, d, minus, plus, bound));
    }
    cost.valuePhysical(p); // leave the model at the optimum, as the report reads its outputs there
    return new LaplaceCheck(rows, all.size() - checked);
  }

  /** The summary's lines (each ending in a newline); "" when nothing was checked. */
  public String format() {
    if (directions.isEmpty()) {
      return "";
    }
    List<Row> off = directions.stream().filter(r -> !r.gaussian()).toList();
    List<Row> bounded = directions.stream().filter(r -> r.bound() != null).toList();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Row r : directions) {
      if (r.bound() == null) {
        lo = Math.min(lo, Math.min(r.riseMinus(), r.risePlus()));
        hi = Math.max(hi, Math.max(r.riseMinus(), r.risePlus()));
      }
    }
    StringBuilder sb = new StringBuilder();
    int evaluated = directions.size() - bounded.size();
    sb.append(String.format(Locale.ROOT, "Laplace check: J two posterior sds out along each eigen-direction rises by %s (2 for a Gaussian"
            + " posterior) in %d direction(s)%s%s.%n",
        evaluated == 0 ? "-" : String.format(Locale.ROOT, "%.3g to %.3g", lo, hi), evaluated,
        bounded.isEmpty() ? "" : String.format(Locale.ROOT, "; %d step(s) would leave a bound (%s)", bounded.size(),
            String.join(", ", bounded.stream().map(Row::bound).distinct().toList())),
        skipped == 0 ? "" : String.format(Locale.ROOT, "; %d weaker direction(s) not checked", skipped)));
    if (!off.isEmpty()) {
      sb.append("  Not Gaussian along:\n");
      for (Row r : off) {
        sb.append(String.format(Locale.ROOT, "    %d  J rises by %.3g at -2 sd and %.3g at +2 sd: %s%n", r.index(), r.riseMinus(),
            r.risePlus(), r.direction().describe()));
      }
      sb.append("  There the sds above describe the curvature at the optimum only (a kink such as abs, min, max or an if on")
          .append(" the parameters, or a skewed or curved posterior); 'phloem sample' draws the full posterior.\n");
    }
    return sb.toString();
  }

  /** The name of a parameter whose bound p + step or p − step leaves, or null. */
  private static String leftBound(double[] p, double[] step, double[] lower, double[] upper, List<String> names) {
    for (int i = 0; i < p.length; i++) {
      double reach = Math.abs(step[i]);
      if (reach > 0 && (p[i] - reach <= lower[i] || p[i] + reach >= upper[i])) {
        return names.get(i);
      }
    }
    return null;
  }

  private static double[] plus(double[] p, double[] step, double sign) {
    double[] q = p.clone();
    for (int i = 0; i < q.length; i++) {
      q[i] += sign * step[i];
    }
    return q;
  }
}
