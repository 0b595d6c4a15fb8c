package org.phloem.runtime.check;

import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.ForwardingModel;

/** A correct model with one deliberately broken derivative, as a wrong adjoint rule would give. */
class BrokenModel extends ForwardingModel {
  enum Fault { NONE, GRADIENT_SLOT_1, HESSIAN_SCALED, OUTPUT_TANGENT }

  private final Fault fault;

  BrokenModel(CompiledModel inner, Fault fault) {
    super(inner);
    this.fault = fault;
  }

  @Override
  public double gradient(double[] p, double[] g) {
    double j = inner.gradient(p, g);
    if (fault == Fault.GRADIENT_SLOT_1) {
      g[1] *= 1.001;
    }
    return j;
  }

  @Override
  public double hessianVector(double[] p, double[] v, double[] hv) {
    double j = inner.hessianVector(p, v, hv);
    if (fault == Fault.HESSIAN_SCALED) {
      for (int i = 0; i < hv.length; i++) {
        hv[i] *= 1.01;
      }
    }
    return j;
  }

  @Override
  public double[] outputTangent(int k) {
    double[] t = inner.outputTangent(k);
    if (fault == Fault.OUTPUT_TANGENT && k == 0) {
      double[] c = t.clone();
      c[3] += 0.01 * (1 + Math.abs(c[3]));
      return c;
    }
    return t;
  }

  @Override
  public CompiledModel copy() {
    return new BrokenModel(inner.copy(), fault);
  }
}
