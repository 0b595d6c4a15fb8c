package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.DimInfo;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ObservationInfo;
import org.phloem.runtime.OutputInfo;
import org.phloem.runtime.ParamInfo;

/**
 * A hand-written {@link CompiledModel} for tests: one formula y(p) over an index {@code i} gives a
 * declared output {@code yhat[i]} and one observe statement {@code y[i] ~ normal(yhat[i], sd[i])}.
 * Derivatives are exact (through {@link Dual2}), so the runtime can be tested without the compiler.
 * Observed values that are NaN are missing and add nothing to the cost.
 */
public final class AnalyticModel implements CompiledModel {

  private final ModelInfo info;
  private final Function<Dual2[], Dual2[]> formula;
  private final double[] observed;
  private final double[] sd;
  private final double[][] outputs;
  private final double[][] tangents;
  private double lastCost = Double.NaN;
  /** How many times each entry point was called (for tests of evaluation limits). */
  public int costCalls, gradientCalls, tangentCalls, hessianVectorCalls;

  private AnalyticModel(ModelInfo info, Function<Dual2[], Dual2[]> formula, double[] observed, double[] sd) {
    this.info = info;
    this.formula = formula;
    this.observed = observed;
    this.sd = sd;
    this.outputs = new double[4][observed.length];
    this.tangents = new double[4][observed.length];
  }

  /** Starts describing a model. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  private Dual2[] evaluate(double[] p) {
    Dual2[] y = formula.apply(Dual2.variables(p));
    int m = observed.length;
    double cost = 0;
    for (int i = 0; i < m; i++) {
      boolean missing = Double.isNaN(observed[i]);
      outputs[0][i] = y[i].v;
      outputs[1][i] = missing ? Double.NaN : y[i].v;
      outputs[2][i] = observed[i];
      outputs[3][i] = missing ? Double.NaN : sd[i];
      if (!missing) {
        double r = (y[i].v - observed[i]) / sd[i];
        cost += 0.5 * r * r;
      }
    }
    lastCost = cost;
    return y;
  }

  @Override
  public double cost(double[] p) {
    costCalls++;
    evaluate(p);
    return lastCost;
  }

  @Override
  public double gradient(double[] p, double[] g) {
    gradientCalls++;
    Dual2[] y = evaluate(p);
    Arrays.fill(g, 0);
    for (int i = 0; i < y.length; i++) {
      if (Double.isNaN(observed[i])) {
        continue;
      }
      double w = (y[i].v - observed[i]) / (sd[i] * sd[i]);
      for (int j = 0; j < g.length; j++) {
        g[j] += w * y[i].g[j];
      }
    }
    return lastCost;
  }

  @Override
  public double tangent(double[] p, double[] dp) {
    tangentCalls++;
    Dual2[] y = evaluate(p);
    double dj = 0;
    for (int i = 0; i < y.length; i++) {
      double dy = 0;
      for (int j = 0; j < dp.length; j++) {
        dy += y[i].g[j] * dp[j];
      }
      boolean missing = Double.isNaN(observed[i]);
      tangents[0][i] = dy;
      tangents[1][i] = missing ? Double.NaN : dy;
      if (!missing) {
        dj += (y[i].v - observed[i]) / (sd[i] * sd[i]) * dy;
      }
    }
    return dj;
  }

  @Override
  public double hessianVector(double[] p, double[] v, double[] hv) {
    hessianVectorCalls++;
    Dual2[] y = evaluate(p);
    Arrays.fill(hv, 0);
    int n = v.length;
    for (int i = 0; i < y.length; i++) {
      if (Double.isNaN(observed[i])) {
        continue;
      }
      double w = 1 / (sd[i] * sd[i]);
      double r = y[i].v - observed[i];
      double gv = 0;
      for (int j = 0; j < n; j++) {
        gv += y[i].g[j] * v[j];
      }
      for (int a = 0; a < n; a++) {
        double hvA = 0;
        for (int b = 0; b < n; b++) {
          hvA += y[i].h[a][b] * v[b];
        }
        hv[a] += w * (y[i].g[a] * gv + r * hvA);
      }
    }
    return lastCost;
  }

  @Override
  public double lastCost() {
    return lastCost;
  }

  @Override
  public double[] output(int k) {
    return outputs[k];
  }

  @Override
  public double[] outputTangent(int k) {
    return tangents[k];
  }

  @Override
  public CompiledModel copy() {
    return new AnalyticModel(info, formula, observed, sd);
  }

  /** Describes the parameters, observations and formula of an {@link AnalyticModel}. */
  public static final class Builder {
    private final String name;
    private final List<ParamInfo> params = new ArrayList<>();
    private int slots;
    private double[] observed;
    private double[] sd;
    private List<String> labels;
    private String unit = "";

