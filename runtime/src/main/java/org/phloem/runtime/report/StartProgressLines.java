package org.phloem.runtime.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.phloem.runtime.fit.IterationRecord;
import org.phloem.runtime.multistart.StartOutcome;
import org.phloem.runtime.multistart.StartProgress;

/** Prints one line per finished start, and while none finishes, where the running starts are. */
public final class StartProgressLines implements StartProgress {
  private final PrintStream out;

  /** Lines to {@code out}. */
  public StartProgressLines(PrintStream out) {
    this.out = out;
  }

  @Override
  public void finished(StartOutcome o, int done, int total) {
    String what = o.result() == null ? "could not be fitted: " + o.error()
        : String.format(Locale.ROOT, "%-15s J = %.12g, |grad| = %.2e, %d evaluations, %s", o.statusName(), o.cost(),
            o.result().gradientNorm(), o.result().evaluations(), phases(o.result().iterations()));
    out.printf(Locale.ROOT, "start %3d  %s  (%s; %d of %d done)%n", o.index(), what, time(o.seconds()), done, total);
    out.flush();
  }

  @Override
  public void stillRunning(int done, int total, List<Running> running, Duration elapsed) {
    String where = running.stream().map(r -> String.format(Locale.ROOT, "start %d at %s iteration %d, J = %.6g", r.index(), r.method(),
        r.iteration(), r.cost())).collect(Collectors.joining("; "));
    out.printf(Locale.ROOT, "  ... %d of %d starts done after %s%s%n", done, total, time(elapsed.toMillis() / 1000.0),
        where.isEmpty() ? "" : "; running: " + where);
    out.flush();
  }

  /** The iterations of each phase in order, e.g. "lbfgs 412 + newton 37 iterations". */
  static String phases(List<IterationRecord> log) {
    java.util.Map<String, Integer> last = new java.util.LinkedHashMap<>();
    for (IterationRecord r : log) {
      last.put(r.method(), r.iteration());
    }
    return last.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(" + ")) + " iterations";
  }

  /** "4.2 s", "3 min 05 s", "1 h 02 min". */
  static String time(double seconds) {
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
