package org.phloem.tests.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report of {@link LaunchSpreadBenchmark}: one table row per launch of a model and the spreads
 * over the launches, raw and normalised by each of the plain-Java controls (the small one and the
 * large one, {@link LaunchProbe}), with the launches whose control moved flagged (the machine, not
 * the model). Every launch is kept; a launch is never dropped. Beside the spreads over all launches, the
 * raw spread over the launches the machine ran at its quiet speed, chosen by the controls alone.
 */
final class LaunchSpread {
  /** Uptime in seconds at the start of a unified-logging line ({@code -Xlog:gc:file=...:uptime}). */
  private static final Pattern GC_PAUSE = Pattern.compile("^\\[(\\d+(?:\\.\\d+)?)s\\].*Pause.*");
  /** A {@code -XX:+PrintCompilation} line of Phloem code: milliseconds since the JVM started, then the compile id. */
  private static final Pattern PHLOEM_COMPILATION = Pattern.compile("^\\s*(\\d+)\\s+\\d+\\s.*org\\.phloem\\..*");
  /** The same of the code a gradient runs: the generated class and the runtime (not the probe's own code). */
  private static final Pattern MODEL_COMPILATION = Pattern.compile("^\\s*(\\d+)\\s+\\d+\\s.*org\\.phloem\\.(generated|runtime)\\..*");

  private LaunchSpread() {}

