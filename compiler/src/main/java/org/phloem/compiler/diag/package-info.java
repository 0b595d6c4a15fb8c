/**
 * Errors: their kinds, collection and the one text format every stage uses.
 *
 * <p>Takes: {@link org.phloem.compiler.diag.Diagnostic}s from any pass. Guarantees: {@link
 * org.phloem.compiler.diag.Diagnostics} keeps them up to a limit and sorts them into source order;
 * {@link org.phloem.compiler.diag.DiagnosticFormatter} renders the Stan-style block (header, quoted
 * line with gutter, carets, message) and a count line; a {@link
 * org.phloem.compiler.diag.CompileException} carries them all and its message is that text. User errors
 * never carry a stack trace; {@link org.phloem.compiler.diag.InternalCompilerError} is the separate
 * kind for compiler bugs and asks to be reported.
 */
package org.phloem.compiler.diag;
