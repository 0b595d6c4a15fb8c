/**
 * Derivative checks of a compiled model, run by the command line after every model edit: the adjoint
 * gradient against central finite differences slot by slot, the tangent-linear model against the
 * adjoint (dot-product test) and against finite differences of the outputs, and the Hessian-vector
 * product against finite differences of the gradient. Each check gives a row in a readable table and
 * a pass/fail; directions are drawn from a fixed seed, so a check is reproducible.
 */
package org.phloem.runtime.check;
