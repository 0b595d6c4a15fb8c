/**
 * The {@code phloem} command line ({@code compile}, {@code run}, {@code check}, {@code fit},
 * {@code watch}; see docs/commands.md) and the one short function that runs the pipeline
 * ({@link org.phloem.compiler.driver.Pipeline}): parse, check, lower, differentiate, emit, load, bind.
 *
 * <p>Guarantees: a mistake in a model file or its data ends in positioned messages and a non-zero exit
 * code, never a Java stack trace; only an internal error (a bug in Phloem) prints one, and says so.
 */
package org.phloem.compiler.driver;
