package org.phloem.engine.spark;

/** The four sweeps a site sum asks of its sites. */
enum Evaluation {
  COST, GRADIENT, TANGENT, HESSIAN_VECTOR
}
