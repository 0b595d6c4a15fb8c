package org.phloem.runtime.multistart;

import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ForwardingModel;
import org.phloem.runtime.ModelFault;

/** A model that fails as a model fault (an sd that became zero, say) wherever its first parameter is below {@code limit}. */
final class FaultyModel extends ForwardingModel {
  private final double limit;

  FaultyModel(CompiledModel inner, double limit) {
    super(inner);
    this.limit = limit;
  }

  private void check(double[] p) {
    if (p[0] < limit) {
      throw new ModelFault("the sd of observe y became 0 at a = " + p[0]);
    }
  }

  @Override
  public double cost(double[] p) {
    check(p);
    return inner.cost(p);
  }

  @Override
  public double gradient(double[] p, double[] g) {
    check(p);
    return inner.gradient(p, g);
  }

  @Override
  public double hessianVector(double[] p, double[] v, double[] hv) {
    check(p);
    return inner.hessianVector(p, v, hv);
  }

  @Override
  public CompiledModel copy() {
    return new FaultyModel(inner.copy(), limit);
  }
}
