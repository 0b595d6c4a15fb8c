package org.phloem.runtime.multistart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.phloem.runtime.ModelInfo;

/**
 * Groups the ends of converged starts into distinct optima: two ends are one optimum when their costs
 * agree to the cost tolerance and no parameter differs by more than the distance tolerance in scaled
 * units. Ends are taken in order of cost (then start index), each joining the first optimum whose
 * lowest-cost member it matches, so the grouping does not depend on the order in which starts finished.
 * Optima are ranked by the cost of that member.
 */
public final class OptimumClusters {
  private OptimumClusters() {}

  /**
   * The distinct optima among {@code outcomes} (those not converged are left out), lowest cost first.
   *
   * @param typical a typical magnitude per slot for flat-prior slots (the default start)
   */
  public static List<Optimum> group(List<StartOutcome> outcomes, ModelInfo info, double[] typical, double costTolerance,
      double distanceTolerance) {
    List<StartOutcome> ends = new ArrayList<>();
    for (StartOutcome o : outcomes) {
      if (o.converged()) {
        ends.add(o);
      }
    }
    ends.sort(Comparator.comparingDouble(StartOutcome::cost).thenComparingInt(StartOutcome::index));
    List<List<StartOutcome>> groups = new ArrayList<>();
    for (StartOutcome end : ends) {
      List<StartOutcome> home = null;
      for (List<StartOutcome> g : groups) {
        StartOutcome best = g.get(0);
        if (sameCost(best.cost(), end.cost(), costTolerance)
            && distance(info, typical, best.result().parameters(), end.result().parameters()) <= distanceTolerance) {
          home = g;
          break;
        }
      }
      if (home == null) {
        home = new ArrayList<>();
        groups.add(home);
      }
      home.add(end);
    }
    List<Optimum> optima = new ArrayList<>();
    for (List<StartOutcome> g : groups) {
      StartOutcome chosen = g.stream().filter(o -> o.index() == 0).findFirst().orElse(g.get(0));
      List<Integer> members = g.stream().map(StartOutcome::index).sorted().toList();
      optima.add(new Optimum(optima.size() + 1, chosen.cost(), chosen.result().parameters(), members, chosen.index()));
    }
    return optima;
  }

  /** Whether two costs agree: |a − b| ≤ tolerance·max(1, |a|, |b|). */
  static boolean sameCost(double a, double b, double tolerance) {
    return Math.abs(a - b) <= tolerance * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  /**
   * The largest difference between two points over the slots, each in its own scale: on the scale the
   * prior is stated on (ln p for a {@code log} slot) in prior sds; for a flat-prior slot relative to the
   * larger of the two values and its typical magnitude (on ln p for a {@code log} slot: absolute).
   */
  public static double distance(ModelInfo info, double[] typical, double[] a, double[] b) {
    double[] sd = info.priorSds();
    double[] mean = info.priorMeans();
    boolean[] log = info.logScale();
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      boolean onLog = log[i] && a[i] > 0 && b[i] > 0;
      double qa = onLog ? Math.log(a[i]) : a[i];
      double qb = onLog ? Math.log(b[i]) : b[i];
      double scale;
      if (Double.isFinite(sd[i])) {
        scale = onLog ? sd[i] / mean[i] : sd[i];
      } else if (onLog) {
        scale = 1;
      } else {
        scale = Math.max(Math.max(Math.abs(a[i]), Math.abs(b[i])), Math.abs(typical[i]));
        scale = scale > 0 ? scale : 1;
      }
      worst = Math.max(worst, Math.abs(qa - qb) / scale);
    }
    return worst;
  }
}
