/**
 * Data-flow analyses over structured IR, all run by one engine ({@link
 * org.phloem.compiler.analysis.DataFlow}): each analysis only says what its state is, how two states
 * join, and how one simple statement changes a state; the engine walks blocks, both branches of an
 * {@code if}, and iterates loops to a fixed point, forwards or backwards.
 *
 * <p>Takes: an IR statement list. Guarantees: the state before and after every statement (by
 * identity), for the derivative transforms in {@code ad} to consult. Analyses: {@link
 * org.phloem.compiler.analysis.Activity} (varied and useful variables) and {@link
 * org.phloem.compiler.analysis.ToBeRecorded} (which overwritten values the reverse sweep needs); and,
 * by a structural walk rather than the engine, {@link org.phloem.compiler.analysis.Recomputable}
 * (locals the reverse sweep can compute again from data nothing overwrites, instead of taping them).
 */
package org.phloem.compiler.analysis;
