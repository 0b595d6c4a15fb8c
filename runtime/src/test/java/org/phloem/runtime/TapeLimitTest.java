package org.phloem.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The tape refuses, with {@link TapeLimitError}, to grow past what one Java array holds, and never wraps
 * a size around: a loop of k values per iteration over n iterations asks for k·n values in one call
 * ({@link Tape#reserveReals}), a product that in int arithmetic turns small or negative for a long
 * loop (then the tape reserved too little and the generated stores ran off its array, which the
 * command line took for an index fault and, finding none, for a bug of Phloem's).
 */
class TapeLimitTest {

  /** Any k·n above the limit is refused before anything is allocated, and the tape keeps what it held. */
  @Property(tries = 200)
  void aRunBeyondTheLimit_isRefused_andTheTapeIsUnchanged(@ForAll @IntRange(min = 1, max = 4096) int perIteration,
      @ForAll @IntRange(min = 0, max = 3000) int recorded, @ForAll @LongRange(min = 1, max = 1L << 40) long extra) {
    long values = Tape.MAX_VALUES - recorded + extra; // one more or any number more than fits
    long trips = (values + perIteration - 1) / perIteration;
    long count = perIteration * trips;
    Tape tape = new Tape();
    for (int i = 0; i < recorded; i++) {
      tape.pushD(i);
    }
    double[] before = tape.reserveReals(0);
    TapeLimitError e = assertThrows(TapeLimitError.class, () -> tape.reserveReals(count));
    assertTrue(e.getMessage().contains((recorded + count) + " real values, more than one Java array can (2147483639)"),
        e.getMessage());
    assertSame(before, tape.reserveReals(0), "the tape's array was replaced");
    assertEquals(recorded, tape.realTop());
    for (int i = recorded - 1; i >= 0; i--) {
      assertEquals(i, tape.popD());
    }
  }

  /** A run that fits gets an array with room for all of it after what is recorded. */
  @Property(tries = 200)
  void aRunThatFits_getsRoomForAllOfIt(@ForAll @IntRange(min = 0, max = 5000) int recorded,
      @ForAll @IntRange(min = 0, max = 100_000) int count) {
    Tape tape = new Tape();
    for (int i = 0; i < recorded; i++) {
      tape.pushD(i);
    }
    double[] a = tape.reserveReals(count);
    assertTrue(a.length - recorded >= count, a.length + " for " + recorded + " + " + count);
    for (int i = 0; i < recorded; i++) {
      assertEquals(i, a[i]);
    }
  }

  /** Doubling a stack past 2^30 used to wrap around to a negative length; it stops at the limit instead. */
  @Test
  void growing_stopsAtTheLimit_andRefusesBeyondIt() {
    assertEquals(Tape.MAX_VALUES, Tape.grownLength(1 << 30, (1L << 30) + 1, "real"));
    assertEquals(2048, Tape.grownLength(1024, 1025, "real"));
    assertEquals(5000, Tape.grownLength(1024, 5000, "real"));
    assertThrows(TapeLimitError.class, () -> Tape.grownLength(Tape.MAX_VALUES, Tape.MAX_VALUES + 1L, "integer"));
  }
}
