package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.phloem.runtime.CompiledModel;

/**
 * The Bayesian cost written as residuals, so that ½‖r‖² equals {@link BayesianCost}: one normalized
 * residual (y − y0)/σ (for a lognormal (log y − log y0)/σ) per non-missing observation element (read from the model's observation arrays),
 * then one (q − q0)/σq per slot with a prior. The Jacobian in x comes from n tangent sweeps of the
 * model, each in the direction p'ⱼ·eⱼ, so column j is directly ∂r/∂xⱼ.
 *
 * <p>Which observation elements count is fixed when this is built, from the observed-value and sd
 * arrays (they do not depend on the parameters).
 */
public final class ModelResiduals implements Residuals {

  private final CompiledModel model;
  private final SearchSpace space;
  private final List<ObservationElements.Element> elements;
  private final int[] priorSlots;
  private final double[] p;
  private final double[] dp;
  private final double[] direction;

  /** The residuals of {@code model} over {@code space}; evaluates the model once at the start to read the observations. */
  public ModelResiduals(CompiledModel model, SearchSpace space) {
    this.model = model;
    this.space = space;
    int n = space.dimension();
    if (!ObservationElements.sumOfSquares(model.info())) {
      throw new FitException("Levenberg-Marquardt needs a cost that is a sum of squares with fixed sds, but " + notSumOfSquares(model)
          + "; fit with --method lbfgs");
    }
    model.cost(space.start());
    elements = ObservationElements.read(model);
    List<Integer> prior = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (space.hasPrior(i)) {
        prior.add(i);
      }
    }
    priorSlots = prior.stream().mapToInt(Integer::intValue).toArray();
    p = new double[n];
    dp = new double[n];
    direction = new double[n];
  }

  /** "the observe on line 12 uses student_t" or "... has an sd that depends on the parameters". */
  private static String notSumOfSquares(CompiledModel model) {
    for (org.phloem.runtime.ObservationInfo o : model.info().observations()) {
      if (!o.sumOfSquares()) {
        return "the observe on line " + o.line() + (o.sdFitted() ? " has an sd that depends on the parameters (its log is in the cost)"
            : " uses " + o.likelihood().keyword());
      }
    }
    return "?";
  }

  @Override
  public int dimension() {
    return space.dimension();
  }

  @Override
  public int count() {
    return elements.size() + priorSlots.length;
  }

  /** Number of observation residuals (the first ones); the rest are prior residuals. */
  public int observationCount() {
    return elements.size();
  }

  @Override
  public void residuals(double[] x, double[] r) {
    space.physical(x, p, null, null);
    model.cost(p);
    int k = 0;
    for (ObservationElements.Element el : elements) {
      r[k++] = el.residual(model.output(el.modelOutput())[el.index()]);
    }
    double[] q = new double[3];
    for (int i : priorSlots) {
      space.slot(i).q(x[i], q);
      r[k++] = (q[0] - space.priorMeanQ(i)) / space.priorSdQ(i);
    }
  }

  @Override
  public void jacobian(double[] x, DMatrixRMaj jac) {
    int n = space.dimension();
    space.physical(x, p, dp, null);
    jac.zero();
    for (int j = 0; j < n; j++) {
      direction[j] = dp[j];
      model.tangent(p, direction);
      direction[j] = 0;
      int k = 0;
      for (ObservationElements.Element el : elements) {
        jac.set(k++, j, model.outputTangent(el.modelOutput())[el.index()] * el.residualSlope(model.output(el.modelOutput())[el.index()]));
      }
    }
    double[] q = new double[3];
    int k = elements.size();
    for (int i : priorSlots) {
      space.slot(i).q(x[i], q);
      jac.set(k++, i, q[1] / space.priorSdQ(i));
    }
  }
}
