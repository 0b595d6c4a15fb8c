/**
 * Automatic differentiation by source transformation of IR: {@link org.phloem.compiler.ad.AutoDiff}
 * turns {@code forward(p) -> J} into its tangent, its adjoint (gradient) and its Hessian-vector
 * product (the tangent of the adjoint).
 *
 * <p>Takes: an IR program whose {@code forward} function has one argument (the parameter vector,
 * read-only) and returns the cost first. Guarantees: the derivative functions return forward's cost
 * bit for bit, leave the tape balanced, write every slot of their output vectors, and emit no
 * derivative code for inactive values. Derivative rules live in one table, {@link
 * org.phloem.compiler.ad.DerivativeRules}; the analyses the transforms consult live in {@code
 * analysis}.
 */
package org.phloem.compiler.ad;
