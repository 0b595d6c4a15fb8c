/**
 * Diagnoses what goes wrong at run time, in the modeller's terms.
 *
 * <p>{@link org.phloem.compiler.diagnose.NumericalFaults} re-runs a model's forward IR in the
 * interpreter when a run's cost or an output is NaN or infinite, stops at the first assignment that
 * stored a non-finite value, and names the model file, line, variable, element (with its dim labels),
 * the expression and the operand values that made it so.
 */
package org.phloem.compiler.diagnose;
