package org.phloem.compiler.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A round started by a save reports only once the files have kept the stamps they had when the save was
 * seen for the quiet time. The clock and the stamps are made up here: no test waits on the machine.
 */
class SettlingTest {
  private static final Path FILE = Path.of("model.phl");
  private static final Map<Path, FileStamps.Stamp> SEEN = Map.of(FILE, new FileStamps.Stamp(FileTime.fromMillis(2000), 10));
  private static final Map<Path, FileStamps.Stamp> WRITTEN_AGAIN = Map.of(FILE, new FileStamps.Stamp(FileTime.fromMillis(2010), 25));

  /** A clock that moves only when slept on, and remembers each sleep. */
  private static final class FakeClock implements Settling.Clock {
    long now = 1_000_000_000L;
    final Deque<Long> slept = new ArrayDeque<>();

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      slept.add(nanos);
      now += nanos;
    }
  }

  @Test
  void filesThatKeptTheirStamps_areQuiet_afterTheRestOfTheQuietTime() {
    FakeClock clock = new FakeClock();
    Settling s = Settling.seenNow(() -> SEEN, SEEN, 50_000_000L, clock);
    clock.now += 30_000_000L; // the round compiled for 30 ms
    assertTrue(s.quiet());
    assertEquals(List.of(20_000_000L), List.copyOf(clock.slept), "waits out what is left of the 50 ms, no more");
  }

  @Test
  void aRoundLongerThanTheQuietTime_waitsNoMore() {
    FakeClock clock = new FakeClock();
    Settling s = Settling.seenNow(() -> SEEN, SEEN, 50_000_000L, clock);
    clock.now += 80_000_000L;
    assertTrue(s.quiet());
    assertTrue(clock.slept.isEmpty());
  }

  @Test
  void aFileWrittenAgainWithinTheQuietTime_isNotQuiet() {
    FakeClock clock = new FakeClock();
    Settling s = Settling.seenNow(() -> WRITTEN_AGAIN, SEEN, 50_000_000L, clock);
    assertFalse(s.quiet());
  }

  @Test
  void theFirstRound_hasNothingToWaitFor() {
    assertTrue(Settling.NONE.quiet());
  }
}
