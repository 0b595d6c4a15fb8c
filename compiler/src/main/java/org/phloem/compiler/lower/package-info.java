/**
 * Lowers a checked model to the forward IR: explicit loops, flat array indices, functions inlined,
 * reductions as accumulation loops, observations as NaN-skipping cost terms.
 *
 * <p>Takes: a {@link org.phloem.compiler.check.CheckedModel} (every name resolved, every expression
 * typed). Guarantees: an {@link org.phloem.compiler.ir.IrProgram} with one function,
 * {@code forward(p) -> J}, that
 * <ul>
 *   <li>starts with {@code J = 0}, copies the parameter vector {@code p} into scalar locals and indexed
 *       parameter arrays, and resets every state, var and output (so repeated runs are independent);
 *   <li>then runs the model's statements in file order, and the observation terms last;
 *   <li>never assigns an INPUT or CONSTANT array; loop bounds depend only on dim sizes, constants and
 *       enclosing loop indices;
 *   <li>gives every let, temporary and inlined-function local its own name, so the AD's analyses see
 *       no false overwrites.
 * </ul>
 */
package org.phloem.compiler.lower;
