package org.phloem.runtime;

/**
 * A test model that passes every call to another model; a test fixture overrides only the calls it
 * changes (to slow them, make them fail, or break a derivative on purpose).
 */
public abstract class ForwardingModel implements CompiledModel {
  /** The model calls go to. */
  protected final CompiledModel inner;

  protected ForwardingModel(CompiledModel inner) {
    this.inner = inner;
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
}
