package org.phloem.tests.eastasia;

/**
 * The statistics of the network view: root-mean-square errors over the observed months, annual sums from
 * a site's mean seasonal cycle, and ordinary least-squares lines with their r².
 */
final class NetworkStats {
  /** Days in CARDAMOM's monthly step (365.25 / 12): a monthly mean flux times this is the month's sum. */
  static final double DAYS_PER_MONTH = 30.4375;

  private NetworkStats() {}

  /** A fitted line y = intercept + slope·x over n points, with its coefficient of determination. */
  record Line(double slope, double intercept, double r2, int n) {
    /** The standard error of the slope, |b| √((1/r² − 1)/(n − 2)) (NaN below 3 points). */
    double slopeSe() {
      return n < 3 ? Double.NaN : Math.abs(slope) * Math.sqrt((1 / r2 - 1) / (n - 2));
    }

    String text(String x) {
      return String.format(java.util.Locale.ROOT, "%.1f %s %.2f(±%.2f)·%s (r² %.2f, n %d)", intercept, slope < 0 ? "−" : "+", Math.abs(slope),
          slopeSe(), x, r2, n);
    }
  }

  /** RMSE of {@code model} against {@code observed} over the elements where {@code observed} is a number; NaN when there is none. */
  static double rmse(double[] model, double[] observed) {
    double sum = 0;
    int n = 0;
    for (int i = 0; i < observed.length; i++) {
      if (!Double.isNaN(observed[i])) {
        double d = model[i] - observed[i];
        sum += d * d;
        n++;
      }
    }
    return n == 0 ? Double.NaN : Math.sqrt(sum / n);
  }

  /** How many elements are numbers. */
  static int count(double[] observed) {
    int n = 0;
    for (double v : observed) {
      n += Double.isNaN(v) ? 0 : 1;
    }
    return n;
  }

  /** {@code a} where it is a number, else {@code b} (the calibration and validation months never overlap). */
  static double[] merge(double[] a, double[] b) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Double.isNaN(a[i]) ? b[i] : a[i];
    }
    return out;
  }

  /**
   * The annual sum [per year] of a monthly series (month-major within years: element 12·y + m, mean rate
   * per day) from its mean seasonal cycle over the months where {@code sampledAt} is a number: the mean
   * of each calendar month over the years sampled, times the days of a month, summed over the twelve.
   * NaN when some calendar month is never sampled.
   */
  static double annualFromSeasonalCycle(double[] series, double[] sampledAt) {
    double annual = 0;
    for (int m = 0; m < 12; m++) {
      double sum = 0;
      int n = 0;
      for (int i = m; i < series.length; i += 12) {
        if (!Double.isNaN(sampledAt[i])) {
          sum += series[i];
          n++;
        }
      }
      if (n == 0) {
        return Double.NaN;
      }
      annual += sum / n * DAYS_PER_MONTH;
    }
    return annual;
  }

  /** The mean of every element: the mean annual value of a whole monthly record. */
  static double mean(double[] series) {
    double sum = 0;
    for (double v : series) {
      sum += v;
    }
    return sum / series.length;
  }

  /** The largest month of the mean seasonal cycle of a monthly series (element 12·y + m). */
  static double seasonalMax(double[] series) {
    double best = Double.NEGATIVE_INFINITY;
    for (int m = 0; m < 12; m++) {
      double sum = 0;
      int n = 0;
      for (int i = m; i < series.length; i += 12) {
        sum += series[i];
        n++;
      }
      best = Math.max(best, sum / n);
    }
    return best;
  }

  /** The least-squares line through the points where both x and y are numbers. */
  static Line ols(double[] x, double[] y) {
    double sx = 0;
    double sy = 0;
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        sx += x[i];
        sy += y[i];
        n++;
      }
    }
    double mx = sx / n;
    double my = sy / n;
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
        sxx += (x[i] - mx) * (x[i] - mx);
        sxy += (x[i] - mx) * (y[i] - my);
        syy += (y[i] - my) * (y[i] - my);
      }
    }
    double slope = sxy / sxx;
    return new Line(slope, my - slope * mx, sxy * sxy / (sxx * syy), n);
  }
}
