package org.phloem.runtime.fit;

import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.CompiledModel;
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
   * @param sd the observation 1-σ
   */
  public record Element(int observation, int modelOutput, int index, double observed, double sd) {
    /** The normalized residual (modelled − observed)/sd for a modelled value. */
    public double residual(double modelled) {
      return (modelled - observed) / sd;
    }
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
          out.add(new Element(k, obs.modelOutput(), e, values[e], sds[e]));
        }
      }
    }
    return out;
  }
}
