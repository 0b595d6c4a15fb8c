/**
 * Pure-expression optimisations of the forward IR, run at the end of lowering so that the forward
 * model and every derivative made from it profit.
 *
 * <p>Takes: a forward function as {@link org.phloem.compiler.lower} makes it (every let, temporary and
 * inlined-function local with its own name). Guarantees: the same values, bit for bit — an expression
 * is computed with the same operations on the same operands, only fewer times:
 * <ul>
 *   <li>{@link org.phloem.compiler.optimize.RepeatedLocals}: a local assigned the same expression as an
 *       earlier one whose operands have not changed since (the same function inlined twice with the
 *       same arguments) becomes that one;
 *   <li>{@link org.phloem.compiler.optimize.LoopInvariants}: an expression with a transcendental
 *       function (and a whole assignment) that reads nothing the loop writes moves before a loop that
 *       runs at least once (an Arrhenius factor of the month's temperature out of the loops over canopy
 *       layers and quadrature nodes).
 * </ul>
 */
package org.phloem.compiler.optimize;
