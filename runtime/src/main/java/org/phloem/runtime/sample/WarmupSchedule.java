package org.phloem.runtime.sample;

/**
 * Stan's windowed warm-up: a first fast stretch (step size only, 75 iterations by default) moves the
 * chain into the typical set; then slow windows of 25, 50, 100, ... iterations each estimate the
 * posterior variances for the diagonal metric (the last window stretched to the end); a last fast
 * stretch (50) adapts the step size to the final metric. Short warm-ups are split 15 % / 75 % / 10 %.
 * Variances (or, for a dense metric, the whole covariance) are estimated with Welford's algorithm and
 * shrunk towards 1e-3 as Stan does: (n/(n+5))·Σ + 1e-3·(5/(n+5))·I.
 */
final class WarmupSchedule {
  static final int INIT_BUFFER = 75;
  static final int TERM_BUFFER = 50;
  static final int BASE_WINDOW = 25;

  private final int warmup;
  private final boolean dense;
  private final int initBuffer;
  private final int termBuffer;
  private int windowSize;
  private int nextWindowEnd;
  private int counter;
  private long n;
  private double[] mean;
  private double[] m2;

  /** The schedule for {@code warmup} iterations of {@code dimension} variables, estimating a dense or diagonal metric. */
  WarmupSchedule(int warmup, int dimension, boolean dense) {
    this.warmup = warmup;
    this.dense = dense;
    if (warmup < 20) {
      // too short to estimate variances: adapt the step size only
      initBuffer = warmup;
      termBuffer = 0;
      windowSize = 0;
    } else if (INIT_BUFFER + BASE_WINDOW + TERM_BUFFER > warmup) {
      initBuffer = (int) (0.15 * warmup);
      termBuffer = (int) (0.1 * warmup);
      windowSize = warmup - initBuffer - termBuffer;
    } else {
      initBuffer = INIT_BUFFER;
      termBuffer = TERM_BUFFER;
      windowSize = BASE_WINDOW;
    }
    nextWindowEnd = initBuffer + windowSize - 1;
    mean = new double[dimension];
    m2 = new double[dense ? dimension * dimension : dimension];
  }

  /** The state to save: counter, window size, next window end, n, then means and the sums of squares (n or n² of them). */
  double[] save() {
    double[] s = new double[4 + mean.length + m2.length];
    s[0] = counter;
    s[1] = windowSize;
    s[2] = nextWindowEnd;
    s[3] = n;
    System.arraycopy(mean, 0, s, 4, mean.length);
    System.arraycopy(m2, 0, s, 4 + mean.length, m2.length);
    return s;
  }

  /** Restores a state saved by {@link #save()}. */
  void restore(double[] s) {
    counter = (int) s[0];
    windowSize = (int) s[1];
    nextWindowEnd = (int) s[2];
    n = (long) s[3];
    System.arraycopy(s, 4, mean, 0, mean.length);
    System.arraycopy(s, 4 + mean.length, m2, 0, m2.length);
  }

  private boolean inSlowWindow() {
    return windowSize > 0 && counter >= initBuffer && counter < warmup - termBuffer && counter != warmup;
  }

  /**
   * Records the warm-up draw {@code x}; when a slow window ends, returns the new metric's flat form
   * (see {@link Metric#flat()}; the caller then restarts the step-size adaptation), else null.
   */
  double[] observe(double[] x) {
    int d = x.length;
    if (inSlowWindow()) {
      n++;
      double[] before = new double[d];
      for (int i = 0; i < d; i++) {
        before[i] = x[i] - mean[i];
        mean[i] += before[i] / n;
      }
      for (int i = 0; i < d; i++) {
        if (dense) {
          for (int j = 0; j < d; j++) {
            m2[i * d + j] += before[i] * (x[j] - mean[j]);
          }
        } else {
          m2[i] += before[i] * (x[i] - mean[i]);
        }
      }
    }
    double[] metric = null;
    if (windowSize > 0 && counter == nextWindowEnd && counter != warmup) {
      nextWindow();
      metric = new double[m2.length];
      for (int k = 0; k < m2.length; k++) {
        boolean diagonal = !dense || k / d == k % d;
        double estimate = n > 1 ? m2[k] / (n - 1) : diagonal ? 1 : 0;
        metric[k] = (n / (n + 5.0)) * estimate + (diagonal ? 1e-3 * (5.0 / (n + 5.0)) : 0);
      }
      n = 0;
      java.util.Arrays.fill(mean, 0);
      java.util.Arrays.fill(m2, 0);
    }
    counter++;
    return metric;
  }

  private void nextWindow() {
    int lastEnd = warmup - termBuffer - 1;
    if (nextWindowEnd == lastEnd) {
      return;
    }
    windowSize *= 2;
    nextWindowEnd = counter + windowSize;
    if (nextWindowEnd != lastEnd && nextWindowEnd + 2 * windowSize >= warmup - termBuffer) {
      nextWindowEnd = lastEnd;
    }
  }
}