  /**
   * What one launch measured ({@link LaunchProbe}'s RESULT line) and what its logs show inside the
   * measured window.
   *
   * @param gcPauses GC pauses that began while the calls were measured
   * @param compilations compilations and deoptimizations ("made not entrant") of Phloem code in that window
   * @param refused generated methods C2 refused to compile (compilation log lines)
   * @param lastCompilationMs when (JVM uptime, ms) the last compilation or deoptimization of generated or runtime code
   *     was logged before the end of the window: how long the JIT took to bring the model to its compiled speed, later
   *     than the start of the window when the first measured calls ran code still being compiled; -1 when none
   */
  record Launch(int number, double gradient, double gradientP10, double gradientMean, double forward, double forwardP10, double control,
      double controlP10, double controlMean, double gradientSlow, double controlSlow, double controlLarge, double controlLargeMean,
      double gradientFirstHalf, double gradientSecondHalf, String load, int gcPauses, int compilations, long lastCompilationMs, long measureFromMs,
      List<String> refused, double controlGradient, double controlGradientMean, String byCpu) {

    static Launch of(int number, Map<String, String> r, List<String> gcLog, List<String> compilationLog) {
      return of(number, r, gcLog, compilationLog, List.of());
    }

    /** The same, with the probe's per-call trace (CSV lines, header first) for the gradient's median on each CPU. */
    static Launch of(int number, Map<String, String> r, List<String> gcLog, List<String> compilationLog, List<String> trace) {
      long from = Long.parseLong(r.get("measure_from_ms"));
      long to = Long.parseLong(r.get("measure_to_ms"));
      int pauses = 0;
      for (String line : gcLog) {
        Matcher m = GC_PAUSE.matcher(line);
        if (m.matches() && inWindow(Double.parseDouble(m.group(1)) * 1000, from, to)) {
          pauses++;
        }
      }
      int compilations = 0;
      long last = -1;
      List<String> refused = new ArrayList<>();
      for (String line : compilationLog) {
        Matcher m = PHLOEM_COMPILATION.matcher(line);
        if (m.matches()) {
          compilations += inWindow(Double.parseDouble(m.group(1)), from, to) ? 1 : 0;
        }
        Matcher model = MODEL_COMPILATION.matcher(line);
        if (model.matches() && Long.parseLong(model.group(1)) <= to) {
          last = Math.max(last, Long.parseLong(model.group(1)));
        }
        if (line.contains("org.phloem.generated") && line.contains("COMPILE SKIPPED")) {
          refused.add(line.trim());
        }
      }
      return new Launch(number, value(r, "gradient_us"), value(r, "gradient_p10_us"), value(r, "gradient_mean_us"), value(r, "forward_us"),
          value(r, "forward_p10_us"), value(r, "control_us"), value(r, "control_p10_us"), value(r, "control_mean_us"), value(r, "gradient_slow_share"), value(r, "control_slow_share"),
          optional(r, "control_large_us"), optional(r, "control_large_mean_us"), value(r, "gradient_first_half_us"), value(r, "gradient_second_half_us"),
          r.get("load"), pauses, compilations, last, from, List.copyOf(refused), optional(r, "control_gradient_us"),
          optional(r, "control_gradient_mean_us"), byCpu(trace));
    }

    /**
     * The gradient's median on each CPU the measured calls ran on, with the share of calls there
     * ("cpu 0: 223.4 µs (100 %)"), from the trace's {@code cpu} column; "?" without one. The machine's
     * slow state belongs to one virtual CPU at a time (its core on the host shared with another busy
     * thread), so this tells where a slow launch ran.
     */
    static String byCpu(List<String> trace) {
      if (trace.size() < 2) {
        return "?";
      }
      List<String> header = List.of(trace.get(0).split(","));
      int cpu = header.indexOf("cpu");
      int gradient = header.indexOf("gradient_us");
      if (cpu < 0 || gradient < 0) {
        return "?";
      }
      Map<String, List<Double>> times = new java.util.TreeMap<>();
      for (String line : trace.subList(1, trace.size())) {
        String[] cells = line.split(",");
        times.computeIfAbsent(cells[cpu], k -> new ArrayList<>()).add(Double.parseDouble(cells[gradient]));
      }
      List<String> parts = new ArrayList<>();
      int calls = trace.size() - 1;
      times.forEach((c, t) -> parts.add(String.format(Locale.ROOT, "cpu %s: %.1f (%.0f %%)", c,
          LaunchProbe.median(t.stream().mapToDouble(Double::doubleValue).toArray()), 100.0 * t.size() / calls)));
      return String.join("; ", parts);
    }

    /**
     * Mean gradient over mean control: the gradient's speed with the machine's divided out. Means, not
     * medians: a disturbance (an interrupt, a time slice of another process and the cache refill after
     * it) costs about the same CPU time whichever call it falls in and falls in a call in proportion to
     * its length, so it raises both means by the same factor; the medians instead jump to the slow mode
     * once more than half of the calls are hit, which happens at a lower disturbance rate for the longer
     * call (the gradient) than for the shorter (the control).
     */
    double normalised() {
      return gradientMean / controlMean;
    }

    /** Mean gradient over mean large control (NaN when the launch had none). */
    double normalisedLarge() {
      return gradientMean / controlLargeMean;
    }

    /** Mean gradient over mean gradient control, the hand-written DALEC adjoint (NaN when the launch had none). */
    double normalisedGradientControl() {
      return gradientMean / controlGradientMean;
    }

    /**
     * Whether the machine ran this launch at its quiet speed: each of its plain-Java controls (the small, the
     * large and the gradient control, those it measured) within {@code controlMoved} of the fastest launch's
     * among {@code all}. The controls run no generated code, so this selects by the machine's state alone,
     * never by the gradient's own time.
     */
    boolean quiet(List<Launch> all, double controlMoved) {
      return within(control, values(all, Launch::control), controlMoved) && within(controlLarge, values(all, Launch::controlLarge), controlMoved)
          && within(controlGradient, values(all, Launch::controlGradient), controlMoved);
    }

    private static boolean within(double value, double[] all, double controlMoved) {
      return Double.isNaN(value) || value <= (1 + controlMoved) * java.util.Arrays.stream(all).filter(v -> !Double.isNaN(v)).min().orElse(value);
    }

    /** This launch's control against the median of the controls of {@code all}, relative (0.1 = 10 % slower). */
    double controlShift(List<Launch> all) {
      return control / LaunchProbe.median(values(all, Launch::control)) - 1;
    }

    /** This launch's large control against the median of the large controls of {@code all}, relative. */
    double controlLargeShift(List<Launch> all) {
      return controlLarge / LaunchProbe.median(values(all, Launch::controlLarge)) - 1;
    }

    /** This launch's gradient control against the median of the gradient controls of {@code all}, relative. */
    double controlGradientShift(List<Launch> all) {
      return controlGradient / LaunchProbe.median(values(all, Launch::controlGradient)) - 1;
    }

    /** The table row of this launch among {@code all}, flagged when its control moved more than {@code controlMoved}. */
    String row(List<Launch> all, double controlMoved) {
      double shift = controlShift(all);
      double largeShift = controlLargeShift(all);
      return String.format(Locale.ROOT,
          "| %d | %.1f (%.1f), %.1f | %.1f (%.1f) | %.2f (%.2f), %.2f, %s%+.0f %% | %.3f | %.1f, %.1f, %+.0f %% | %.3f | %.1f, %.1f, %+.0f %% | %.3f | %s"
              + " | %.0f %% / %.0f %% | %.1f / %.1f | %d / %d | %s | %s |",
          number, gradient, gradientP10, gradientMean, forward, forwardP10, control, controlP10, controlMean, Math.abs(shift) > controlMoved ? "⚑ " : "",
          100 * shift, normalised(), controlLarge, controlLargeMean, 100 * largeShift, normalisedLarge(), controlGradient, controlGradientMean,
          100 * controlGradientShift(all), normalisedGradientControl(), byCpu, 100 * gradientSlow, 100 * controlSlow,
          gradientFirstHalf, gradientSecondHalf, gcPauses, compilations,
          lastCompilationMs < 0 ? "none" : String.format(Locale.ROOT, "%.1f / %.1f", lastCompilationMs / 1000.0, measureFromMs / 1000.0), load);
    }
  }

