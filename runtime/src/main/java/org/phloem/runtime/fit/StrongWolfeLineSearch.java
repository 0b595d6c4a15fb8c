package org.phloem.runtime.fit;

/**
 * A line search for a step satisfying the strong Wolfe conditions
 * f(x + αd) ≤ f(x) + c1·α·∇f·d and |∇f(x + αd)·d| ≤ c2·|∇f(x)·d|, by bracketing and zooming
 * (Nocedal &amp; Wright, Numerical Optimization, 2nd ed., Algorithms 3.5 and 3.6) with safeguarded
 * cubic interpolation. A trial point where the cost or gradient is not finite counts as "too far", so
 * the search backs off from regions where the model is undefined.
 *
 * <p>If the evaluation budget runs out after a point with sufficient decrease was found, that point is
 * returned as a weak step ({@link Step#wolfe()} false); the minimizer may still use it.
 */
final class StrongWolfeLineSearch {

  /** An accepted step, or none. */
  record Step(boolean found, boolean wolfe, double alpha, double[] x, double f, double[] g, int evaluations) {}

  private record Point(double alpha, double f, double slope, double[] x, double[] g) {
    boolean finite() {
      return Double.isFinite(f) && Double.isFinite(slope);
    }
  }

  private final double c1;
  private final double c2;
  private final int maxEvaluations;

  StrongWolfeLineSearch(double c1, double c2, int maxEvaluations) {
    if (!(0 < c1 && c1 < c2 && c2 < 1)) {
      throw new IllegalArgumentException("need 0 < c1 < c2 < 1, got c1 = " + c1 + ", c2 = " + c2);
    }
    this.c1 = c1;
    this.c2 = c2;
    this.maxEvaluations = maxEvaluations;
  }

  private final class Search {
    final Objective f;
    final double[] x0;
    final double[] d;
    final double f0;
    final double slope0;
    int evaluations;

    Search(Objective f, double[] x0, double f0, double[] g0, double[] d) {
      this.f = f;
      this.x0 = x0;
      this.d = d;
      this.f0 = f0;
      this.slope0 = Vectors.dot(g0, d);
    }

    Point eval(double alpha) {
      double[] x = new double[x0.length];
      double[] g = new double[x0.length];
      Vectors.axpy(x0, alpha, d, x);
      evaluations++;
      double fx = f.valueAndGradient(x, g);
      return new Point(alpha, fx, Vectors.dot(g, d), x, g);
    }

    boolean sufficientDecrease(Point p) {
      return p.finite() && p.f <= f0 + c1 * p.alpha * slope0;
    }

    boolean curvature(Point p) {
      return Math.abs(p.slope) <= -c2 * slope0;
    }

    Step accept(Point p, boolean wolfe) {
      return new Step(true, wolfe, p.alpha, p.x, p.f, p.g, evaluations);
    }

    Step fail() {
      return new Step(false, false, 0, null, Double.NaN, null, evaluations);
    }

    Step run(double alpha1, double alphaMax, Point start) {
      Point prev = start;
      double alpha = Math.min(alpha1, alphaMax);
      boolean first = true;
      while (evaluations < maxEvaluations) {
        Point cur = eval(alpha);
        if (!sufficientDecrease(cur) || (!first && cur.f >= prev.f)) {
          return zoom(prev, cur);
        }
        if (curvature(cur)) {
          return accept(cur, true);
        }
        if (cur.slope >= 0) {
          return zoom(cur, prev);
        }
        if (alpha >= alphaMax) {
          return accept(cur, false);
        }
        prev = cur;
        first = false;
        alpha = Math.min(3 * alpha, alphaMax);
      }
      return prev.alpha > 0 ? accept(prev, false) : fail();
    }

    /** lo: lowest sufficient-decrease point so far; the minimizer lies between lo and hi. */
    Step zoom(Point lo, Point hi) {
      while (evaluations < maxEvaluations) {
        double width = hi.alpha - lo.alpha;
        if (Math.abs(width) <= 1e-15 * Math.max(Math.abs(lo.alpha), Math.abs(hi.alpha))) {
          break;
        }
        double alpha = interpolate(lo, hi);
        Point cur = eval(alpha);
        if (!sufficientDecrease(cur) || cur.f >= lo.f) {
          hi = cur;
        } else {
          if (curvature(cur)) {
            return accept(cur, true);
          }
          if (cur.slope * (hi.alpha - lo.alpha) >= 0) {
            hi = lo;
          }
          lo = cur;
        }
      }
      return lo.alpha > 0 ? accept(lo, false) : fail();
    }

    /** Minimizer of the cubic through both ends' values and slopes, kept inside the middle 80 %. */
    double interpolate(Point lo, Point hi) {
      double a = lo.alpha;
      double b = hi.alpha;
      double mid = 0.5 * (a + b);
      double guess = mid;
      if (hi.finite()) {
        double d1 = lo.slope + hi.slope - 3 * (lo.f - hi.f) / (a - b);
        double disc = d1 * d1 - lo.slope * hi.slope;
        if (disc >= 0) {
          double d2 = Math.signum(b - a) * Math.sqrt(disc);
          double t = b - (b - a) * (hi.slope + d2 - d1) / (hi.slope - lo.slope + 2 * d2);
          if (Double.isFinite(t)) {
            guess = t;
          }
        }
      }
      double left = Math.min(a, b);
      double right = Math.max(a, b);
      double margin = 0.1 * (right - left);
      return Math.min(Math.max(guess, left + margin), right - margin);
    }
  }

  /**
   * Searches along {@code d} from {@code x} (where the cost is {@code f0} and the gradient {@code g0};
   * d must be a descent direction) starting with step {@code alpha1}, never beyond {@code alphaMax}.
   */
  Step search(Objective f, double[] x, double f0, double[] g0, double[] d, double alpha1, double alphaMax) {
    Search s = new Search(f, x, f0, g0, d);
    if (!(s.slope0 < 0)) {
      return s.fail();
    }
    return s.run(alpha1, alphaMax, new Point(0, f0, s.slope0, x, g0));
  }
}
