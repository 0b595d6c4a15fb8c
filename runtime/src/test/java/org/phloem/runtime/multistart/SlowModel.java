package org.phloem.runtime.multistart;

import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ForwardingModel;

/** A model that takes at least {@code millis} per gradient, so that a run lasts long enough to be watched. */
final class SlowModel extends ForwardingModel {
  private final long millis;

  SlowModel(CompiledModel inner, long millis) {
    super(inner);
    this.millis = millis;
  }

  @Override
  public double gradient(double[] p, double[] g) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return inner.gradient(p, g);
  }

  @Override
  public CompiledModel copy() {
    return new SlowModel(inner.copy(), millis);
  }
}
