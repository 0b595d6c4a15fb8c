package org.phloem.runtime.posterior;

import org.phloem.runtime.CompiledModel;

/**
 * ∂output/∂p for chosen outputs, one tangent sweep per parameter slot (n sweeps in all, whatever the
 * number of outputs).
 */
final class OutputJacobians {
  private OutputJacobians() {}

  /** result[k][i][j] = ∂ output(outputs[k])[i] / ∂p_j at p. */
  static double[][][] at(CompiledModel model, double[] p, int[] outputs) {
    int n = p.length;
    double[][][] jac = new double[outputs.length][][];
    for (int k = 0; k < outputs.length; k++) {
      jac[k] = new double[model.info().outputs().get(outputs[k]).size()][n];
    }
    double[] dp = new double[n];
    for (int j = 0; j < n; j++) {
      dp[j] = 1;
      model.tangent(p, dp);
      dp[j] = 0;
      for (int k = 0; k < outputs.length; k++) {
        double[] t = model.outputTangent(outputs[k]);
        for (int i = 0; i < t.length; i++) {
          jac[k][i][j] = t[i];
        }
      }
    }
    return jac;
  }
}
