package org.phloem.runtime.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.phloem.runtime.report.AtomicFiles;

/**
 * A chain's saved state as text, one file per chain ({@code chain-K.state} in the run's folder), with the
 * model name, slot names and options of the run, so that {@code phloem sample --resume DIR} continues
 * exactly, and refuses a state of another model or other options. Numbers are written in round-trip
 * form, so a resumed chain gives the same draws, bit for bit. Every value read back is checked; a
 * damaged file is reported by file and line.
 */
public final class ChainStateFile {
  static final String MAGIC = "phloem-sample-state 1";

  private ChainStateFile() {}

  /** The file of chain {@code chain} (0-based) in {@code folder}. */
  public static Path of(Path folder, int chain) {
    return folder.resolve("chain-" + (chain + 1) + ".state");
  }

  /** The identity of a run: what must match for a state to be resumed. */
  public record RunIdentity(String model, List<String> slots, SampleOptions options) {}

  /** Writes {@code state} of the run {@code run} atomically. */
  public static void write(Path file, RunIdentity run, ChainState s) throws IOException {
    StringBuilder b = new StringBuilder(MAGIC).append('\n');
    b.append("model ").append(run.model()).append('\n');
    b.append("slots ").append(String.join(" ", run.slots())).append('\n');
    SampleOptions o = run.options();
    b.append("options ").append(o.chains()).append(' ').append(o.draws()).append(' ').append(o.warmup()).append(' ').append(o.seed())
        .append(' ').append(o.maxTreeDepth()).append(' ').append(o.targetAccept()).append(' ').append(o.denseMetric() ? 1 : 0).append('\n');
    b.append("chain ").append(s.chain()).append('\n');
    b.append("iteration ").append(s.iteration()).append('\n');
    b.append("rng ").append(s.rng()).append('\n');
    b.append("stepsize ").append(s.stepSize()).append('\n');
    b.append("metric").append(numbers(s.inverseMetric())).append('\n');
    b.append("x").append(numbers(s.x())).append('\n');
    b.append("dual").append(numbers(s.dualAveraging())).append('\n');
    b.append("schedule").append(numbers(s.schedule())).append('\n');
    b.append("warmup-leapfrogs ").append(s.warmupLeapfrogs()).append('\n');
    b.append("kept ").append(s.kept().size()).append('\n');
    for (ChainState.KeptDraw d : s.kept()) {
      b.append("d ").append(d.logDensity()).append(' ').append(d.acceptStat()).append(' ').append(d.treeDepth()).append(' ')
          .append(d.leapfrogs()).append(' ').append(d.divergent() ? 1 : 0).append(' ').append(d.energy()).append(numbers(d.x()))
          .append('\n');
    }
    AtomicFiles.write(file, b.toString());
  }

  private static String numbers(double[] v) {
    StringBuilder b = new StringBuilder();
    for (double d : v) {
      b.append(' ').append(d);
    }
    return b.toString();
  }