    private Builder(String name) {
      this.name = name;
    }

    /** A scalar parameter with a flat prior and no bounds; mean is the reference (start) value. */
    public Builder flat(String pname, double mean) {
      return param(pname, mean, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false);
    }

    /** A scalar parameter with everything given. */
    public Builder param(String pname, double mean, double priorSd, double lo, double hi, boolean log) {
      return vector(pname, new double[] {mean}, new double[] {priorSd}, new double[] {lo}, new double[] {hi}, log, List.of());
    }

    /** An indexed parameter over the given dims (which must be the observation dim "i" or none). */
    public Builder vector(String pname, double[] mean, double[] priorSd, double[] lo, double[] hi, boolean log, List<String> dims) {
      params.add(new ParamInfo(pname, dims, slots, mean.length, mean, priorSd, lo, hi, log, "u_" + pname, "", params.size() + 1));
      slots += mean.length;
      return this;
    }

    /** Observed values (NaN where missing) with their 1-σ. */
    public Builder observations(double[] values, double[] sds) {
      this.observed = values.clone();
      this.sd = sds.clone();
      return this;
    }

    /** Labels for the elements of dim i (default "0", "1", ...). */
    public Builder labels(List<String> l) {
      this.labels = List.copyOf(l);
      return this;
    }

    /** The unit of the output yhat. */
    public Builder unit(String u) {
      this.unit = u;
      return this;
    }

    /** Finishes with the formula giving every modelled value from the parameters. */
    public AnalyticModel formula(Function<Dual2[], Dual2[]> f) {
      int m = observed.length;
      List<String> l = labels;
      if (l == null) {
        l = new ArrayList<>();
        for (int i = 0; i < m; i++) {
          l.add(Integer.toString(i));
        }
      }
      return new AnalyticModel(observedInfo(name, params, l, unit), f, observed, sd);
    }
  }

  /**
   * The description of a test model with one output {@code yhat[i]} over the elements {@code labels} and
   * one observe statement {@code y[i] ~ normal(yhat[i], sd[i])}: outputs 0-3 are yhat and the observation's
   * model, value and sd.
   */
  static ModelInfo observedInfo(String name, List<ParamInfo> params, List<String> labels, String unit) {
    List<String> dims = List.of("i");
    int[] shape = {labels.size()};
    List<OutputInfo> outs = List.of(
        new OutputInfo("yhat", dims, shape, unit, OutputInfo.Role.OUTPUT),
        new OutputInfo("obs1.model", dims, shape, unit, OutputInfo.Role.OBSERVATION_MODEL),
        new OutputInfo("obs1.value", dims, shape, unit, OutputInfo.Role.OBSERVATION_VALUE),
        new OutputInfo("obs1.sd", dims, shape, unit, OutputInfo.Role.OBSERVATION_SD));
    return new ModelInfo(name, name + " (test model)", name + ".phl", List.of(new DimInfo("i", labels.size(), labels)), params, outs,
        List.of(new ObservationInfo("y[i]", 1, 2, 3, 10)));
  }
}
