package org.phloem.runtime.chart;

import java.math.BigDecimal;

/**
 * "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten, at the multiples of the step inside a
 * range, with labels that show exactly the digits the step needs (0.25 steps are not made: 0.2 or 0.5).
 *
 * @param values the tick positions, increasing
 * @param labels their labels (plain decimals; powers of ten beyond ±6 as 2.5e-7)
 */
public record Ticks(double[] values, String[] labels) {

  /** About {@code target} ticks (at least two where the range allows) inside [lo, hi]. */
  public static Ticks over(double lo, double hi, int target) {
    if (!(hi > lo) || !Double.isFinite(hi - lo)) {
      return new Ticks(new double[0], new String[0]);
    }
    int exponent = (int) Math.floor(Math.log10((hi - lo) / Math.max(1, target)));
    double power = Math.pow(10, exponent);
    double raw = (hi - lo) / Math.max(1, target) / power;
    int mantissa = raw < 1.5 ? 1 : raw < 3.5 ? 2 : raw < 7.5 ? 5 : 10;
    if (mantissa == 10) {
      mantissa = 1;
      exponent++;
    }
    BigDecimal step = BigDecimal.valueOf(mantissa).scaleByPowerOfTen(exponent);
    double stepValue = step.doubleValue();
    long first = (long) Math.ceil(lo / stepValue - 1e-9);
    long last = (long) Math.floor(hi / stepValue + 1e-9);
    if (last - first > 1000) {
      return new Ticks(new double[0], new String[0]);
    }
    int n = (int) Math.max(0, last - first + 1);
    double[] values = new double[n];
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      BigDecimal v = step.multiply(BigDecimal.valueOf(first + i));
      values[i] = v.doubleValue();
      labels[i] = label(v, exponent);
    }
    return new Ticks(values, labels);
  }

  /** {@code v} with its trailing zeros dropped; in scientific form when its step's power is far from 1. */
  private static String label(BigDecimal v, int exponent) {
    if (v.signum() == 0) {
      return "0";
    }
    BigDecimal s = v.stripTrailingZeros();
    if (exponent >= -6 && exponent <= 6) {
      return s.toPlainString();
    }
    // d.ddde±x: as many mantissa digits as the value has
    int power = s.precision() - s.scale() - 1;
    BigDecimal mantissa = s.scaleByPowerOfTen(-power);
    return mantissa.toPlainString() + "e" + power;
  }
}