  /**
   * Reads the state of chain {@code chain} saved for the run {@code expected}.
   *
   * @throws SampleException when the file is missing, damaged (file:line and what is wrong), or of another run
   */
  public static ChainState read(Path file, RunIdentity expected, int chain) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SampleException("cannot read the saved chain state " + file + ": " + e.getMessage()
          + " (a run stopped before its first save has nothing to resume: start it again without --resume)");
    }
    Reader r = new Reader(file, lines);
    r.expectLine(MAGIC);
    String model = r.value("model");
    List<String> slots = Arrays.asList(r.value("slots").split(" "));
    if (!model.equals(expected.model()) || !slots.equals(expected.slots())) {
      throw new SampleException(file + " is a saved run of model '" + model + "' with " + slots.size()
          + " parameter slots, not of model '" + expected.model() + "' with " + expected.slots().size());
    }
    double[] o = r.numbers("options", 7);
    SampleOptions e = expected.options();
    if (o[0] != e.chains() || o[1] != e.draws() || o[2] != e.warmup() || o[3] != e.seed() || o[4] != e.maxTreeDepth()
        || o[5] != e.targetAccept() || (o[6] != 0) != e.denseMetric()) {
      throw new SampleException(String.format(Locale.ROOT, "%s was saved with --chains %d --draws %d --warmup %d --seed %d --max-depth %d "
          + "--target-accept %s --metric %s; resume with the same options", file, (long) o[0], (long) o[1], (long) o[2], (long) o[3], (long) o[4],
          o[5], o[6] != 0 ? "dense" : "diag"));
    }
    int savedChain = (int) r.integer("chain", chain, chain);
    int total = e.warmup() + e.draws();
    int iteration = (int) r.integer("iteration", 1, total);
    String rng = r.value("rng");
    try {
      Rng.restore(rng);
    } catch (RuntimeException ex) {
      throw r.error("the random state is damaged");
    }
    double stepSize = r.positive("stepsize");
    int n = slots.size();
    double[] metric = r.numbers("metric", e.denseMetric() ? n * n : n);
    for (int k = 0; k < metric.length; k++) {
      boolean diagonal = !e.denseMetric() || k / n == k % n;
      if (!Double.isFinite(metric[k]) || diagonal && !(metric[k] > 0)) {
        throw r.error("a metric value is not " + (diagonal ? "a positive number" : "finite"));
      }
    }
    double[] x = r.finiteNumbers("x", n);
    double[] dual = r.numbers("dual", 4);
    double[] schedule = r.numbers("schedule", 4 + n + (e.denseMetric() ? n * n : n));
    long warmupLeapfrogs = r.integer("warmup-leapfrogs", 0, Long.MAX_VALUE);
    int kept = (int) r.integer("kept", Math.max(0, iteration - e.warmup()), Math.max(0, iteration - e.warmup()));
    List<ChainState.KeptDraw> draws = new ArrayList<>(kept);
    for (int k = 0; k < kept; k++) {
      double[] d = r.numbers("d", 6 + n);
      draws.add(new ChainState.KeptDraw(Arrays.copyOfRange(d, 6, d.length), d[0], d[1], (int) d[2], (int) d[3], d[4] != 0, d[5]));
    }
    return new ChainState(savedChain, iteration, rng, stepSize, metric, x, dual, schedule, warmupLeapfrogs, draws);
  }

  /** Reads key-value lines in order, reporting faults by file and line. */
  private static final class Reader {
    private final Path file;
    private final List<String> lines;
    private int next;

    Reader(Path file, List<String> lines) {
      this.file = file;
      this.lines = lines;
    }

    SampleException error(String what) {
      return new SampleException(file + ":" + next + ": " + what + " (the saved state is damaged: start the run again without --resume)");
    }

    void expectLine(String text) {
      String line = take();
      if (!line.equals(text)) {
        throw error("expected '" + text + "', found '" + shorten(line) + "'");
      }
    }

    private String take() {
      if (next >= lines.size()) {
        next++;
        throw error("the file ends early");
      }
      return lines.get(next++);
    }

    String value(String key) {
      String line = take();
      if (!line.startsWith(key + " ")) {
        throw error("expected a line '" + key + " ...', found '" + shorten(line) + "'");
      }
      return line.substring(key.length() + 1);
    }

    double[] numbers(String key, int count) {
      String[] w = value(key).trim().split(" ");
      if (w.length != count) {
        throw error("'" + key + "' should have " + count + " numbers, has " + w.length);
      }
      double[] v = new double[count];
      for (int i = 0; i < count; i++) {
        try {
          v[i] = Double.parseDouble(w[i]);
        } catch (NumberFormatException e) {
          throw error("'" + shorten(w[i]) + "' in '" + key + "' is not a number");
        }
      }
      return v;
    }

    double[] finiteNumbers(String key, int count) {
      double[] v = numbers(key, count);
      for (double d : v) {
        if (!Double.isFinite(d)) {
          throw error("'" + key + "' holds a value that is not finite");
        }
      }
      return v;
    }

    double positive(String key) {
      double v = numbers(key, 1)[0];
      if (!(v > 0) || Double.isInfinite(v)) {
        throw error("'" + key + "' must be a positive number, is " + v);
      }
      return v;
    }

    long integer(String key, long min, long max) {
      String w = value(key).trim();
      long v;
      try {
        v = Long.parseLong(w);
      } catch (NumberFormatException e) {
        throw error("'" + key + "' must be a whole number, is '" + shorten(w) + "'");
      }
      if (v < min || v > max) {
        throw error("'" + key + "' is " + v + ", outside " + min + ".." + max);
      }
      return v;
    }

    private static String shorten(String s) {
      return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
  }
}
