package org.phloem.runtime.multistart;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ForwardingModel;

/**
 * A model that takes at least {@code millis} per gradient, so that a run lasts long enough to be watched;
 * with a {@code watched} latch, each start's second gradient (its first iteration is recorded by then)
 * also waits until the latch is opened (at most a minute), so that the heartbeat surely finds the start
 * running, however the machine schedules the threads.
 */
final class SlowModel extends ForwardingModel {
  private final long millis;
  private final CountDownLatch watched;
  private int gradients;

  SlowModel(CompiledModel inner, long millis, CountDownLatch watched) {
    super(inner);
    this.millis = millis;
    this.watched = watched;
  }

  @Override
  public double gradient(double[] p, double[] g) {
    try {
      Thread.sleep(millis);
      if (++gradients == 2) {
        watched.await(1, TimeUnit.MINUTES);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return inner.gradient(p, g);
  }

  @Override
  public CompiledModel copy() {
    return new SlowModel(inner.copy(), millis, watched);
  }
}
