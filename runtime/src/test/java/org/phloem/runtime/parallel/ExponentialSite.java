package org.phloem.runtime.parallel;

import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.DimInfo;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ObservationInfo;
import org.phloem.runtime.OutputInfo;
import org.phloem.runtime.ParamInfo;

/**
 * A hand-written site model for the tests: y(x) = a·exp(b·x) against observations y0 with sd σ, cost
 * ½ Σ ((y − y0)/σ)², with its exact gradient, tangent and Hessian (written out by hand, independent of
 * the code under test).
 */
final class ExponentialSite implements CompiledModel {
  private final double[] x;
  private final double[] y0;
  private final double sd;
  private final double[] y;
  private final double[] dy;
  private final ModelInfo info;
  private double lastCost = Double.NaN;

  ExponentialSite(double[] x, double[] y0, double sd) {
    this.x = x.clone();
    this.y0 = y0.clone();
    this.sd = sd;
    this.y = new double[x.length];
    this.dy = new double[x.length];
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      labels.add(Integer.toString(i));
    }
    List<ParamInfo> params = List.of(param("a", 0), param("b", 1));
    List<OutputInfo> outputs = List.of(
        new OutputInfo("y", List.of("obs"), new int[] {x.length}, "", OutputInfo.Role.OBSERVATION_MODEL),
        new OutputInfo("y0", List.of("obs"), new int[] {x.length}, "", OutputInfo.Role.OBSERVATION_VALUE),
        new OutputInfo("sd", List.of("obs"), new int[] {x.length}, "", OutputInfo.Role.OBSERVATION_SD));
    this.info = new ModelInfo("expo", "exponential site", "expo.phl", List.of(new DimInfo("obs", x.length, labels)), params, outputs,
        List.of(new ObservationInfo("y[i]", 0, 1, 2, 1)));
  }

  private static ParamInfo param(String name, int offset) {
    return new ParamInfo(name, List.of(), offset, 1, new double[] {1}, new double[] {1}, new double[] {-10}, new double[] {10},
        false, "", "", 1);
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public double cost(double[] p) {
    double j = 0;
    for (int i = 0; i < x.length; i++) {
      y[i] = p[0] * Math.exp(p[1] * x[i]);
      double r = (y[i] - y0[i]) / sd;
      j += 0.5 * r * r;
    }
    return lastCost = j;
  }

  @Override
  public double gradient(double[] p, double[] g) {
    g[0] = 0;
    g[1] = 0;
    double j = cost(p);
    for (int i = 0; i < x.length; i++) {
      double e = Math.exp(p[1] * x[i]);
      double r = (y[i] - y0[i]) / sd;
      g[0] += r * e / sd;
      g[1] += r * p[0] * x[i] * e / sd;
    }
    return j;
  }

  @Override
  public double tangent(double[] p, double[] dp) {
    double[] g = new double[2];
    gradient(p, g);
    for (int i = 0; i < x.length; i++) {
      double e = Math.exp(p[1] * x[i]);
      dy[i] = e * dp[0] + p[0] * x[i] * e * dp[1];
    }
    return g[0] * dp[0] + g[1] * dp[1];
  }

  @Override
  public double hessianVector(double[] p, double[] v, double[] hv) {
    double j = cost(p);
    double h00 = 0;
    double h01 = 0;
    double h11 = 0;
    for (int i = 0; i < x.length; i++) {
      double e = Math.exp(p[1] * x[i]);
      double r = (y[i] - y0[i]) / sd;
      double ra = e / sd;
      double rb = p[0] * x[i] * e / sd;
      h00 += ra * ra;
      h01 += ra * rb + r * x[i] * e / sd;
      h11 += rb * rb + r * p[0] * x[i] * x[i] * e / sd;
    }
    hv[0] = h00 * v[0] + h01 * v[1];
    hv[1] = h01 * v[0] + h11 * v[1];
    return j;
  }

  @Override
  public double lastCost() {
    return lastCost;
  }

  @Override
  public double[] output(int k) {
    switch (k) {
      case 0: return y;
      case 1: return y0;
      default: {
        double[] s = new double[x.length];
        java.util.Arrays.fill(s, sd);
        return s;
      }
    }
  }

  @Override
  public double[] outputTangent(int k) {
    return k == 0 ? dy : new double[x.length];
  }

  @Override
  public CompiledModel copy() {
    return new ExponentialSite(x, y0, sd);
  }
}
