package org.phloem.runtime.data;

/**
 * Applies the CF conventions' attributes to a variable's raw values: {@code _FillValue} and
 * {@code missing_value} (one or several), and values outside {@code valid_min}/{@code valid_max}/
 * {@code valid_range}, become missing (NaN); the rest are unpacked as
 * {@code raw * scale_factor + add_offset}. Missing values are recognised on the raw (packed) values,
 * as CF says.
 */
final class CfDecoding {
  private CfDecoding() {}

  /** Decodes {@code raw} in place and returns it. */
  static double[] decode(NcVariable v, double[] raw) {
    double[] fill = v.numbers("_FillValue");
    double[] missing = v.numbers("missing_value");
    double[] range = v.numbers("valid_range");
    double lo = range != null && range.length == 2 ? range[0] : first(v.numbers("valid_min"), Double.NEGATIVE_INFINITY);
    double hi = range != null && range.length == 2 ? range[1] : first(v.numbers("valid_max"), Double.POSITIVE_INFINITY);
    double scale = first(v.numbers("scale_factor"), 1);
    double offset = first(v.numbers("add_offset"), 0);
    for (int i = 0; i < raw.length; i++) {
      double x = raw[i];
      if (isOneOf(x, fill) || isOneOf(x, missing) || x < lo || x > hi) {
        raw[i] = Double.NaN;
      } else if (scale != 1 || offset != 0) {
        raw[i] = x * scale + offset;
      }
    }
    return raw;
  }

  private static double first(double[] values, double absent) {
    return values == null || values.length == 0 ? absent : values[0];
  }

  private static boolean isOneOf(double x, double[] values) {
    if (values != null) {
      for (double m : values) {
        if (x == m) {
          return true;
        }
      }
    }
    return false;
  }
}