  /** The report section of one model: the table of its launches and the spreads. */
  static List<String> section(String model, List<Launch> launches, double controlMoved) {
    List<String> out = new ArrayList<>();
    out.add("## " + model + ", " + launches.size() + " launches");
    out.add("");
    out.add("| launch | gradient median (p10), mean, µs | forward median (p10), µs | control median (p10), mean, µs; median vs all launches' median"
        + " | gradient / control, means | large control median, mean, µs; vs all launches' median | gradient / large control, means"
        + " | gradient control (hand-written DALEC adjoint) median, mean, µs; vs all launches' median | gradient / gradient control, means"
        + " | gradient median by CPU, µs (share of calls)"
        + " | slow share gradient / control | gradient 1st / 2nd half, µs | in window: GC / JIT | last JIT event of the model's code / measurement from, s"
        + " | load before..after |");
    out.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    launches.forEach(l -> out.add(l.row(launches, controlMoved)));
    out.add("");
    if (launches.isEmpty()) {
      return out;
    }
    List<Launch> steady = new ArrayList<>();
    List<String> moved = new ArrayList<>();
    for (Launch l : launches) {
      double shift = l.controlShift(launches);
      if (Math.abs(shift) > controlMoved) {
        moved.add(String.format(Locale.ROOT, "%d (%+.0f %%)", l.number(), 100 * shift));
      } else {
        steady.add(l);
      }
    }
    double raw = spread(values(launches, Launch::gradient));
    double normalised = spread(values(launches, Launch::normalised));
    out.add(String.format(Locale.ROOT, "- gradient median of medians %.1f µs; spread (max/min − 1) over all %d launches: medians **%.1f %%** (%.1f..%.1f µs),"
            + " 10th percentiles %.1f %%; forward medians %.1f %%; control medians %.1f %%",
        LaunchProbe.median(values(launches, Launch::gradient)), launches.size(), 100 * raw, min(values(launches, Launch::gradient)),
        max(values(launches, Launch::gradient)), 100 * spread(values(launches, Launch::gradientP10)), 100 * spread(values(launches, Launch::forward)),
        100 * spread(values(launches, Launch::control))));
    out.add(String.format(Locale.ROOT, "- normalised by the control (mean gradient / mean control), all %d launches: spread **%.1f %%** (%.3f..%.3f)",
        launches.size(), 100 * normalised, min(values(launches, Launch::normalised)), max(values(launches, Launch::normalised))));
    double normalisedLarge = spread(values(launches, Launch::normalisedLarge));
    out.add(String.format(Locale.ROOT, "- normalised by the large control (mean gradient / mean large control, %d× the drivers), all %d launches:"
            + " spread **%.1f %%** (%.3f..%.3f); large control medians %.1f %%",
        LaunchProbe.LARGE_CONTROL_COPIES, launches.size(), 100 * normalisedLarge, min(values(launches, Launch::normalisedLarge)),
        max(values(launches, Launch::normalisedLarge)), 100 * spread(values(launches, Launch::controlLarge))));
    double normalisedGradient = spread(values(launches, Launch::normalisedGradientControl));
    out.add(String.format(Locale.ROOT, "- normalised by the gradient control (mean gradient / mean hand-written DALEC adjoint), all %d launches:"
            + " spread **%.1f %%** (%.3f..%.3f); gradient control medians %.1f %%",
        launches.size(), 100 * normalisedGradient, min(values(launches, Launch::normalisedGradientControl)),
        max(values(launches, Launch::normalisedGradientControl)), 100 * spread(values(launches, Launch::controlGradient))));
    out.add("- launches whose control moved more than " + Math.round(100 * controlMoved) + " % (the machine): "
        + (moved.isEmpty() ? "none" : String.join(", ", moved))
        + (moved.isEmpty() || steady.isEmpty() ? "" : String.format(Locale.ROOT, "; over the other %d launches the gradient medians spread %.1f %%",
            steady.size(), 100 * spread(values(steady, Launch::gradient)))));
    List<Launch> quiet = quiet(launches, controlMoved);
    out.add(String.format(Locale.ROOT, "- launches at the machine's quiet speed (every control within %d %% of the fastest launch's): %s",
        Math.round(100 * controlMoved), quiet.size() < 2 ? quiet.size() + " of " + launches.size()
            : String.format(Locale.ROOT, "%d of %d (%s); over them the gradient medians spread **%.1f %%** (%.1f..%.1f µs), forward medians %.1f %%",
                quiet.size(), launches.size(), String.join(", ", quiet.stream().map(l -> Integer.toString(l.number())).toList()),
                100 * spread(values(quiet, Launch::gradient)), min(values(quiet, Launch::gradient)), max(values(quiet, Launch::gradient)),
                100 * spread(values(quiet, Launch::forward)))));
    out.add(launches.size() < 2 ? "- target ≤ 10 % over the launches: needs at least two launches"
        : String.format(Locale.ROOT, "- target ≤ 10 %% over the %d launches: raw %s, normalised %s, normalised by the large control %s,"
            + " normalised by the gradient control %s; raw over the %d quiet launches %s", launches.size(), met(raw), met(normalised),
            met(normalisedLarge), met(normalisedGradient), quiet.size(), quiet.size() < 2 ? "not measured" : met(spread(values(quiet, Launch::gradient)))));
    out.add("");
    return out;
  }

