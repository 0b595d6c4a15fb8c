package org.phloem.runtime.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The result of {@link ModelCheck#run}: one row per slot of the gradient check and one per direction
 * of the tangent and Hessian-vector checks, with {@link #passed()} and a printable {@link #format()}.
 *
 * @param modelName the model checked
 * @param gradient the gradient check, one row per slot
 * @param directions the tangent and Hessian-vector checks, one row per direction and check
 * @param options the tolerances used
 */
public record CheckReport(String modelName, List<GradientRow> gradient, List<DirectionRow> directions, CheckOptions options) {

  public CheckReport {
    gradient = List.copyOf(gradient);
    directions = List.copyOf(directions);
  }

  /** True when no row is flagged. */
  public boolean passed() {
    return gradient.stream().noneMatch(GradientRow::flagged) && directions.stream().noneMatch(DirectionRow::flagged);
  }

  /** The rows that failed, described one per line (empty when all passed). */
  public List<String> failures() {
    List<String> out = new ArrayList<>();
    for (GradientRow r : gradient) {
      if (r.flagged()) {
        out.add(String.format(Locale.ROOT, "gradient of %s: adjoint %.6e, finite difference %.6e (relative error %.1e)%s", r.name(),
            r.adjoint(), r.finiteDifference(), r.relativeError(), r.nonSmooth() == NonSmooth.JUMP
                ? "; the cost jumps at " + r.name() + " = " + String.format(Locale.ROOT, "%.6g", r.value()) + JUMP_CAUSE : ""));
      }
    }
    for (DirectionRow r : directions) {
      if (r.flagged()) {
        out.add(String.format(Locale.ROOT, "%s, direction %d: relative error %.1e%s", r.check(), r.direction(), r.relativeError(),
            r.nonSmooth() == NonSmooth.JUMP ? "; the output jumps along this direction" + JUMP_CAUSE : ""));
      }
    }
    return out;
  }

  private static final String JUMP_CAUSE = " (an if-then-else whose branches do not meet, or a rounding to steps): the model has no "
      + "derivative there, whatever the derivative code says";

  /** The rows where a kink explained the disagreement, described one per line. */
  public List<String> kinks() {
    List<String> out = new ArrayList<>();
    for (GradientRow r : gradient) {
      if (r.nonSmooth() == NonSmooth.KINK) {
        out.add(String.format(Locale.ROOT, "kink at %s = %.6g: the cost's slope changes within %.2g of it (min, max, abs or an "
            + "if-then-else); the adjoint agrees with the one-sided differences on the side the point is on", r.name(), r.value(),
            r.step()));
      }
    }
    for (DirectionRow r : directions) {
      if (r.nonSmooth() == NonSmooth.KINK) {
        out.add(String.format(Locale.ROOT, "kink along direction %d (%s): one-sided differences agree with the derivative code on "
            + "the side the point is on", r.direction(), r.check()));
      }
    }
    return out;
  }

  /** The whole report as a fixed-width table for the terminal. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    int width = Math.max(9, gradient.stream().mapToInt(r -> r.name().length()).max().orElse(9));
    String rowFormat = "  %-" + width + "s %14s %22s %22s %10s %s%n";
    sb.append(String.format(Locale.ROOT, "Gradient check of %s: adjoint vs central finite differences (flag above %.0e)%n", modelName,
        options.gradientTolerance()));
    sb.append(String.format(Locale.ROOT, rowFormat, "parameter", "value", "adjoint", "finite diff.", "rel.err", ""));
    for (GradientRow r : gradient) {
      sb.append(String.format(Locale.ROOT, rowFormat, r.name(), fmt(r.value(), 6), fmt(r.adjoint(), 14), fmt(r.finiteDifference(), 14),
          fmt(r.relativeError(), 1), mark(r.flagged(), r.nonSmooth(), r.relativeError(), options.gradientTolerance())));
    }
    sb.append(String.format(Locale.ROOT, "Tangent, outputs and Hessian-vector checks on %d random directions (seed %d)%n",
        options.directions(), options.seed()));
    String dirFormat = "  %-18s %3s %22s %22s %10s %s%n";
    sb.append(String.format(Locale.ROOT, dirFormat, "check", "dir", "reference", "checked", "rel.err", ""));
    for (DirectionRow r : directions) {
      sb.append(String.format(Locale.ROOT, dirFormat, r.check(), r.direction(), fmt(r.expected(), 14), fmt(r.actual(), 14),
          fmt(r.relativeError(), 1), r.check().startsWith("output ")
              ? mark(r.flagged(), r.nonSmooth(), r.relativeError(), options.outputTolerance())
              : mark(r.flagged(), r.nonSmooth(), 0, 1)));
    }
    List<String> failed = failures();
    List<String> kinks = kinks();
    for (String k : kinks) {
      sb.append("  note: ").append(k).append('\n');
    }
    String kinkNote = kinks.isEmpty() ? "" : " (" + kinks.size() + " kink(s) noted above: not failures)";
    sb.append(failed.isEmpty() ? "PASS: every derivative agrees within tolerance" + kinkNote + ".\n"
        : "FAIL: " + failed.size() + " check(s) outside tolerance" + kinkNote + ".\n");
    return sb.toString();
  }

  /**
   * The flag column: FAIL, or a note when the error is above the tolerance but within what the finite
   * difference itself can resolve (its extrapolation error estimate), so the row is not a failure.
   */
  private static String mark(boolean flagged, NonSmooth nonSmooth, double error, double tolerance) {
    if (flagged) {
      return nonSmooth == NonSmooth.JUMP ? "<-- FAIL (the model jumps here)" : "<-- FAIL";
    }
    if (nonSmooth == NonSmooth.KINK) {
      return "(kink: not a failure, see below)";
    }
    return error > tolerance ? "(within the difference's own error)" : "";
  }

  private static String fmt(double v, int digits) {
    return String.format(Locale.ROOT, "%." + digits + "e", v);
  }
}
