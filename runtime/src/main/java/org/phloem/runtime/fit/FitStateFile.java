package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link FitState} as plain text, one fact per line ({@code key values...}), numbers in Java's
 * shortest round-trip form so that a state read back is bit-for-bit the state written. Lines:
 * {@code format}, {@code model}, one {@code slot} per parameter slot, the settings ({@code method},
 * {@code start}, {@code newton}, {@code hand-over}, {@code tolerances}, {@code lbfgs-options}, {@code lm-options}), then the minimizer's state
 * (L-BFGS, LM or the trust-region Newton phase, {@code minimizer trust-region}
 * ({@code minimizer}, {@code status}, {@code iteration}, {@code evaluations}, {@code x}, ...) and one
 * {@code log} line per iteration so far. Unknown keys are an error, so a damaged file is not half-read.
 */
public final class FitStateFile {

  /**
   * The version written in the first line. 3 added the {@code hand-over} line ({@link FitOptions.HandOver});
   * a state of format 2 is still read, with L-BFGS handing over on its stalls only, as the fit that wrote it did.
   */
  public static final int FORMAT = 3;

  /** The oldest version still read. */
  static final int OLDEST_FORMAT = 2;

  private FitStateFile() {}

  /** The state as text. */
  public static String format(FitState state) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Phloem fit state, rewritten after every iteration; continue with: phloem fit MODEL --resume DIR\n");
    line(sb, "format", Integer.toString(FORMAT));
    line(sb, "model", state.modelName());
    for (String slot : state.slotNames()) {
      line(sb, "slot", slot);
    }
    FitOptions o = state.options();
    line(sb, "method", o.method().name());
    line(sb, "start", o.start() == null ? "prior" : numbers(o.start()));
    line(sb, "newton", o.newtonIterations() + " " + o.newtonMaxParameters());
    line(sb, "hand-over", (o.handOver().whenCrawling() ? "crawling" : "-") + " " + (o.handOver().atLimit() ? "limit" : "-"));
    ConvergenceTolerances t = o.tolerances();
    line(sb, "tolerances", numbers(t.gradient(), t.decrement(), t.eigenvalue(), t.bound()));
    LbfgsOptions b = o.lbfgs();
    line(sb, "lbfgs-options", b.memory() + " " + b.maxIterations() + " " + b.maxEvaluations() + " "
        + numbers(b.gradientTolerance(), b.absoluteGradientTolerance(), b.costTolerance(), b.c1(), b.c2()) + " " + b.maxLineSearchEvaluations());
    LmOptions l = o.lm();
    line(sb, "lm-options", l.maxIterations() + " " + l.maxEvaluations() + " "
        + numbers(l.gradientTolerance(), l.absoluteGradientTolerance(), l.costTolerance(), l.stepTolerance(), l.initialDamping()));
    MinimizerState m = state.minimizer();
    line(sb, "minimizer", m instanceof MinimizerState.LbfgsState ? "lbfgs" : m instanceof MinimizerState.LmState ? "lm" : "trust-region");
    line(sb, "status", m.status() == null ? "running" : m.status().name());
    line(sb, "iteration", Integer.toString(m.iteration()));
    line(sb, "evaluations", Integer.toString(m.evaluations()));
    line(sb, "x", numbers(m.x()));
    if (m instanceof MinimizerState.LbfgsState s) {
      line(sb, "cost", numbers(s.cost()));
      line(sb, "gradient", numbers(s.gradient()));
      line(sb, "initial-gradient-norm", numbers(s.initialGradientNorm()));
      for (int k = 0; k < s.s().size(); k++) {
        line(sb, "pair-s", numbers(s.s().get(k)));
        line(sb, "pair-y", numbers(s.y().get(k)));
      }
    } else if (m instanceof MinimizerState.LmState s) {
      line(sb, "damping", numbers(s.damping(), s.dampingGrowth()));
      line(sb, "scale", numbers(s.scale()));
      line(sb, "initial-gradient-norm", numbers(s.initialGradientNorm()));
    } else if (m instanceof MinimizerState.TrustRegionState s) {
      line(sb, "radius", numbers(s.radius()));
      line(sb, "stalls", Integer.toString(s.stalls()));
      line(sb, "handed-over", (s.firstMethod().isEmpty() ? "-" : s.firstMethod()) + " " + (s.handedOver() == null ? "-" : s.handedOver().name())
          + " " + s.earlierEvaluations());
    }
    for (IterationRecord r : m.log()) {
      line(sb, "log", r.method() + " " + r.iteration() + " " + numbers(r.cost(), r.gradientNorm(), r.stepLength()) + " " + r.evaluations());
    }
    return sb.toString();
  }

  /**
   * Reads a state written by {@link #format}.
   *
   * @param source the file's name, for messages
   * @throws FitException naming the line when the text is not a complete state
   */
  public static FitState parse(String text, String source) {
    Reader in = new Reader(text, source);
    int format = in.integer(in.only("format"), 0);
    if (format < OLDEST_FORMAT || format > FORMAT) {
      throw new FitException(source + ": fit state format " + format + " is not a supported format (" + OLDEST_FORMAT + " to " + FORMAT + ")");
    }
    String model = in.only("model").rest;
    List<String> slots = new ArrayList<>();
    for (Line l : in.all("slot")) {
      slots.add(l.rest);
    }
    FitOptions.Method method = in.enumValue(FitOptions.Method.class, in.only("method"));
    Line startLine = in.only("start");
    double[] start = startLine.rest.equals("prior") ? null : in.finiteDoubles(startLine, slots.size());
    Line newton = in.only("newton");
    FitOptions.HandOver handOver = FitOptions.HandOver.STALLS_ONLY;
    if (format >= 3) {
      Line h = in.only("hand-over");
      handOver = new FitOptions.HandOver(in.flag(h, 0, "crawling"), in.flag(h, 1, "limit"));
    }
    Line lb = in.only("lbfgs-options");
    double c1 = in.between(lb, 6, 0, 1);
    LbfgsOptions lbfgs = new LbfgsOptions(in.count(lb, 0, 1, 1000), in.count(lb, 1, 1, Integer.MAX_VALUE),
        in.count(lb, 2, 1, Integer.MAX_VALUE), in.tolerance(lb, 3), in.tolerance(lb, 4), in.tolerance(lb, 5), c1,
        in.between(lb, 7, c1, 1), in.count(lb, 8, 1, 1000));
    Line lmLine = in.only("lm-options");
    LmOptions lm = new LmOptions(in.count(lmLine, 0, 1, Integer.MAX_VALUE), in.count(lmLine, 1, 1, Integer.MAX_VALUE),
        in.tolerance(lmLine, 2), in.tolerance(lmLine, 3), in.tolerance(lmLine, 4), in.tolerance(lmLine, 5),
        in.between(lmLine, 6, 0, Double.MAX_VALUE));
    Line tl = in.only("tolerances");
    ConvergenceTolerances tolerances;
    try {
      tolerances = new ConvergenceTolerances(in.number(tl, 0), in.number(tl, 1), in.number(tl, 2), in.number(tl, 3));
    } catch (FitException e) {
      throw in.error(tl, e.getMessage());
    }
    FitOptions options = new FitOptions(method, start, lbfgs, lm, in.count(newton, 0, 0, MAX_NEWTON_STEPS),
        in.count(newton, 1, 0, Integer.MAX_VALUE), handOver, tolerances, null, null);

    Line statusLine = in.only("status");
    FitStatus status = statusLine.rest.equals("running") ? null : in.enumValue(FitStatus.class, statusLine);
    int iteration = in.count(in.only("iteration"), 0, 0, Integer.MAX_VALUE);
    int evaluations = in.count(in.only("evaluations"), 0, 0, Integer.MAX_VALUE);
    double[] x = in.finiteDoubles(in.only("x"), slots.size());
    List<IterationRecord> log = new ArrayList<>();
    for (Line l : in.all("log")) {
      log.add(new IterationRecord(l.word(0), in.integer(l, 1), in.number(l, 2), in.number(l, 3), in.number(l, 4), in.integer(l, 5)));
    }
    Line kind = in.only("minimizer");
    MinimizerState state;
    switch (kind.rest) {
      case "lbfgs" -> {
        List<double[]> s = new ArrayList<>();
        List<double[]> y = new ArrayList<>();
        for (Line l : in.all("pair-s")) {
          s.add(in.finiteDoubles(l, slots.size()));
        }
        for (Line l : in.all("pair-y")) {
          y.add(in.finiteDoubles(l, slots.size()));
        }
        if (s.size() != y.size()) {
          throw new FitException(source + ": " + s.size() + " pair-s lines but " + y.size() + " pair-y lines");
        }
        state = new MinimizerState.LbfgsState(x, in.finite(in.only("cost"), 0), in.finiteDoubles(in.only("gradient"), slots.size()),
            in.tolerance(in.only("initial-gradient-norm"), 0), s, y, iteration, evaluations, log, status);
      }
      case "lm" -> {
        Line damping = in.only("damping");
        state = new MinimizerState.LmState(x, in.tolerance(damping, 0), in.tolerance(damping, 1),
            in.finiteDoubles(in.only("scale"), slots.size()), in.tolerance(in.only("initial-gradient-norm"), 0), iteration,
            evaluations, log, status);
      }
      case "trust-region" -> {
        Line over = in.only("handed-over");
        String firstMethod = in.word(over, 0).equals("-") ? "" : in.word(over, 0);
        FitStatus handedOver = in.word(over, 1).equals("-") ? null : in.enumValue(FitStatus.class, over, in.word(over, 1));
        state = new MinimizerState.TrustRegionState(x, in.number(in.only("radius"), 0), in.integer(in.only("stalls"), 0), handedOver,
            firstMethod, iteration, evaluations, in.integer(over, 2), log, status);
      }
      default -> throw in.error(kind, "unknown minimizer '" + kind.rest + "'");
    }
    in.noneLeft();
    return new FitState(model, slots, options, state);
  }

  /** The most Newton steps a saved state may ask for (each costs a Hessian-vector product per slot). */
  static final int MAX_NEWTON_STEPS = 10_000;

  private static void line(StringBuilder sb, String key, String value) {
    sb.append(key).append(' ').append(value).append('\n');
  }

  private static String numbers(double... values) {
    StringBuilder sb = new StringBuilder();
    for (double v : values) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(Double.toString(v));
    }
    return sb.toString();
  }

  /** One line: its number, key and the rest. */
  private record Line(int number, String key, String rest) {
    String word(int i) {
      String[] words = rest.isEmpty() ? new String[0] : rest.split(" ");
      return i < words.length ? words[i] : null;
    }
  }

  /** The lines grouped by key; every read marks its key used, so that leftovers can be reported. */
  private static final class Reader {
    final String source;
    final Map<String, List<Line>> byKey = new LinkedHashMap<>();

    Reader(String text, String source) {
      this.source = source;
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String l = lines[i].strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        int space = l.indexOf(' ');
        String key = space < 0 ? l : l.substring(0, space);
        String rest = space < 0 ? "" : l.substring(space + 1).strip();
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Line(i + 1, key, rest));
      }
    }

    List<Line> all(String key) {
      List<Line> lines = byKey.remove(key);
      return lines == null ? List.of() : lines;
    }

    Line only(String key) {
      List<Line> lines = all(key);
      if (lines.isEmpty()) {
        throw new FitException(source + ": not a complete fit state (no '" + key + "' line); the file may be damaged");
      }
      if (lines.size() > 1) {
        throw error(lines.get(1), "a second '" + key + "' line");
      }
      return lines.get(0);
    }

    void noneLeft() {
      if (!byKey.isEmpty()) {
        Line l = byKey.values().iterator().next().get(0);
        throw error(l, "unknown key '" + l.key() + "'");
      }
    }

    String word(Line l, int i) {
      String w = l.word(i);
      if (w == null) {
        throw error(l, "expected at least " + (i + 1) + " values after '" + l.key() + "'");
      }
      return w;
    }

    double number(Line l, int i) {
      String w = word(l, i);
      try {
        return Double.parseDouble(w);
      } catch (NumberFormatException e) {
        throw error(l, "'" + w + "' is not a number");
      }
    }

    /** A whole number within [min, max]: a damaged count is refused where it is, not divided by later. */
    int count(Line l, int i, int min, int max) {
      int v = integer(l, i);
      if (v < min || v > max) {
        throw error(l, "value " + (i + 1) + " of '" + l.key() + "' is " + v + ", outside " + min + " to " + max);
      }
      return v;
    }

    /** {@code name} (true) or "-" (false). */
    boolean flag(Line l, int i, String name) {
      String w = word(l, i);
      if (!w.equals(name) && !w.equals("-")) {
        throw error(l, "value " + (i + 1) + " of '" + l.key() + "' is '" + w + "'; it must be '" + name + "' or '-'");
      }
      return w.equals(name);
    }

    /** A finite number. */
    double finite(Line l, int i) {
      double v = number(l, i);
      if (!Double.isFinite(v)) {
        throw error(l, "value " + (i + 1) + " of '" + l.key() + "' is " + v + "; it must be a finite number");
      }
      return v;
    }

    /** A finite number that is not negative (a tolerance, a norm). */
    double tolerance(Line l, int i) {
      double v = finite(l, i);
      if (v < 0) {
        throw error(l, "value " + (i + 1) + " of '" + l.key() + "' is " + v + "; it cannot be negative");
      }
      return v;
    }

    /** A number strictly between {@code lo} and {@code hi}. */
    double between(Line l, int i, double lo, double hi) {
      double v = finite(l, i);
      if (!(v > lo && v < hi)) {
        throw error(l, "value " + (i + 1) + " of '" + l.key() + "' is " + v + "; it must lie strictly between " + lo + " and " + hi);
      }
      return v;
    }

    double[] finiteDoubles(Line l, int n) {
      double[] out = doubles(l, n);
      for (int i = 0; i < n; i++) {
        finite(l, i);
      }
      return out;
    }

    int integer(Line l, int i) {
      String w = word(l, i);
      try {
        return Integer.parseInt(w);
      } catch (NumberFormatException e) {
        throw error(l, "'" + w + "' is not a whole number");
      }
    }

    double[] doubles(Line l, int n) {
      String[] words = l.rest().isEmpty() ? new String[0] : l.rest().split(" ");
      if (words.length != n) {
        throw error(l, "expected " + n + " values after '" + l.key() + "', found " + words.length);
      }
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = number(l, i);
      }
      return out;
    }

    <E extends Enum<E>> E enumValue(Class<E> type, Line l) {
      return enumValue(type, l, l.rest());
    }

    <E extends Enum<E>> E enumValue(Class<E> type, Line l, String word) {
      try {
        return Enum.valueOf(type, word);
      } catch (IllegalArgumentException e) {
        throw error(l, "'" + word + "' is not a known " + l.key());
      }
    }

    FitException error(Line l, String what) {
      return new FitException(source + ", line " + l.number() + ": " + what);
    }
  }
}
