package org.phloem.compiler.driver;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What keeps a {@code phloem watch} round from reporting on a half-written file. Editors (and
 * {@code Files.writeString}) truncate a file first and write it after, so a save counts only once the
 * watched files have stayed as they were when the save was seen for {@link #QUIET_NANOS}. The round
 * does not wait for that before it starts: it reads and compiles at once, and waits for the rest of the
 * quiet time only before it prints anything ({@link #quiet}); when a file changed meanwhile, the round
 * prints nothing and runs again on the new text. The rule is the one the watcher always had (two looks
 * 50 ms apart that see the same stamps, then the round); only the waiting now overlaps the compiling.
 */
final class Settling {
  /** The shortest quiet time after a change before a round may report on it. */
  static final long QUIET_NANOS = 50_000_000L;

  /** Time and sleep, replaceable so that tests need not depend on the machine's timing. */
  interface Clock {
    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;
  }

  static final Clock SYSTEM = new Clock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    }
  };

  /** Nothing to wait for (the first round, which no save started). */
  static final Settling NONE = new Settling(null, null, 0, 0, SYSTEM);

  private final Supplier<Map<Path, FileStamps.Stamp>> stamps;
  private final Map<Path, FileStamps.Stamp> seen;
  private final long seenAt;
  private final long quietNanos;
  private final Clock clock;

  private Settling(Supplier<Map<Path, FileStamps.Stamp>> stamps, Map<Path, FileStamps.Stamp> seen, long seenAt, long quietNanos,
      Clock clock) {
    this.stamps = stamps;
    this.seen = seen;
    this.seenAt = seenAt;
    this.quietNanos = quietNanos;
    this.clock = clock;
  }

  /**
   * A save seen now: the files' stamps {@code seen} (as {@code stamps} gives them) must stay so for
   * {@code quietNanos} from now.
   */
  static Settling seenNow(Supplier<Map<Path, FileStamps.Stamp>> stamps, Map<Path, FileStamps.Stamp> seen, long quietNanos,
      Clock clock) {
    return new Settling(stamps, seen, clock.nanoTime(), quietNanos, clock);
  }

  /**
   * Waits out what is left of the quiet time, then looks at the files again: true when none changed
   * since the save was seen (what was read since then is what the files hold), false when one did (or
   * the wait was interrupted: the watcher is ending).
   */
  boolean quiet() {
    if (stamps == null) {
      return true;
    }
    try {
      long left = seenAt + quietNanos - clock.nanoTime();
      if (left > 0) {
        clock.sleepNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return stamps.get().equals(seen);
  }
}