  /** The launches {@link Launch#quiet} among {@code launches}, in launch order. */
  static List<Launch> quiet(List<Launch> launches, double controlMoved) {
    return launches.stream().filter(l -> l.quiet(launches, controlMoved)).toList();
  }

  private static String met(double spread) {
    return spread <= 0.10 ? "met" : Double.isNaN(spread) ? "not measured" : "**not met**";
  }

  static double[] values(List<Launch> launches, ToDoubleFunction<Launch> f) {
    return launches.stream().mapToDouble(f).toArray();
  }

  /** max/min − 1. */
  static double spread(double[] x) {
    return max(x) / min(x) - 1;
  }

  private static double max(double[] x) {
    return java.util.Arrays.stream(x).max().orElseThrow();
  }

  private static double min(double[] x) {
    return java.util.Arrays.stream(x).min().orElseThrow();
  }

  private static boolean inWindow(double ms, long from, long to) {
    return ms >= from && ms <= to;
  }

  private static double value(Map<String, String> r, String key) {
    return Double.parseDouble(r.get(key));
  }

  /** {@code key}'s value, or NaN for a RESULT line written before the probe measured it. */
  private static double optional(Map<String, String> r, String key) {
    return r.containsKey(key) ? value(r, key) : Double.NaN;
  }
}
