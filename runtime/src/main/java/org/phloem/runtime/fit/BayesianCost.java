package org.phloem.runtime.fit;

import java.util.Arrays;
import org.phloem.runtime.CompiledModel;

/**
 * The cost of the seed's equation (1), J = prior + observation cost, as a function of the search
 * vector x (for the minimizers) and of the physical parameters p (for the posterior and checks).
 *
 * <p>The observation part and its derivatives come from the compiled model in physical units; the
 * chain rule through the diagonal transform p(x) gives, with p' = dp/dx and p'' = d²p/dx²,
 * ∇ₓJ = p' ⊙ ∇ₚJ and ∇²ₓJ·v = p' ⊙ (∇²ₚJ·(p' ⊙ v)) + p'' ⊙ ∇ₚJ ⊙ v, plus the prior's own terms
 * (computed in x directly, see {@link SearchSpace#prior}). Not thread-safe, like the model it wraps.
 */
public final class BayesianCost implements Objective {

  private final CompiledModel model;
  private final SearchSpace space;
  private final int n;
  private final double[] p;
  private final double[] dp;
  private final double[] d2p;
  private final double[] gp;
  private final double[] work;
  private final double[] work2;
  private final double[] priorGrad;
  private final double[] priorHess;
  private double[] gradientAt;
  private double lastObservation = Double.NaN;
  private double lastPrior = Double.NaN;

  /** The cost of {@code model} searched in {@code space}. */
  public BayesianCost(CompiledModel model, SearchSpace space) {
    this.model = model;
    this.space = space;
    this.n = space.dimension();
    if (model.info().parameterCount() != n) {
      throw new IllegalArgumentException("model has " + model.info().parameterCount() + " slots, search space " + n);
    }
    p = new double[n];
    dp = new double[n];
    d2p = new double[n];
    gp = new double[n];
    work = new double[n];
    work2 = new double[n];
    priorGrad = new double[n];
    priorHess = new double[n];
  }

  /** The model whose observation cost this adds a prior to. */
  public CompiledModel model() {
    return model;
  }

  /** The search space (transforms and priors). */
  public SearchSpace space() {
    return space;
  }

  @Override
  public int dimension() {
    return n;
  }

  /** The observation part of the most recent evaluation. */
  public double lastObservationCost() {
    return lastObservation;
  }

  /** The prior part of the most recent evaluation. */
  public double lastPriorCost() {
    return lastPrior;
  }

  private double record(double obs, double prior) {
    lastObservation = obs;
    lastPrior = prior;
    return obs + prior;
  }

  @Override
  public double value(double[] x) {
    space.physical(x, p, null, null);
    return record(model.cost(p), space.prior(x, null, null));
  }

  @Override
  public double valueAndGradient(double[] x, double[] g) {
    space.physical(x, p, dp, null);
    double obs = model.gradient(p, gp);
    gradientAt = p.clone();
    double prior = space.prior(x, priorGrad, null);
    for (int i = 0; i < n; i++) {
      g[i] = dp[i] * gp[i] + priorGrad[i];
    }
    return record(obs, prior);
  }

  @Override
  public boolean hasHessianVector() {
    return true;
  }

  @Override
  public double hessianVector(double[] x, double[] v, double[] hv) {
    space.physical(x, p, dp, d2p);
    // the p'' term needs ∇ₚJ at this point; reuse it when the last gradient was taken here
    if (gradientAt == null || !Arrays.equals(gradientAt, p)) {
      model.gradient(p, gp);
      gradientAt = p.clone();
    }
    for (int i = 0; i < n; i++) {
      work[i] = dp[i] * v[i];
    }
    double obs = model.hessianVector(p, work, work2);
    double prior = space.prior(x, null, priorHess);
    for (int i = 0; i < n; i++) {
      hv[i] = dp[i] * work2[i] + d2p[i] * gp[i] * v[i] + priorHess[i] * v[i];
    }
    return record(obs, prior);
  }

  /** J at physical p. */
  public double valuePhysical(double[] pp) {
    return record(model.cost(pp), space.priorPhysical(pp, null, null));
  }

  /** J at physical p; overwrites {@code g} with ∂J/∂p. */
  public double gradientPhysical(double[] pp, double[] g) {
    double obs = model.gradient(pp, g);
    double prior = space.priorPhysical(pp, priorGrad, null);
    for (int i = 0; i < n; i++) {
      g[i] += priorGrad[i];
    }
    return record(obs, prior);
  }

  /** ∇²ₚJ·v at physical p into {@code hv}; returns J. */
  public double hessianVectorPhysical(double[] pp, double[] v, double[] hv) {
    double obs = model.hessianVector(pp, v, hv);
    double prior = space.priorPhysical(pp, null, priorHess);
    for (int i = 0; i < n; i++) {
      hv[i] += priorHess[i] * v[i];
    }
    return record(obs, prior);
  }
}
