package org.phloem.runtime;

import java.util.Locale;

/**
 * How many bytes of tape one model's gradient may record before its long loops are checkpointed
 * instead (the generated model compares the plain gradient's tape, computed from the bound dims, with
 * it). The default, {@value #DEFAULT_MEGABYTES} MiB per model instance, leaves small models on the
 * plain (fastest) gradient (DALEC or the BETHY site model over 3-11 years daily: 0.13 MB) and
 * checkpoints runs whose tape would crowd the heap: an hourly 25-year site run (61 MB of tape), or each
 * 50-cell block of a global daily run over 25 years (18 MB each, 1.6 GB over 90 blocks, since every
 * instance keeps its own tape). The budget is per instance: many small instances (a block per cell)
 * each stay under it and together still hold all their tapes. Set it with the system property
 * {@code phloem.tapeBudget} or {@code --tape-budget} on the command line, e.g. {@code 256m}, {@code 2g}
 * or a number of bytes.
 */
public final class TapeBudget {
  /** The default budget in MiB. */
  public static final int DEFAULT_MEGABYTES = 8;
  /** The default budget in bytes. */
  public static final long DEFAULT_BYTES = (long) DEFAULT_MEGABYTES << 20;
  /** The system property holding the budget. */
  public static final String PROPERTY = "phloem.tapeBudget";

  private TapeBudget() {}

  /** The budget the system property sets, or the default. */
  public static long fromSystemProperty() {
    String v = System.getProperty(PROPERTY);
    return v == null ? DEFAULT_BYTES : parse(v);
  }

  /**
   * A size such as {@code 4096}, {@code 512k}, {@code 64m} or {@code 2g} (binary units, case ignored),
   * in bytes.
   *
   * @throws IllegalArgumentException with a message for the user when it is not one
   */
  public static long parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    long unit = 1;
    if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
      unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : 1L << 30;
      t = t.substring(0, t.length() - 1);
    }
    try {
      long n = Long.parseLong(t);
      if (n < 0 || n > Long.MAX_VALUE / unit) {
        throw new NumberFormatException();
      }
      return n * unit;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a tape budget; give a size in bytes, or with k, m or g"
          + " (binary units), e.g. 64m");
    }
  }
}
