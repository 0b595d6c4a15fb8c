package org.phloem.engine.spark;

import java.io.Serializable;

/**
 * What a task sends back for one site: its cost, the scalar or vector the evaluation asked for, or the
 * exception the site's model threw (rethrown on the driver, as the local engine would).
 *
 * @param site the site's index
 * @param cost its cost
 * @param scalar the directional derivative (a tangent evaluation), else 0
 * @param vector the gradient or Hessian-vector product, else null
 * @param fault what the model threw, or null
 */
record SiteRow(int site, double cost, double scalar, double[] vector, RuntimeException fault) implements Serializable {
  private static final long serialVersionUID = 1L;
}
