package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.Likelihood;
import org.phloem.runtime.ModelInfo;
import org.phloem.runtime.ObservationInfo;

/**
 * The non-missing observation elements of a model, in order (observe statements in declaration order,
 * elements row-major within each): where each one's modelled value is found, its observed value and
 * its sd. Missing elements (NaN observed value or sd) are left out, as the cost leaves them out.
 */
public final class ObservationElements {

  /**
   * One observed element.
   *
   * @param observation index into {@code ModelInfo.observations()}
   * @param modelOutput index of the output holding the modelled values
   * @param index flat element index within that output
   * @param observed the observed value
   * @param sd the observation 1-σ (for a lognormal: of the log)
   * @param likelihood the distribution its observe states
   */
  public record Element(int observation, int modelOutput, int index, double observed, double sd, Likelihood likelihood) {
    /** A normal observation's element. */
    public Element(int observation, int modelOutput, int index, double observed, double sd) {
      this(observation, modelOutput, index, observed, sd, Likelihood.NORMAL);
    }

    /** The normalized residual (modelled − observed)/sd, or (log modelled − log observed)/sd for a lognormal. */
    public double residual(double modelled) {
      return likelihood.residual(modelled, observed, sd);
    }

    /** ∂residual/∂modelled at {@code modelled}. */
    public double residualSlope(double modelled) {
      return likelihood.residualSlope(modelled, sd);
    }
  }

  /** True when every observation of {@code info} is a sum of squares with fixed sds ({@link ObservationInfo#sumOfSquares}). */
  public static boolean sumOfSquares(ModelInfo info) {
    return info.observations().stream().allMatch(ObservationInfo::sumOfSquares);
  }

  private ObservationElements() {}

  /**
   * The elements of {@code model}, read from its observation arrays after the most recent evaluation
   * (observed values and sds do not depend on the parameters; the caller evaluates the model first).
   */
  public static List<Element> read(CompiledModel model) {
    List<Element> out = new ArrayList<>();
    List<ObservationInfo> observations = model.info().observations();
    for (int k = 0; k < observations.size(); k++) {
      ObservationInfo obs = observations.get(k);
      double[] values = model.output(obs.valueOutput());
      double[] sds = model.output(obs.sdOutput());
      for (int e = 0; e < values.length; e++) {
        if (!Double.isNaN(values[e]) && !Double.isNaN(sds[e])) {
          out.add(new Element(k, obs.modelOutput(), e, values[e], sds[e], obs.likelihood()));
        }
      }
    }
    return out;
  }
}
