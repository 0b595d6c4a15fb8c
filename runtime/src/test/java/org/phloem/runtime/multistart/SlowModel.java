package org.phloem.runtime.multistart;

import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ModelInfo;

/** A model that takes at least {@code millis} per gradient, so that a run lasts long enough to be watched. */
final class SlowModel implements CompiledModel {
  private final CompiledModel inner;
  private final long millis;

  SlowModel(CompiledModel inner, long millis) {
    this.inner = inner;
    this.millis = millis;
  }

  @Override
  public ModelInfo info() {
    return inner.info();
  }

  @Override
  public double cost(double[] p) {
    return inner.cost(p);
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
  public double tangent(double[] p, double[] dp) {
    return inner.tangent(p, dp);
  }

  @Override
  public double hessianVector(double[] p, double[] v, double[] hv) {
    return inner.hessianVector(p, v, hv);
  }

  @Override
  public double lastCost() {
    return inner.lastCost();
  }

  @Override
  public double[] output(int k) {
    return inner.output(k);
  }

  @Override
  public double[] outputTangent(int k) {
    return inner.outputTangent(k);
  }

  @Override
  public CompiledModel copy() {
    return new SlowModel(inner.copy(), millis);
  }
}
