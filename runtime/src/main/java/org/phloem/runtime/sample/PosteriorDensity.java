package org.phloem.runtime.sample;

import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.fit.BayesianCost;
import org.phloem.runtime.fit.SearchSpace;

/**
 * The posterior of a compiled model on {@code fit}'s search variables x: log π(x) = −J(x) + Σ log
 * |dq_i/dx_i|. J is the Bayesian cost of the fit (the negative log posterior density of q, the variable
 * each prior is stated on); the Jacobian term turns that density of q into a density of x, so that a
 * bounded parameter sampled in x keeps the posterior it has in q. A flat prior is flat in q: in p for
 * ordinary parameters, in ln p for {@code log} ones.
 */
public final class PosteriorDensity implements LogDensity {
  private final CompiledModel model;
  private final SearchSpace space;
  private final BayesianCost cost;
  private final double[] qDerivatives = new double[3];

  /** The posterior of {@code model} on the search space {@code space}. */
  public PosteriorDensity(CompiledModel model, SearchSpace space) {
    this.model = model;
    this.space = space;
    this.cost = new BayesianCost(model, space);
  }

  /** The search space (transforms from x to physical parameters). */
  public SearchSpace space() {
    return space;
  }

  /** The model, bound to its data (this instance's own copy). */
  public CompiledModel model() {
    return model;
  }

  @Override
  public int dimension() {
    return space.dimension();
  }

  @Override
  public double logDensity(double[] x, double[] g) {
    double j = cost.valueAndGradient(x, g);
    double logJacobian = 0;
    for (int i = 0; i < g.length; i++) {
      space.slot(i).q(x[i], qDerivatives);
      double d1 = qDerivatives[1];
      logJacobian += Math.log(Math.abs(d1));
      // d/dx log|q'| = q''/q'; minus the cost's gradient
      g[i] = -g[i] + qDerivatives[2] / d1;
    }
    return -j + logJacobian;
  }

  @Override
  public LogDensity copy() {
    return new PosteriorDensity(model.copy(), space);
  }
}
