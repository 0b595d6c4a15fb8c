package org.phloem.runtime.twin;

/** Observations made from modelled values: value + sd·z, z standard normal, element by element. */
public final class SyntheticObservations {
  private SyntheticObservations() {}

  /**
   * The noisy observations of one observation array: for every element whose modelled value and sd are
   * both numbers (the elements the observation uses), {@code modelled + sd·z} with z the next draw of
   * {@code noise}, in element order; NaN (missing) elsewhere, so that exactly the same elements are
   * observed again.
   */
  public static double[] make(double[] modelled, double[] sd, GaussianNoise noise) {
    if (modelled.length != sd.length) {
      throw new IllegalArgumentException(modelled.length + " modelled values but " + sd.length + " sds");
    }
    double[] out = new double[modelled.length];
    for (int e = 0; e < out.length; e++) {
      out[e] = Double.isNaN(modelled[e]) || Double.isNaN(sd[e]) ? Double.NaN : modelled[e] + sd[e] * noise.next();
    }
    return out;
  }
}
