package org.phloem.runtime.posterior;

import java.util.ArrayList;
import java.util.List;
import org.phloem.runtime.CompiledModel;
import org.phloem.runtime.OutputInfo;

/**
 * The uncertainty of outputs by the delta method, C_y = G·C·Gᵀ with G = ∂y/∂p from n tangent sweeps
 * (CCDAS's σ_F² = g·C_post·gᵀ). Applies to declared outputs and to the modelled values of observe
 * statements (for the ±2σ bands of the residual plots).
 */
public final class OutputUncertainty {
  private OutputUncertainty() {}

  /**
   * Every {@link OutputInfo.Role#OUTPUT} and {@link OutputInfo.Role#OBSERVATION_MODEL} array of
   * {@code model} at {@code p}, with its sd under the parameter covariance {@code covariance}.
   *
   * @param full whether to include each output's full covariance matrix (size²; off by default)
   */
  public static List<OutputSd> compute(CompiledModel model, double[] p, double[][] covariance, boolean full) {
    List<OutputInfo> infos = model.info().outputs();
    List<Integer> chosen = new ArrayList<>();
    for (int k = 0; k < infos.size(); k++) {
      OutputInfo.Role role = infos.get(k).role();
      if (role == OutputInfo.Role.OUTPUT || role == OutputInfo.Role.OBSERVATION_MODEL) {
        chosen.add(k);
      }
    }
    int[] outputs = chosen.stream().mapToInt(Integer::intValue).toArray();
    double[][][] jac = OutputJacobians.at(model, p, outputs);
    model.cost(p);
    int n = p.length;
    List<OutputSd> out = new ArrayList<>();
    for (int k = 0; k < outputs.length; k++) {
      OutputInfo info = infos.get(outputs[k]);
      double[] value = model.output(outputs[k]).clone();
      double[][] g = jac[k];
      int m = value.length;
      // GC = G·C once, then each variance is a row dot product
      double[][] gc = new double[m][n];
      for (int i = 0; i < m; i++) {
        for (int a = 0; a < n; a++) {
          double s = 0;
          for (int b = 0; b < n; b++) {
            s += g[i][b] * covariance[b][a];
          }
          gc[i][a] = s;
        }
      }
      double[] sd = new double[m];
      for (int i = 0; i < m; i++) {
        sd[i] = Double.isNaN(value[i]) ? Double.NaN : Math.sqrt(Math.max(dot(gc[i], g[i]), 0));
      }
      double[][] cy = null;
      if (full) {
        cy = new double[m][m];
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < m; j++) {
            cy[i][j] = dot(gc[i], g[j]);
          }
        }
      }
      out.add(new OutputSd(outputs[k], info.name(), info.dims(), info.shape(), value, sd, cy));
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
